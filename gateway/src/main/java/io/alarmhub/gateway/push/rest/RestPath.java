package io.alarmhub.gateway.push.rest;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Splits a request target into its percent-decoded path segments. */
final class RestPath {

    /** Longer than any token or name the endpoints accept, short enough to keep decoding cheap. */
    static final int MAX_SEGMENT = 1024;

    private RestPath() {
    }

    /**
     * The decoded segments of an origin-form target ({@code /a/b?query}); empty for any other form, which
     * names no endpoint. Segments are split before decoding, so an encoded {@code /} stays inside its
     * segment, and {@code +} is a plus, as in any path.
     *
     * @throws IllegalArgumentException when a segment is too long or holds a malformed escape
     */
    static List<String> segments(String uri) {
        if (!uri.startsWith("/")) {
            return List.of();
        }
        String path = new QueryStringDecoder(uri).rawPath();
        List<String> segments = new ArrayList<>();
        for (String raw : path.substring(1).split("/", -1)) {
            if (raw.length() > MAX_SEGMENT) {
                throw new IllegalArgumentException("path segment too long");
            }
            // decodeComponent turns + into a space, as in a query; in a path it is a plus
            segments.add(QueryStringDecoder.decodeComponent(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return segments;
    }

    /**
     * The query's parameters, the first value of each, at most {@code MAX_PARAMETERS} of them; a malformed
     * escape is an {@link IllegalArgumentException}.
     */
    static Map<String, String> query(String uri) {
        Map<String, String> query = new LinkedHashMap<>();
        new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, MAX_PARAMETERS).parameters()
                .forEach((name, values) -> query.put(name, values.get(0)));
        return query;
    }

    static final int MAX_PARAMETERS = 32;
}
