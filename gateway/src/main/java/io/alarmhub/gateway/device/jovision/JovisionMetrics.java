package io.alarmhub.gateway.device.jovision;

import io.alarmhub.gateway.device.DeviceMetrics;
import io.alarmhub.gateway.device.jovision.JovisionMessage.Malformed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Jovision vocabulary of the shared {@link DeviceMetrics}, tagged {@code vendor=jovision}, every counter
 * created up front:
 * <ul>
 *   <li>{@code alarmhub.device.messages}, {@code type}: {@code online}, {@code heartbeat}, {@code offline},
 *       {@code alarm} (2219), {@code alarm_ftp} (2221), {@code alarm_cloud} (2223)</li>
 *   <li>{@code alarmhub.device.bad_input}, {@code reason}: {@code oversized}, {@code not_json},
 *       {@code invalid}, {@code unknown_type}</li>
 *   <li>{@code alarmhub.device.connections.open}</li>
 *   <li>{@code alarmhub.device.closed}, {@code reason}: {@code heartbeat_timeout}, {@code line_timeout}:
 *       connections closed for silence or a line too slow to arrive</li>
 * </ul>
 * Jovision has no meters of its own beyond these.
 */
public final class JovisionMetrics {

    private final Map<Integer, Counter> messages = new HashMap<>();
    private final Map<Malformed.Kind, Counter> badInput = new EnumMap<>(Malformed.Kind.class);
    private final AtomicInteger open = new AtomicInteger();
    private final Counter heartbeatTimeouts;
    private final Counter lineTimeouts;

    public JovisionMetrics(MeterRegistry registry) {
        DeviceMetrics shared = new DeviceMetrics(JovisionMessage.VENDOR, registry);
        messages.put(JovisionMessage.ONLINE, shared.messages("online"));
        messages.put(JovisionMessage.HEARTBEAT, shared.messages("heartbeat"));
        messages.put(JovisionMessage.OFFLINE, shared.messages("offline"));
        messages.put(JovisionMessage.ALARM, shared.messages("alarm"));
        messages.put(JovisionMessage.FTP_ALARM, shared.messages("alarm_ftp"));
        messages.put(JovisionMessage.CLOUD_ALARM, shared.messages("alarm_cloud"));
        for (Malformed.Kind kind : Malformed.Kind.values()) {
            badInput.put(kind, shared.badInput(kind.tag()));
        }
        heartbeatTimeouts = shared.closed("heartbeat_timeout");
        lineTimeouts = shared.closed("line_timeout");
        shared.connections(open, AtomicInteger::get);
    }

    void heartbeatTimedOut() {
        heartbeatTimeouts.increment();
    }

    void lineTimedOut() {
        lineTimeouts.increment();
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
