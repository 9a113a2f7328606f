package io.alarmhub.gateway.device.vstarcam.cgi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VStarcam CGI answer: JavaScript-like text, {@code var heartbeatTime=60;} and
 * {@code var heartbeatServer="http://…";}, one or more statements a line. Also takes {@code name=value}
 * lines without {@code var} or {@code ;}, and values in single quotes or none. Text that is no
 * assignment (an HTML error page, {@code Auth Failed}) is kept as {@link #other()}.
 *
 * @param values the assignments, in order; a later one of the same name wins
 * @param other  the lines, or rests of lines, that were no assignment, stripped, non-empty
 */
record CgiText(Map<String, String> values, List<String> other) {

    CgiText {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        other = List.copyOf(other);
    }

    static CgiText parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n")) {
            parseLine(line, values, other);
        }
        return new CgiText(values, other);
    }

    private static void parseLine(String line, Map<String, String> values, List<String> other) {
        int at = 0;
        int length = line.length();
        while (at < length) {
            at = skip(line, at);
            if (at >= length) {
                return;
            }
            int start = at;
            if (line.startsWith("var ", at) || line.startsWith("var\t", at)) {
                at = skipSpaces(line, at + 3);
            }
            int nameStart = at;
            while (at < length && isNameChar(line.charAt(at))) {
                at++;
            }
            String name = line.substring(nameStart, at);
            at = skipSpaces(line, at);
            if (name.isEmpty() || at >= length || line.charAt(at) != '=') {
                String rest = line.substring(start).strip();
                if (!rest.isEmpty()) {
                    other.add(rest);
                }
                return;
            }
            at = skipSpaces(line, at + 1);
            String value;
            if (at < length && (line.charAt(at) == '"' || line.charAt(at) == '\'')) {
                char quote = line.charAt(at);
                int end = line.indexOf(quote, at + 1);
                if (end < 0) {
                    end = length;
                }
                value = line.substring(at + 1, end);
                at = Math.min(length, end + 1);
            } else {
                int end = line.indexOf(';', at);
                if (end < 0) {
                    end = length;
                }
                value = line.substring(at, end).strip();
                at = end;
            }
            values.put(name, value);
        }
    }

    /** Skips spaces and statement separators. */
    private static int skip(String line, int at) {
        while (at < line.length() && (Character.isWhitespace(line.charAt(at)) || line.charAt(at) == ';')) {
            at++;
        }
        return at;
    }

    private static int skipSpaces(String line, int at) {
        while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || c == '[' || c == ']' || Character.isLetterOrDigit(c);
    }
}
