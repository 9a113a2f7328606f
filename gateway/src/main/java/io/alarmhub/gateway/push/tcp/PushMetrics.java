package io.alarmhub.gateway.push.tcp;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.Presence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The meters of one push face, all named {@code alarmhub.push.*} and tagged {@code face}:
 * <ul>
 *   <li>{@code alarmhub.push.connections} (counter): connections accepted (WebSocket: handshakes completed)</li>
 *   <li>{@code alarmhub.push.connections.open} (gauge): connections open now, from {@link Presence}</li>
 *   <li>{@code alarmhub.push.bad_input} (counter, tag {@code reason}): lines, frames or handshakes refused</li>
 *   <li>{@code alarmhub.push.closed} (counter, tag {@code reason}): connections the server closed</li>
 *   <li>{@code alarmhub.push.relay_dropped} (counter): room frames not relayed to a peer that could not keep up</li>
 * </ul>
 * Counters are created up front so that a scrape shows zeros rather than nothing.
 */
public final class PushMetrics {

    /** Why input was refused. */
    public enum BadInput {
        /** Not one JSON value in UTF-8. */
        MALFORMED,
        /** Longer than the line or frame limit. */
        OVERSIZED,
        /** JSON, but not a valid request: unknown {@code t}, missing or wrong fields. */
        INVALID,
        /** Broke the framing protocol (WebSocket framing, UTF-8 of a text frame). */
        PROTOCOL,
        /** A WebSocket handshake refused: unknown path, bad room parameters, not an upgrade. */
        HANDSHAKE
    }

    /** Why the server closed a connection. */
    public enum Closed {
        /** Nothing read within the idle timeout. */
        IDLE,
        /** Too many bad lines in a row, or a frame too large to read. */
        BAD_INPUT,
        /** PushServer: the first line, or a line once begun, not complete within the line timeout. */
        LINE_TIMEOUT
    }

    private final Counter connections;
    private final Counter relayDropped;
    private final Map<BadInput, Counter> badInput = new EnumMap<>(BadInput.class);
    private final Map<Closed, Counter> closed = new EnumMap<>(Closed.class);

    public PushMetrics(MeterRegistry registry, Face face, Presence presence) {
        String tag = face.name().toLowerCase(Locale.ROOT);
        connections = Counter.builder("alarmhub.push.connections").tag("face", tag)
                .description("connections accepted").register(registry);
        relayDropped = Counter.builder("alarmhub.push.relay_dropped").tag("face", tag)
                .description("room frames dropped for a peer past its write watermark").register(registry);
        Gauge.builder("alarmhub.push.connections.open", presence, p -> p.connections(face)).tag("face", tag)
                .description("connections open now").register(registry);
        for (BadInput reason : BadInput.values()) {
            badInput.put(reason, Counter.builder("alarmhub.push.bad_input").tag("face", tag)
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        for (Closed reason : Closed.values()) {
            closed.put(reason, Counter.builder("alarmhub.push.closed").tag("face", tag)
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    public void connected() {
        connections.increment();
    }

    public void badInput(BadInput reason) {
        badInput.get(reason).increment();
    }

    public void closed(Closed reason) {
        closed.get(reason).increment();
    }

    public void relayDropped() {
        relayDropped.increment();
    }
}
