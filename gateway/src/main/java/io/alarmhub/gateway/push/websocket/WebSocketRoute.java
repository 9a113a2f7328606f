package io.alarmhub.gateway.push.websocket;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where a WebSocketServer request path leads, read from the path alone; {@link #of} never throws. */
public sealed interface WebSocketRoute {

    /** {@code /ws}: the PushServer protocol, one JSON object per text frame. */
    record Push() implements WebSocketRoute {
    }

    /** {@code /{r}/{d}}: capture room {@code r}; {@code d} 0 is a door or wall unit, 1 a phone. */
    record Capture(String room, int d) implements WebSocketRoute {
    }

    /** {@code /{r}/{d}/{device}}: intercom {@code r}; {@code d} 0 is the caller, 1 the callee. */
    record Intercom(String room, int d, String device) implements WebSocketRoute {
    }

    /** Not a route: answered with {@code status} and {@code {"t":0,"error":…}}. */
    record Rejected(HttpResponseStatus status, String error) implements WebSocketRoute {
    }

    /**
     * Reads a request URI. Segments are percent-decoded one by one (so {@code %2F} stays inside its
     * segment, and {@code +} stays a plus, as in any path); the query string is ignored; one trailing slash
     * is allowed.
     *
     * @param maxSegment longest room or device name, in characters after decoding
     */
    static WebSocketRoute of(String uri, int maxSegment) {
        String path = new QueryStringDecoder(uri).rawPath();
        if (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.startsWith("/") || path.length() == 1) {
            return notFound();
        }
        String[] raw = path.substring(1).split("/", -1);
        if (raw.length > 3) {
            return notFound();
        }
        List<String> segments = new ArrayList<>(raw.length);
        for (String segment : raw) {
            // Encoded, one character takes at most twelve (four UTF-8 bytes as %XX): refuse before decoding.
            if (segment.isEmpty() || segment.length() > 12 * maxSegment) {
                return segment.isEmpty() ? notFound() : badRequest("path segment too long");
            }
            String decoded;
            try {
                decoded = QueryStringDecoder.decodeComponent(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return badRequest("bad percent-encoding in path");
            }
            if (decoded.length() > maxSegment) {
                return badRequest("path segment longer than " + maxSegment + " characters");
            }
            segments.add(decoded);
        }
        if (segments.size() == 1) {
            return segments.get(0).equals("ws") ? new Push() : notFound();
        }
        int d = switch (segments.get(1)) {
            case "0" -> 0;
            case "1" -> 1;
            default -> -1;
        };
        if (d < 0) {
            return badRequest("d must be 0 or 1");
        }
        if (segments.size() == 2) {
            return new Capture(segments.get(0), d);
        }
        String device = segments.get(2).toLowerCase(Locale.ROOT);
        if (!device.equals("android") && !device.equals("ios")) {
            return badRequest("device must be android or ios");
        }
        return new Intercom(segments.get(0), d, device);
    }

    private static Rejected notFound() {
        return new Rejected(HttpResponseStatus.NOT_FOUND, "no such path: use /ws, /{r}/{d} or /{r}/{d}/{device}");
    }

    private static Rejected badRequest(String error) {
        return new Rejected(HttpResponseStatus.BAD_REQUEST, error);
    }
}
