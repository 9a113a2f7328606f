package io.alarmhub.server.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.alarmhub.gateway.device.DeviceAdapter;
import io.alarmhub.gateway.device.DeviceAdapterRegistry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.alarmhub.server.config.SectionChecks.list;
import static io.alarmhub.gateway.device.Sections.present;

/**
 * The whole configuration, as bound from YAML (kebab-case keys): one record per section, each holding its
 * defaults in its {@code DEFAULT} and checking its values as it is made, and every vendor's section from its
 * adapter. {@code alarmhub.example.yaml} in the repository lists them all with their meaning. Immutable: a
 * changed configuration is a copy made with the {@code with...} methods.
 *
 * @param enterprises the enterprise back ends of the event stream
 * @param vendors     the vendors this configuration was read for, and their sections; not a YAML key
 *                    ({@link ConfigLoader} injects it), each vendor's section is a top-level key of its own
 */
public record AlarmhubConfig(NodeSection node,
                             DataSection data,
                             StoreSection store,
                             PushSection push,
                             TokensSection tokens,
                             RestSection rest,
                             TcpSection tcp,
                             WebSocketSection websocket,
                             SocketIoSection socketio,
                             MetricsSection metrics,
                             DevicesSection devices,
                             MediaSection media,
                             RoutingSection routing,
                             StreamSection stream,
                             AdmissionSection admission,
                             List<EnterpriseEntry> enterprises,
                             @JsonIgnore @JacksonInject VendorSections vendors) {

    /** Every section's defaults, for this build's vendors: what an empty file (or none) runs. */
    public static final AlarmhubConfig DEFAULT = new AlarmhubConfig(NodeSection.DEFAULT, DataSection.DEFAULT,
            StoreSection.DEFAULT, PushSection.DEFAULT, TokensSection.DEFAULT, RestSection.DEFAULT, TcpSection.DEFAULT,
            WebSocketSection.DEFAULT, SocketIoSection.DEFAULT, MetricsSection.DEFAULT, DevicesSection.DEFAULT,
            MediaSection.DEFAULT, RoutingSection.DEFAULT, StreamSection.DEFAULT, AdmissionSection.DEFAULT, List.of(),
            VendorSections.STANDARD);

    /**
     * The rules across sections; messages name both keys by their full path, as the loader prints them
     * unchanged.
     */
    public AlarmhubConfig {
        present("node", node);
        present("data", data);
        present("store", store);
        present("push", push);
        present("tokens", tokens);
        present("rest", rest);
        present("tcp", tcp);
        present("websocket", websocket);
        present("socketio", socketio);
        present("metrics", metrics);
        present("devices", devices);
        present("media", media);
        present("routing", routing);
        present("stream", stream);
        present("admission", admission);
        enterprises = list("enterprises", enterprises);
        present("vendors", vendors);
        // a pending alarm's picture must still open when the alarm is finally delivered
        if (media.urlValidity().compareTo(routing.timeToLive()) < 0) {
            throw new IllegalArgumentException("media.url-validity: " + media.urlValidity()
                    + " must be at least routing.time-to-live (" + routing.timeToLive()
                    + "), or pending alarms lose their pictures");
        }
    }

    /**
     * Checks what no single section can: two listeners on one port. The canonical constructor cannot, as
     * the vendors' sections are only complete once the loader has them all; the loader calls this.
     */
    AlarmhubConfig checked() {
        ListenPort.clash(ListenPort.of(this)).ifPresent(clash -> {
            throw new ConfigException(clash);
        });
        return this;
    }

    /** The vendors whose sections this configuration holds. */
    public DeviceAdapterRegistry adapters() {
        return vendors.registry();
    }

    /** A vendor's section: as configured, or its defaults. */
    public <S extends Record> S section(DeviceAdapter<S> adapter) {
        return vendors.section(adapter);
    }

    /** Every registered vendor's section, by vendor id, as top-level keys: what the YAML holds. */
    @JsonAnyGetter
    public Map<String, Record> vendorSections() {
        return vendors.all();
    }

    /** {@code media.dir} resolved against {@code data.dir}. */
    public Path mediaPath() {
        return data.dir().resolve(media.dir());
    }

    /** {@code store.sqlite-file} resolved against {@code data.dir}. */
    public Path sqlitePath() {
        return data.dir().resolve(store.sqliteFile());
    }

    public AlarmhubConfig withNode(NodeSection node) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withData(DataSection data) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withStore(StoreSection store) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withPush(PushSection push) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withTokens(TokensSection tokens) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withRest(RestSection rest) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withTcp(TcpSection tcp) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withWebsocket(WebSocketSection websocket) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withSocketio(SocketIoSection socketio) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withMetrics(MetricsSection metrics) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withDevices(DevicesSection devices) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withMedia(MediaSection media) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withRouting(RoutingSection routing) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withStream(StreamSection stream) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withAdmission(AdmissionSection admission) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withEnterprises(List<EnterpriseEntry> enterprises) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }

    public AlarmhubConfig withVendors(VendorSections vendors) {
        return new AlarmhubConfig(node, data, store, push, tokens, rest, tcp, websocket, socketio, metrics, devices,
                media, routing, stream, admission, enterprises, vendors);
    }
}
