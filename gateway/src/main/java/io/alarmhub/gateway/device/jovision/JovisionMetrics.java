package io.alarmhub.gateway.device.jovision;

import io.alarmhub.gateway.device.jovision.JovisionMessage.Malformed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The adapter's meters, tagged {@code vendor=jovision}:
 * <ul>
 *   <li>{@code alarmhub.device.messages} (counter, tag {@code type}: {@code online}, {@code heartbeat},
 *       {@code offline}, {@code alarm} (2219), {@code alarm_ftp} (2221), {@code alarm_cloud} (2223)): valid
 *       requests</li>
 *   <li>{@code alarmhub.device.bad_input} (counter, tag {@code reason}: {@code oversized}, {@code not_json},
 *       {@code invalid}, {@code unknown_type}): lines that were not valid requests</li>
 *   <li>{@code alarmhub.device.connections.open} (gauge): device connections open now</li>
 *   <li>{@code alarmhub.device.closed} (counter, tag {@code reason}: {@code heartbeat_timeout},
 *       {@code line_timeout}): connections the server closed for silence or a line too slow to arrive</li>
 * </ul>
 * Counters are created up front so that a scrape shows zeros rather than nothing.
 */
public final class JovisionMetrics {

    private static final String VENDOR = JovisionMessage.VENDOR;

    private final Map<Integer, Counter> messages = new HashMap<>();
    private final Map<Malformed.Kind, Counter> badInput = new EnumMap<>(Malformed.Kind.class);
    private final AtomicInteger open = new AtomicInteger();
    private final Counter heartbeatTimeouts;
    private final Counter lineTimeouts;

    public JovisionMetrics(MeterRegistry registry) {
        message(registry, JovisionMessage.ONLINE, "online");
        message(registry, JovisionMessage.HEARTBEAT, "heartbeat");
        message(registry, JovisionMessage.OFFLINE, "offline");
        message(registry, JovisionMessage.ALARM, "alarm");
        message(registry, JovisionMessage.FTP_ALARM, "alarm_ftp");
        message(registry, JovisionMessage.CLOUD_ALARM, "alarm_cloud");
        for (Malformed.Kind kind : Malformed.Kind.values()) {
            badInput.put(kind, Counter.builder("alarmhub.device.bad_input").tag("vendor", VENDOR)
                    .tag("reason", kind.tag()).description("device lines that were not valid requests")
                    .register(registry));
        }
        heartbeatTimeouts = closedCounter(registry, "heartbeat_timeout");
        lineTimeouts = closedCounter(registry, "line_timeout");
        Gauge.builder("alarmhub.device.connections.open", open, AtomicInteger::get).tag("vendor", VENDOR)
                .description("device connections open now").register(registry);
    }

    private static Counter closedCounter(MeterRegistry registry, String reason) {
        return Counter.builder("alarmhub.device.closed").tag("vendor", VENDOR).tag("reason", reason)
                .description("device connections the server closed").register(registry);
    }

    void heartbeatTimedOut() {
        heartbeatTimeouts.increment();
    }

    void lineTimedOut() {
        lineTimeouts.increment();
    }

    private void message(MeterRegistry registry, int type, String tag) {
        messages.put(type, Counter.builder("alarmhub.device.messages").tag("vendor", VENDOR).tag("type", tag)
                .description("valid device requests").register(registry));
    }

    void message(JovisionMessage.Request request) {
        messages.get(request.type()).increment();
    }

    void badInput(Malformed.Kind kind) {
        badInput.get(kind).increment();
    }

    void opened() {
        open.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    /** Connections open now. */
    public int open() {
        return open.get();
    }
}
