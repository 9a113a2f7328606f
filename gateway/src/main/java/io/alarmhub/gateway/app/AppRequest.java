package io.alarmhub.gateway.app;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request to a vendor's routes.
 *
 * @param method the HTTP method, upper case
 * @param path   the decoded path segments between {@code /<vendor>/} and the token
 * @param query  the decoded query parameters, the first value of each
 * @param body   the body as UTF-8 text, empty when there is none; already bounded by {@code rest.max-body-bytes}
 * @param appId  the app id of the request's token, which the RestServer has checked
 */
public record AppRequest(String method, List<String> path, Map<String, String> query, String body, String appId) {

    public AppRequest {
        Objects.requireNonNull(method, "method");
        path = List.copyOf(path);
        query = Map.copyOf(query);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(appId, "appId");
    }
}
