package io.alarmhub.gateway.device.hemu.openapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of one JSON object of a message, by trimmed name, and the refusals that name them. Once the
 * message's type is known, every refusal carries its {@code _RSP} type.
 */
final class HemuFields {

    private final Map<String, JsonNode> byName;
    private final String prefix;
    private final Optional<String> responseType;

    private HemuFields(Map<String, JsonNode> byName, String prefix, Optional<String> responseType) {
        this.byName = byName;
        this.prefix = prefix;
        this.responseType = responseType;
    }

    /** The fields of {@code object}; two names that trim to one are refused, as it could mean either. */
    static HemuFields of(JsonNode object) {
        return of(object, "", Optional.empty());
    }

    private static HemuFields of(JsonNode object, String prefix, Optional<String> responseType) {
        Map<String, JsonNode> byName = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = field.getKey().strip();
            if (byName.putIfAbsent(name, field.getValue()) != null) {
                throw new OpenApiException(ErrorCode.BAD_REQUEST,
                        prefix + OpenApiException.shown(name) + " is given twice", responseType);
            }
        }
        return new HemuFields(byName, prefix, responseType);
    }

    /** These fields, refused as answers of {@code responseType}. */
    HemuFields respondingAs(String type) {
        return new HemuFields(byName, prefix, Optional.of(type));
    }

    /** The fields of the object in field {@code name}, which must be one. */
    HemuFields nested(String name) {
        JsonNode node = node(name).orElseThrow(() -> error(ErrorCode.EMPTY_VALUE, name + " is missing"));
        if (!node.isObject()) {
            throw bad(name + " is not an object");
        }
        return of(node, prefix + name + ".", responseType);
    }

    /** The field's value, unless it is absent or {@code null}. */
    Optional<JsonNode> node(String name) {
        return Optional.ofNullable(byName.get(name)).filter(node -> !node.isNull());
    }

    /** Refuses the first of {@code names} that is missing or empty (blank text, {@code {}}, {@code []}). */
    void require(List<String> names) {
        for (String name : names) {
            Optional<JsonNode> node = node(name);
            if (node.isEmpty()) {
                throw error(ErrorCode.EMPTY_VALUE, prefix + name + " is missing");
            }
            if (isEmpty(node.get())) {
                throw error(ErrorCode.EMPTY_VALUE, prefix + name + " is empty");
            }
        }
    }

    /** A required field's text (a number taken as its text). */
    String text(String name) {
        return optionalText(name).orElseThrow(() -> error(ErrorCode.EMPTY_VALUE, prefix + name + " is missing"));
    }

    /** An optional field's text (a number taken as its text); absent when null, empty or blank. */
    Optional<String> optionalText(String name) {
        Optional<JsonNode> node = node(name).filter(value -> !isEmpty(value));
        if (node.isPresent() && !node.get().isTextual() && !node.get().isNumber()) {
            throw bad(prefix + name + " is not a string");
        }
        return node.map(JsonNode::asText);
    }

    /** An optional field's text, which must be one of {@code allowed}. */
    Optional<String> oneOf(String name, Set<String> allowed) {
        Optional<String> text = optionalText(name);
        if (text.isPresent() && !allowed.contains(text.get())) {
            throw bad(prefix + name + " is not one of " + allowed.stream().sorted().toList());
        }
        return text;
    }

    OpenApiException bad(String description) {
        return error(ErrorCode.BAD_REQUEST, description);
    }

    OpenApiException error(ErrorCode code, String description) {
        return new OpenApiException(code, description, responseType);
    }

    private static boolean isEmpty(JsonNode node) {
        return node.isTextual() ? node.textValue().isBlank() : node.isContainerNode() && node.isEmpty();
    }
}
