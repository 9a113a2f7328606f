package io.alarmhub.gateway.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A vendor route's answer before it becomes HTTP.
 *
 * @param status      the HTTP status
 * @param contentType the body's media type
 * @param body        the body's bytes
 * @param route       a short fixed name of the route, for metrics (never the path: it may hold ids)
 * @param fault       for a refusal (4xx), a short fixed reason for metrics
 */
public record AppAnswer(int status, String contentType, byte[] body, String route, Optional<String> fault) {

    private static final String JSON = "application/json; charset=utf-8";

    public AppAnswer {
        Objects.requireNonNull(contentType, "contentType");
        body = body.clone();
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(fault, "fault");
    }

    /** 200 with a JSON body. */
    public static AppAnswer ok(String route, ObjectNode json) {
        return new AppAnswer(200, JSON, bytes(json), route, Optional.empty());
    }

    /** 200 with a PNG image. */
    public static AppAnswer png(String route, byte[] image) {
        return new AppAnswer(200, "image/png", image, route, Optional.empty());
    }

    /**
     * A refusal in the RestServer's error shape, {@code {"t":0,"error":…}}, so that an app reads every
     * RestServer failure alike.
     */
    public static AppAnswer refused(int status, String route, String fault, String error) {
        return new AppAnswer(status, JSON, errorBody(error), route, Optional.of(fault));
    }

    /** A failure of the server rather than of the request (503 when the store cannot take it). */
    public static AppAnswer failed(int status, String route, String error) {
        return new AppAnswer(status, JSON, errorBody(error), route, Optional.empty());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    private static byte[] errorBody(String error) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        return bytes(json.put("t", 0).put("error", error));
    }

    private static byte[] bytes(ObjectNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
