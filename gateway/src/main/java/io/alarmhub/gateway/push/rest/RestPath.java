package io.alarmhub.gateway.push.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
        int end = uri.length();
        int query = uri.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = uri.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        List<String> segments = new ArrayList<>();
        for (String raw : uri.substring(1, end).split("/", -1)) {
            if (raw.length() > MAX_SEGMENT) {
                throw new IllegalArgumentException("path segment too long");
            }
            segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return segments;
    }
}
