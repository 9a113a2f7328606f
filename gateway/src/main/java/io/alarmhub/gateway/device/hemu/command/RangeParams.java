package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/** {@code {"value": n}}, n a whole number from {@code min} to {@code max} (a number of seconds, say). */
record RangeParams(int min, int max) implements Params {

    @Override
    public ObjectNode read(JsonNode source, Form form, String where) {
        String name = where + ": " + (form == Form.RAW ? "requestParams." : "") + "value";
        return JsonNodeFactory.instance.objectNode().put("value", Checks.integer(source.path("value"), name, min, max));
    }

    @Override
    public Set<String> fields() {
        return Set.of("value");
    }
}
