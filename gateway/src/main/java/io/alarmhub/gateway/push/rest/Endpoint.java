package io.alarmhub.gateway.push.rest;

import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.Optional;

/** The RestServer's endpoints, recognised by their decoded path segments; the last segment is always the token. */
enum Endpoint {

    /** {@code POST /push/{token}}. */
    PUSH("push", HttpMethod.POST),
    /** {@code POST /alias_token/{token}}: mints an alias token for an app's user (alarmhub's own). */
    ALIAS_TOKEN("alias_token", HttpMethod.POST),
    /** {@code GET /info/{token}}. */
    INFO("info", HttpMethod.GET),
    /** {@code GET /info/servers/{token}}. */
    SERVERS("servers", HttpMethod.GET),
    /** {@code GET /info/status/{alias}/{token}}. */
    STATUS("status", HttpMethod.GET),
    /** {@code GET /info/allChannelAlias/{pageStr}/{token}}. */
    CHANNEL_ALIASES("channel_aliases", HttpMethod.GET),
    /** {@code GET /info/allSocketIOAlias/{pageStr}/{token}}. */
    SOCKET_IO_ALIASES("socketio_aliases", HttpMethod.GET);

    /** The metrics tag of requests that match no endpoint. */
    static final String NONE = "none";

    private final String tag;
    private final HttpMethod method;

    Endpoint(String tag, HttpMethod method) {
        this.tag = tag;
        this.method = method;
    }

    /** A short, fixed name for metrics and logs: never the path, which holds the token. */
    String tag() {
        return tag;
    }

    HttpMethod method() {
        return method;
    }

    static Optional<Endpoint> of(List<String> segments) {
        if (segments.size() < 2) {
            return Optional.empty();
        }
        String first = segments.get(0);
        String second = segments.get(1);
        Endpoint endpoint = switch (segments.size()) {
            case 2 -> switch (first) {
                case "push" -> PUSH;
                case "info" -> INFO;
                case "alias_token" -> ALIAS_TOKEN;
                default -> null;
            };
            case 3 -> first.equals("info") && second.equals("servers") ? SERVERS : null;
            case 4 -> !first.equals("info") ? null : switch (second) {
                case "status" -> STATUS;
                case "allChannelAlias" -> CHANNEL_ALIASES;
                case "allSocketIOAlias" -> SOCKET_IO_ALIASES;
                default -> null;
            };
            default -> null;
        };
        return Optional.ofNullable(endpoint);
    }
}
