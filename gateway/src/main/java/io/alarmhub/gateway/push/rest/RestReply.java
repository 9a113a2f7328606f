package io.alarmhub.gateway.push.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.push.protocol.PushJson;
import io.alarmhub.gateway.push.protocol.PushReplies;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Optional;

/**
 * One answer of the RestServer before it becomes HTTP.
 *
 * @param endpoint the endpoint that answered; empty when the request matched none
 * @param fault    for an answer to a bad request (4xx), a short fixed reason for metrics
 * @param app      the answer of a vendor's route, which replaces {@code body}; empty for the RestServer's own
 */
record RestReply(Optional<Endpoint> endpoint, HttpResponseStatus status, ObjectNode body, Optional<String> fault,
                 Optional<AppAnswer> app) {

    RestReply(Optional<Endpoint> endpoint, HttpResponseStatus status, ObjectNode body, Optional<String> fault) {
        this(endpoint, status, body, fault, Optional.empty());
    }

    static RestReply ok(Endpoint endpoint, ObjectNode body) {
        return new RestReply(Optional.of(endpoint), HttpResponseStatus.OK, body, Optional.empty());
    }

    /** A vendor route's answer, counted under its route's name. */
    static RestReply of(AppAnswer answer) {
        return new RestReply(Optional.empty(), HttpResponseStatus.valueOf(answer.status()), PushJson.object(),
                answer.fault(), Optional.of(answer));
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
        return endpoint.map(Endpoint::tag).or(() -> app.map(AppAnswer::route)).orElse(Endpoint.NONE);
    }

    String error() {
        return app.flatMap(AppAnswer::fault).orElseGet(() -> body.path("error").asText());
    }
}
