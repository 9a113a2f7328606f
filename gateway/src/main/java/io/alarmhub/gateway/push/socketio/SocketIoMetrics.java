package io.alarmhub.gateway.push.socketio;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.Presence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The face's meters, all tagged {@code face=socketio}: {@code alarmhub.push.connections} (accepted since
 * start), {@code alarmhub.push.connections.open} (open now) and {@code alarmhub.push.bad_input} by reason.
 * Names, types and descriptions match the other faces' meters: one registry holds them all.
 */
final class SocketIoMetrics {

    static final String FACE = "socketio";

    /** Why input was refused; the {@code reason} tag of {@code alarmhub.push.bad_input}. */
    enum BadInput {
        /** An event payload that is not a valid request of its event. */
        REQUEST,
        /** An alias in the handshake query or {@code auth} object that is not a valid alias. */
        ALIAS,
        /** An Engine.IO or Socket.IO packet that cannot be decoded, or a frame or body over its size limit. */
        PACKET,
        /** A request past the connection's limit of requests awaiting the store. */
        OVERLOAD;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Counter opened;
    private final Map<BadInput, Counter> badInput = new EnumMap<>(BadInput.class);

    SocketIoMetrics(MeterRegistry registry, Presence presence) {
        opened = Counter.builder("alarmhub.push.connections")
                .tag("face", FACE)
                .description("connections accepted")
                .register(registry);
        Gauge.builder("alarmhub.push.connections.open", presence, p -> p.connections(Face.SOCKET_IO))
                .tag("face", FACE)
                .description("connections open now")
                .register(registry);
        for (BadInput reason : BadInput.values()) {
            badInput.put(reason, Counter.builder("alarmhub.push.bad_input")
                    .tag("face", FACE)
                    .tag("reason", reason.tag())
                    .register(registry));
        }
    }

    void opened() {
        opened.increment();
    }

    void badInput(BadInput reason) {
        badInput.get(reason).increment();
    }
}
