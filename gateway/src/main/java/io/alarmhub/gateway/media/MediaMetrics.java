package io.alarmhub.gateway.media;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The media listener's meters. The status code is the only tag, so that a client cannot grow the registry.
 * The stored-bytes gauge belongs to whoever owns the store (see the package documentation).
 */
final class MediaMetrics {

    static final String REQUESTS = "alarmhub.media.requests";
    static final String BYTES_SENT = "alarmhub.media.bytes_sent";
    static final String CONNECTIONS = "alarmhub.media.connections";
    /** Connections the server closed, by reason: {@code idle} or {@code request_timeout}. */
    static final String CLOSED = "alarmhub.media.closed";

    private final MeterRegistry registry;
    private final Counter bytesSent;

    MediaMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bytesSent = Counter.builder(BYTES_SENT)
                .description("media file bytes sent in full responses and ranges")
                .register(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    void answered(int status) {
        Counter.builder(REQUESTS)
                .description("media requests answered")
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    void closed(String reason) {
        Counter.builder(CLOSED)
                .description("media connections closed by the server")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    void sent(long bytes) {
        bytesSent.increment(bytes);
    }
}
