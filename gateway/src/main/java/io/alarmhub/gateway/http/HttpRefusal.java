package io.alarmhub.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Objects;

/**
 * A request refused before it reached a face's routes.
 *
 * @param status  the HTTP status: 400, 413, 414, 417, 431 …
 * @param reason  a short fixed word for metrics: {@code malformed_http}, {@code too_large}, {@code expectation}
 * @param message what the client is told
 */
public record HttpRefusal(HttpResponseStatus status, String reason, String message) {

    public HttpRefusal {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
