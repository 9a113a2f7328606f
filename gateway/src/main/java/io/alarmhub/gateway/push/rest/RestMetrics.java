package io.alarmhub.gateway.push.rest;

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

    private final MeterRegistry registry;

    RestMetrics(MeterRegistry registry) {
        this.registry = registry;
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
