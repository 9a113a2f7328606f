package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.alarmhub.gateway.command.CommandRefusal;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The value checks the parameter shapes share. A refusal names the field and what it allows, never the value
 * sent: it goes back to the app and may be logged, and a value may be a Wi-Fi key.
 */
final class Checks {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Checks() {
    }

    static CommandRefusal bad(String message) {
        return new CommandRefusal(CommandRefusal.Reason.BAD_COMMAND, message);
    }

    /** A JSON whole number in {@code [min, max]}; {@code 2.0} and {@code "2"} are not. */
    static int integer(JsonNode node, String name, int min, int max) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            throw bad(name + " must be a whole number from " + min + " to " + max);
        }
        return node.asInt();
    }

    static boolean bool(JsonNode node, String name) {
        if (!node.isBoolean()) {
            throw bad(name + " must be true or false");
        }
        return node.asBoolean();
    }

    /**
     * Text of {@code min} to {@code max} UTF-8 bytes without control characters, matching {@code pattern} when
     * one is given.
     */
    static String text(JsonNode node, String name, int min, int max, Pattern pattern, String what) {
        String text = node.isTextual() ? node.asText() : null;
        int bytes = text == null ? -1 : text.getBytes(StandardCharsets.UTF_8).length;
        if (text == null || bytes < min || bytes > max || CONTROL.matcher(text).find()
                || (pattern != null && !pattern.matcher(text).matches())) {
            throw bad(name + " must be " + what);
        }
        return text;
    }

    /** An array of at most {@code max} entries. */
    static ArrayNode list(JsonNode node, String name, int max) {
        if (!node.isArray() || node.size() > max) {
            throw bad(name + " must be a list of at most " + max + " entries");
        }
        return (ArrayNode) node;
    }

    /** An object, for a list's entry. */
    static JsonNode object(JsonNode node, String name) {
        if (!node.isObject()) {
            throw bad(name + " must be an object");
        }
        return node;
    }
}
