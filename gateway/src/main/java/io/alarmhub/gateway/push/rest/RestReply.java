package io.alarmhub.gateway.push.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.push.protocol.PushReplies;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Optional;

/**
 * One answer of the RestServer before it becomes HTTP.
 *
 * @param endpoint the endpoint that answered; empty when the request matched none
 * @param fault    for an answer to a bad request (4xx), a short fixed reason for metrics
 */
record RestReply(Optional<Endpoint> endpoint, HttpResponseStatus status, ObjectNode body, Optional<String> fault) {

    static RestReply ok(Endpoint endpoint, ObjectNode body) {
        return new RestReply(Optional.of(endpoint), HttpResponseStatus.OK, body, Optional.empty());
    }

    /** {@code {"t":0,"error":…}}, with {@code num} when the request had one: the protocol's failure shape. */
    static RestReply refused(Optional<Endpoint> endpoint, HttpResponseStatus status, String fault, String error,
                             Optional<JsonNode> num) {
        return new RestReply(endpoint, status, PushReplies.error(error, num), Optional.of(fault));
    }

    static RestReply refused(Endpoint endpoint, HttpResponseStatus status, String fault, String error) {
        return refused(Optional.of(endpoint), status, fault, error, Optional.empty());
    }

    /** A failure of the server rather than of the request: not counted as a bad request. */
    static RestReply failed(Optional<Endpoint> endpoint, HttpResponseStatus status, String error,
                            Optional<JsonNode> num) {
        return new RestReply(endpoint, status, PushReplies.error(error, num), Optional.empty());
    }

    String endpointTag() {
        return endpoint.map(Endpoint::tag).orElse(Endpoint.NONE);
    }

    String error() {
        return body.path("error").asText();
    }
}
