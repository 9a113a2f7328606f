package io.alarmhub.server.config;

import io.alarmhub.gateway.device.DeviceAdapter;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One configured listening address, by the key that sets its port: what two listeners must not share,
 * and what a bind failure is reported under ({@code rest.port: 0.0.0.0:9900 is already in use}).
 *
 * @param key  the YAML key of the port, e.g. {@code rest.port}, {@code jovision.port}
 * @param host the address it binds
 * @param port the port; 0 (any free port) never clashes
 */
public record ListenPort(String key, String host, int port) {

    /** Every listener's port in a configuration: the node's sections, the metrics endpoint, each vendor's. */
    public static List<ListenPort> of(AlarmhubConfig c) {
        List<ListenPort> ports = new ArrayList<>(List.of(
                new ListenPort("rest.port", c.rest().host(), c.rest().port()),
                new ListenPort("tcp.port", c.tcp().host(), c.tcp().port()),
                new ListenPort("websocket.port", c.websocket().host(), c.websocket().port()),
                new ListenPort("socketio.port", c.socketio().host(), c.socketio().port()),
                new ListenPort("media.port", c.media().host(), c.media().port()),
                new ListenPort("stream.port", c.stream().host(), c.stream().port())));
        if (c.metrics().enabled()) {
            ports.add(new ListenPort("metrics.port", c.metrics().host(), c.metrics().port()));
        }
        for (DeviceAdapter<?> adapter : c.adapters().adapters()) {
            ports.addAll(vendorPorts(adapter.vendor(), c.section(adapter), adapter.portKeys()));
        }
        return List.copyOf(ports);
    }

    /** The first pair of ports that would bind the same address, as a message naming both keys. */
    static Optional<String> clash(List<ListenPort> ports) {
        for (int i = 0; i < ports.size(); i++) {
            for (int j = 0; j < i; j++) {
                ListenPort a = ports.get(j);
                ListenPort b = ports.get(i);
                if (a.port != 0 && a.port == b.port && (a.host.equals(b.host) || wildcard(a.host) || wildcard(b.host))) {
                    return Optional.of(b.key + ": " + b.port + " is " + a.key + " too; two listeners cannot share"
                            + " a port");
                }
            }
        }
        return Optional.empty();
    }

    /** Whether this listener's address is the one a failure to bind {@code host:port} was about. */
    public boolean binds(String host, int port) {
        return this.port == port && this.host.equals(host);
    }

    private static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /** A vendor section's port keys, read from its record: the keys are its components, in kebab-case. */
    private static List<ListenPort> vendorPorts(String vendor, Record section, List<String> portKeys) {
        List<ListenPort> ports = new ArrayList<>();
        String host = component(section, "host").map(String::valueOf).orElse("0.0.0.0");
        for (String key : portKeys) {
            component(section, key).filter(Integer.class::isInstance).map(Integer.class::cast)
                    .ifPresent(port -> ports.add(new ListenPort(vendor + "." + key, host, port)));
        }
        return ports;
    }

    private static Optional<Object> component(Record section, String kebabKey) {
        String name = camel(kebabKey);
        for (RecordComponent component : section.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                try {
                    Method accessor = component.getAccessor();
                    // a vendor's section record may be a nested class of its package, not public
                    accessor.setAccessible(true);
                    return Optional.ofNullable(accessor.invoke(section));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + kebabKey + " of " + section, e);
                }
            }
        }
        return Optional.empty();
    }

    private static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char ch : kebab.toCharArray()) {
            if (ch == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString();
    }
}
