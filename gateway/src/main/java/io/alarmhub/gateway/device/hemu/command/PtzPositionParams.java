package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * {@code {"pan": p, "tilt": t}} (5.2.9.12): each from −1,000,000 (leftmost, lowest) to 1,000,000 (rightmost,
 * highest), 0 the centre.
 */
record PtzPositionParams() implements Params {

    static final int LIMIT = 1_000_000;

    @Override
    public ObjectNode read(JsonNode source, Form form, String where) {
        String prefix = where + ": " + (form == Form.RAW ? "requestParams." : "");
        return JsonNodeFactory.instance.objectNode()
                .put("pan", Checks.integer(source.path("pan"), prefix + "pan", -LIMIT, LIMIT))
                .put("tilt", Checks.integer(source.path("tilt"), prefix + "tilt", -LIMIT, LIMIT));
    }

    @Override
    public Set<String> fields() {
        return Set.of("pan", "tilt");
    }
}
