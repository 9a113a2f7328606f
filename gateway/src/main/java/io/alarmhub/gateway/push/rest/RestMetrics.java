package io.alarmhub.gateway.push.rest;

import io.alarmhub.gateway.http.HttpFace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

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
        // Up front, so that a scrape shows zeros rather than nothing: each endpoint's successes, and every
        // bad-request reason where it can occur.
        closedCounter(CLOSED_IDLE);
        closedCounter(CLOSED_REQUEST_TIMEOUT);
        for (Endpoint endpoint : Endpoint.values()) {
            requests(endpoint.tag(), "200");
            badRequests(endpoint.tag(), "method");
            badRequests(endpoint.tag(), "token");
        }
        NO_ENDPOINT_FAULTS.forEach(fault -> badRequests(Endpoint.NONE, fault));
        badRequests(Endpoint.PUSH.tag(), "body");
        badRequests(Endpoint.PUSH.tag(), "refused");
        badRequests(Endpoint.ALIAS_TOKEN.tag(), "body");
        badRequests(Endpoint.STATUS.tag(), "alias");
        badRequests(Endpoint.CHANNEL_ALIASES.tag(), "page");
        badRequests(Endpoint.SOCKET_IO_ALIASES.tag(), "page");
    }

    /** The faults of requests refused before an endpoint is known: by the HTTP core or for their path. */
    static final List<String> NO_ENDPOINT_FAULTS = List.of("not_found", "path", "malformed_http", "too_large",
            "expectation");

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
        requests(reply.endpointTag(), Integer.toString(reply.status().code())).increment();
        reply.fault().ifPresent(fault -> badRequests(reply.endpointTag(), fault).increment());
    }

    private Counter requests(String endpoint, String status) {
        return Counter.builder(REQUESTS)
                .description("RestServer requests answered")
                .tag("endpoint", endpoint)
                .tag("status", status)
                .register(registry);
    }

    private Counter badRequests(String endpoint, String fault) {
        return Counter.builder(BAD_REQUESTS)
                .description("RestServer requests refused as malformed, unauthorised or out of bounds")
                .tag("endpoint", endpoint)
                .tag("reason", fault)
                .register(registry);
    }
}
