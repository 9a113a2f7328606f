package io.alarmhub.gateway.device.hemu.openapi;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Reads the batch parameters of one source, a form body or a query, by the rules of {@link BatchParameters}. */
final class FormReader {

    static final String ACCESS_KEY = "accessKey";
    static final String SIGNATURE = "signature";
    static final String JSON_OBJECT = "jsonObject";
    private static final Set<String> KNOWN = Set.of(ACCESS_KEY, SIGNATURE, JSON_OBJECT);

    private final String text;
    private final String source;

    private FormReader(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** The known parameters of {@code text}; {@code source} names it in descriptions ("body", "query"). */
    static Map<String, String> read(String text, String source) {
        return new FormReader(text, source).read();
    }

    /** {@code bytes} as UTF-8, refusing what is not. */
    static String utf8(byte[] bytes, String what) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw bad(what + " is not UTF-8");
        }
    }

    private Map<String, String> read() {
        Map<String, String> found = new HashMap<>();
        int n = text.length();
        int at = 0;
        while (at <= n) {
            int nameEnd = at;
            while (nameEnd < n && text.charAt(nameEnd) != '=' && text.charAt(nameEnd) != '&') {
                nameEnd++;
            }
            boolean hasValue = nameEnd < n && text.charAt(nameEnd) == '=';
            if (nameEnd == at && !hasValue) {
                at = nameEnd + 1; // an empty pair, as in "a=1&&b=2" or a trailing "&"
                continue;
            }
            String name = decode(at, nameEnd);
            int valueStart = hasValue ? nameEnd + 1 : nameEnd;
            int valueEnd;
            String value;
            if (name.equals(JSON_OBJECT) && isRawJsonAt(valueStart)) {
                valueEnd = endOfRawJson(valueStart);
                if (valueEnd < n && text.charAt(valueEnd) != '&') {
                    throw bad("in the " + source + ", jsonObject's raw JSON is followed by something other than '&'");
                }
                value = text.substring(valueStart, valueEnd);
            } else {
                valueEnd = text.indexOf('&', valueStart);
                valueEnd = valueEnd < 0 ? n : valueEnd;
                // An unknown parameter's value is not read at all: nothing in it can refuse the request.
                value = KNOWN.contains(name) ? decode(valueStart, valueEnd) : "";
            }
            if (KNOWN.contains(name) && found.putIfAbsent(name, value) != null) {
                throw bad(name + " is given twice in the " + source);
            }
            at = valueEnd + 1;
        }
        return found;
    }

    private boolean isRawJsonAt(int at) {
        return at < text.length() && (text.charAt(at) == '{' || text.charAt(at) == '[');
    }

    /** The index just after the JSON value that starts at {@code start}, counting brackets outside strings. */
    private int endOfRawJson(int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        throw bad("in the " + source + ", jsonObject's raw JSON is not closed");
    }

    /** Form decoding of {@code text[from, to)}: {@code +} is a space, {@code %XX} runs are UTF-8 bytes. */
    private String decode(int from, int to) {
        StringBuilder out = null;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != '%' && c != '+') {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(to - from).append(text, from, i);
            }
            if (c == '+') {
                out.append(' ');
                continue;
            }
            int runEnd = i;
            while (runEnd < to && text.charAt(runEnd) == '%') {
                runEnd += 3;
            }
            if (runEnd > to) {
                throw bad("bad %-escape in the " + source);
            }
            byte[] bytes = new byte[(runEnd - i) / 3];
            for (int b = 0; b < bytes.length; b++) {
                bytes[b] = (byte) (hex(text.charAt(i + 3 * b + 1)) << 4 | hex(text.charAt(i + 3 * b + 2)));
            }
            out.append(utf8(bytes, "a %-escaped value in the " + source));
            i = runEnd - 1;
        }
        return out == null ? text.substring(from, to) : out.toString();
    }

    // ASCII only: Character.digit would take any Unicode digit for a hex digit.
    private int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw bad("bad %-escape in the " + source);
    }

    static OpenApiException bad(String description) {
        return new OpenApiException(ErrorCode.BAD_REQUEST, description);
    }
}
