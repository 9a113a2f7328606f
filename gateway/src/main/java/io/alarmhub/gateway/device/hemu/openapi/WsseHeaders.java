package io.alarmhub.gateway.device.hemu.openapi;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the two WSSE headers into their {@code name="value"} pairs. Lenient where the document is loose: any
 * whitespace (line breaks too) around names, {@code =} and values, commas between pairs optional, the pairs
 * in any order, names and the two scheme words in any case, values quoted or not. Strict where leniency
 * would make a request mean two things: a name given twice is refused.
 */
final class WsseHeaders {

    private WsseHeaders() {
    }

    /** Checks {@code Authorization: WSSE profile="UsernamePwd"}. */
    static void checkAuthorization(String value) {
        String rest = afterScheme(value, "WSSE", "Authorization");
        String profile = pairs(rest, "Authorization").get("profile");
        if (profile == null) {
            throw new WsseException("Authorization has no profile");
        }
        if (!profile.equalsIgnoreCase("UsernamePwd")) {
            throw new WsseException("Authorization's profile is not UsernamePwd");
        }
    }

    /** The pairs of {@code X-WSSE: UsernamePwd Username="…", …}, by lowercase name. */
    static Map<String, String> xWsse(String value) {
        return pairs(afterScheme(value, "UsernamePwd", "X-WSSE"), "X-WSSE");
    }

    private static String afterScheme(String value, String scheme, String header) {
        String text = value.strip();
        boolean starts = text.regionMatches(true, 0, scheme, 0, scheme.length());
        if (!starts || (text.length() > scheme.length() && !isSpace(text.charAt(scheme.length())))) {
            throw new WsseException(header + " does not start with " + scheme);
        }
        return text.substring(scheme.length());
    }

    private static Map<String, String> pairs(String text, String header) {
        Map<String, String> pairs = new HashMap<>();
        int at = skipSeparators(text, 0);
        while (at < text.length()) {
            int nameEnd = at;
            while (nameEnd < text.length() && isNameChar(text.charAt(nameEnd))) {
                nameEnd++;
            }
            int equals = skipSpaces(text, nameEnd);
            if (nameEnd == at || equals >= text.length() || text.charAt(equals) != '=') {
                throw new WsseException(header + " is not a list of name=\"value\" pairs");
            }
            String name = text.substring(at, nameEnd).toLowerCase(Locale.ROOT);
            int valueStart = skipSpaces(text, equals + 1);
            int valueEnd;
            String pairValue;
            if (valueStart < text.length() && text.charAt(valueStart) == '"') {
                int close = text.indexOf('"', valueStart + 1);
                if (close < 0) {
                    throw new WsseException(header + "'s " + OpenApiException.shown(name)
                            + " has no closing quote");
                }
                pairValue = text.substring(valueStart + 1, close);
                valueEnd = close + 1;
            } else {
                valueEnd = valueStart;
                while (valueEnd < text.length() && text.charAt(valueEnd) != ',' && !isSpace(text.charAt(valueEnd))) {
                    valueEnd++;
                }
                pairValue = text.substring(valueStart, valueEnd);
            }
            if (pairs.putIfAbsent(name, pairValue) != null) {
                throw new WsseException(header + " gives " + OpenApiException.shown(name) + " twice");
            }
            at = skipSeparators(text, valueEnd);
        }
        return pairs;
    }

    private static int skipSeparators(String text, int at) {
        int next = skipSpaces(text, at);
        if (next < text.length() && text.charAt(next) == ',') {
            next = skipSpaces(text, next + 1);
        }
        return next;
    }

    private static int skipSpaces(String text, int at) {
        while (at < text.length() && isSpace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
