package io.alarmhub.gateway.stream;

import io.alarmhub.core.stream.EnterpriseStreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The enterprise stream's meters:
 * <ul>
 *   <li>{@code alarmhub.stream.connections.open} (gauge): logged-in connections</li>
 *   <li>{@code alarmhub.stream.events.sent} / {@code alarmhub.stream.events.acked} (counters)</li>
 *   <li>{@code alarmhub.stream.logins} (counter, tag {@code result}: ok, failed)</li>
 *   <li>{@code alarmhub.stream.invalid} (counter): lines answered {@code invalid_msg}</li>
 *   <li>{@code alarmhub.stream.acks.unknown} (counter): acks of ids not in flight on that connection</li>
 *   <li>{@code alarmhub.stream.closed} (counter, tag {@code reason}, one of {@link Closed}, lower case):
 *       connections ended, by why</li>
 * </ul>
 */
final class StreamMetrics {

    /** Why a connection ended. */
    enum Closed {
        /** No successful login within the login timeout. */
        LOGIN_TIMEOUT,
        /** Nothing read within the idle timeout. */
        IDLE,
        /** The login was refused (wrong secret, bad prefetch, unknown enterprise). */
        LOGIN_REFUSED,
        /** What arrived could not be read at all: not TLS, a failed handshake, a broken connection. */
        BAD_INPUT,
        /** The server ended it: shutting down, or the enterprise was removed. */
        SERVER,
        /** The client hung up. */
        PEER_CLOSED
    }

    private final Map<Closed, Counter> closed = new EnumMap<>(Closed.class);

    private final Counter sent;
    private final Counter acked;
    private final Counter loginOk;
    private final Counter loginFailed;
    private final Counter invalid;

    StreamMetrics(MeterRegistry registry, EnterpriseStreams streams) {
        Gauge.builder("alarmhub.stream.connections.open", streams, EnterpriseStreams::connectionCount)
                .description("logged-in enterprise connections").register(registry);
        FunctionCounter.builder("alarmhub.stream.acks.unknown", streams, EnterpriseStreams::unknownAcks)
                .description("acks of delivery ids not in flight on that connection").register(registry);
        sent = Counter.builder("alarmhub.stream.events.sent").register(registry);
        acked = Counter.builder("alarmhub.stream.events.acked").register(registry);
        loginOk = Counter.builder("alarmhub.stream.logins").tag("result", "ok").register(registry);
        loginFailed = Counter.builder("alarmhub.stream.logins").tag("result", "failed").register(registry);
        invalid = Counter.builder("alarmhub.stream.invalid").register(registry);
        for (Closed reason : Closed.values()) {
            closed.put(reason, Counter.builder("alarmhub.stream.closed")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("enterprise connections ended").register(registry));
        }
    }

    void closed(Closed reason) {
        closed.get(reason).increment();
    }

    void sent() {
        sent.increment();
    }

    void acked() {
        acked.increment();
    }

    void login(boolean ok) {
        (ok ? loginOk : loginFailed).increment();
    }

    void invalid() {
        invalid.increment();
    }
}
