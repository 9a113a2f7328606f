package io.alarmhub.gateway.device.hemu.openapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code comment} of {@code MSG_P_THD_ADD_CAMERA_REQ}: the hardware model and feature bits, written as a
 * list of {@code 'KEY':value} pairs in text that is not JSON. The document shows it three ways, and cameras
 * copy the document: {@code 'HW':'3RD-X01','FEATURE':0}, the same in brackets, and with a quote missing,
 * {@code 'HW':3RD-X01','FEATURE':0}; bare or as the one element of a JSON array. So quotes are optional
 * around keys and values, keys are read in any case, an array's elements are joined with commas, and a pair
 * without {@code :} or of another key is skipped. {@code FEATURE} must be a decimal number.
 */
record CameraComment(Optional<String> hardware, long features) {

    private static final CameraComment NONE = new CameraComment(Optional.empty(), 0);
    private static final int MAX_FEATURE_DIGITS = 18;

    static CameraComment create(Optional<JsonNode> comment, HemuFields fields) {
        if (comment.isEmpty()) {
            return NONE;
        }
        return parse(text(comment.get(), fields), fields);
    }

    private static String text(JsonNode comment, HemuFields fields) {
        if (comment.isTextual()) {
            return comment.textValue();
        }
        if (!comment.isArray()) {
            throw fields.bad("comment is neither text nor a list of text");
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode element : comment) {
            if (!element.isTextual()) {
                throw fields.bad("comment is neither text nor a list of text");
            }
            parts.add(element.textValue());
        }
        return String.join(",", parts);
    }

    private static CameraComment parse(String text, HemuFields fields) {
        String inside = text.strip();
        if (inside.length() >= 2 && (inside.startsWith("[") && inside.endsWith("]")
                || inside.startsWith("{") && inside.endsWith("}"))) {
            inside = inside.substring(1, inside.length() - 1);
        }
        Optional<String> hardware = Optional.empty();
        Optional<Long> features = Optional.empty();
        for (String pair : inside.split(",", -1)) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = unquoted(pair.substring(0, colon));
            String value = unquoted(pair.substring(colon + 1));
            if (key.equalsIgnoreCase("HW")) {
                if (hardware.isPresent()) {
                    throw fields.bad("comment gives HW twice");
                }
                hardware = Optional.of(value);
            } else if (key.equalsIgnoreCase("FEATURE")) {
                if (features.isPresent()) {
                    throw fields.bad("comment gives FEATURE twice");
                }
                features = Optional.of(feature(value, fields));
            }
        }
        return new CameraComment(hardware.filter(hw -> !hw.isEmpty()), features.orElse(0L));
    }

    private static long feature(String value, HemuFields fields) {
        boolean decimal = !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!decimal || value.length() > MAX_FEATURE_DIGITS) {
            throw fields.bad("comment's FEATURE is not a decimal number");
        }
        return Long.parseLong(value);
    }

    /** {@code text} without the whitespace and quotes (either kind, any number) around it. */
    private static String unquoted(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isQuoteOrSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isQuoteOrSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isQuoteOrSpace(char c) {
        return c == '\'' || c == '"' || Character.isWhitespace(c);
    }
}
