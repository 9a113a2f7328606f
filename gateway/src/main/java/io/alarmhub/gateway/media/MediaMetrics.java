package io.alarmhub.gateway.media;

import io.alarmhub.gateway.http.HttpFace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

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
        // Up front, so that a scrape shows zeros rather than nothing and dashboards find every series.
        STATUSES.forEach(status -> requests(status));
        closedCounter(HttpFace.IDLE);
        closedCounter(HttpFace.REQUEST_TIMEOUT);
    }

    /** The statuses the media listener answers with (others appear when first used). */
    static final List<Integer> STATUSES = List.of(200, 206, 400, 403, 404, 405, 416, 500);

    MeterRegistry registry() {
        return registry;
    }

    void answered(int status) {
        requests(status).increment();
    }

    private Counter requests(int status) {
        return Counter.builder(REQUESTS)
                .description("media requests answered")
                .tag("status", Integer.toString(status))
                .register(registry);
    }

    void closed(String reason) {
        closedCounter(reason).increment();
    }

    private Counter closedCounter(String reason) {
        return Counter.builder(CLOSED)
                .description("media connections closed by the server")
                .tag("reason", reason)
                .register(registry);
    }

    void sent(long bytes) {
        bytesSent.increment(bytes);
    }
}
