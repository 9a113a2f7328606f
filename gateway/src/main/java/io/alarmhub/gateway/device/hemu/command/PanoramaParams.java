package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * A panorama (5.2.9.23): {@code value} 1 start, 0 stop; {@code angle} 1–360, the degrees turned between two
 * pictures; {@code stand} 1 upright (turns from the leftmost position rightwards), 0 ceiling-mounted (from the
 * rightmost leftwards). Named: {@code {"command":"panorama","value":"start","angle":30,"stand":"upright"}}.
 * A stop needs neither angle nor stand, and is sent with those given (the document's example has all three).
 */
record PanoramaParams() implements Params {

    private static final ChoiceParams VALUE = ChoiceParams.words("stop", 0, "start", 1);
    private static final ChoiceParams STAND = ChoiceParams.wordsOf("stand", "upright", 1, "ceiling", 0);

    @Override
    public ObjectNode read(JsonNode source, Form form, String where) {
        ObjectNode params = VALUE.read(source, form, where);
        boolean start = params.path("value").asInt() == 1;
        if (start || source.has("angle")) {
            String name = where + ": " + (form == Form.RAW ? "requestParams." : "") + "angle";
            params.put("angle", Checks.integer(source.path("angle"), name, 1, 360));
        }
        if (start || source.has("stand")) {
            params.setAll(STAND.read(source, form, where));
        }
        return params;
    }

    @Override
    public Set<String> fields() {
        return Set.of("value", "angle", "stand");
    }
}
