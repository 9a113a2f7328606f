package io.alarmhub.gateway.app;

import java.util.List;
import java.util.Objects;

/**
 * One request to a vendor's routes.
 *
 * @param method the HTTP method, upper case
 * @param path   the decoded path segments between {@code /<vendor>/} and the token
 * @param body   the body as UTF-8 text, empty when there is none; already bounded by {@code rest.max-body-bytes}
 */
public record AppRequest(String method, List<String> path, String body) {

    public AppRequest {
        Objects.requireNonNull(method, "method");
        path = List.copyOf(path);
        Objects.requireNonNull(body, "body");
    }
}
