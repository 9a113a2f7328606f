package io.alarmhub.gateway.push.rest;

import io.alarmhub.gateway.http.HttpFace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The RestServer's counters. Tags hold fixed vocabularies only (endpoint names, status codes, fault
 * reasons), never anything from the request, so that a client cannot grow the registry.
 */
final class RestMetrics {

    static final String REQUESTS = "alarmhub.rest.requests";
    static final String BAD_REQUESTS = "alarmhub.rest.bad.requests";
    static final String CONNECTIONS = "alarmhub.rest.connections";
    static final String CLOSED = "alarmhub.rest.closed";
    /** {@link #CLOSED} reasons: nothing read or written within the idle timeout; a request too slow to arrive. */
    static final String CLOSED_IDLE = HttpFace.IDLE;
    static final String CLOSED_REQUEST_TIMEOUT = HttpFace.REQUEST_TIMEOUT;

    private final MeterRegistry registry;

    RestMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Up front, so that a scrape shows zeros rather than nothing.
        closedCounter(CLOSED_IDLE);
        closedCounter(CLOSED_REQUEST_TIMEOUT);
    }

    /** A connection the server closed, for one of the {@code CLOSED_*} reasons. */
    void closed(String reason) {
        closedCounter(reason).increment();
    }

    private Counter closedCounter(String reason) {
        return Counter.builder(CLOSED)
                .description("RestServer connections the server closed")
                .tag("reason", reason)
                .register(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    void answered(RestReply reply) {
        Counter.builder(REQUESTS)
                .description("RestServer requests answered")
                .tag("endpoint", reply.endpointTag())
                .tag("status", Integer.toString(reply.status().code()))
                .register(registry)
                .increment();
        reply.fault().ifPresent(fault -> Counter.builder(BAD_REQUESTS)
                .description("RestServer requests refused as malformed, unauthorised or out of bounds")
                .tag("endpoint", reply.endpointTag())
                .tag("reason", fault)
                .register(registry)
                .increment());
    }
}
