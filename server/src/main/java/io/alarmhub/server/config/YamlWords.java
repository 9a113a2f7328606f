package io.alarmhub.server.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;

/** Values and types as a YAML writer knows them, for messages: "a list", "a number", never a Java class. */
final class YamlWords {

    private YamlWords() {
    }

    /** What a node is: a mapping, a list, text, a number, true or false, nothing. */
    static String of(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "a mapping";
            case ARRAY -> "a list";
            case STRING, BINARY -> "text (" + quoted(node.asText()) + ")";
            case NUMBER -> "a number (" + node.asText() + ")";
            case BOOLEAN -> node.asText();
            case NULL, MISSING -> "nothing";
        };
    }

    /** What a key of this type takes, with its article. */
    static String a(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration (e.g. 500ms, 30s, 5m, 2h, 10d)";
        }
        if (type == Path.class) {
            return "a path";
        }
        if (type == String.class) {
            return "text";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys";
    }

    static String quoted(Object value) {
        return "\"" + value + "\"";
    }
}
