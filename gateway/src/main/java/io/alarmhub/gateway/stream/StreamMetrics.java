package io.alarmhub.gateway.stream;

import io.alarmhub.core.stream.EnterpriseStreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The enterprise stream's meters:
 * <ul>
 *   <li>{@code alarmhub.stream.connections.open} (gauge): logged-in connections</li>
 *   <li>{@code alarmhub.stream.events.sent} / {@code alarmhub.stream.events.acked} (counters)</li>
 *   <li>{@code alarmhub.stream.logins} (counter, tag {@code result}: ok, failed)</li>
 *   <li>{@code alarmhub.stream.invalid} (counter): lines answered {@code invalid_msg}</li>
 *   <li>{@code alarmhub.stream.acks.unknown} (counter): acks of ids not in flight on that connection</li>
 * </ul>
 */
final class StreamMetrics {

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
