package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Motion detection regions (5.2.9.13): rectangles on the picture's 5×5 grid, {@code valueList} of
 * {@code {id, left, top, right, bottom, sensitivity, enable}} with {@code left}/{@code top} 0–4,
 * {@code right}/{@code bottom} 1–5, each rectangle at least one block wide and high, at most 25 of them (the
 * grid's blocks), their ids distinct. An empty list is the whole picture. {@code valueListNum} is counted here,
 * never taken from the app.
 *
 * <p>The document gives no range for {@code sensitivity} (its examples send 0): 0–100 is taken, as the
 * camera-wide sensitivities are. A list whose rectangles are all disabled is refused: the online
 * configuration writes regions as the blocks detected ({@code motionRegions} "1;2;3;25", empty for all), which
 * has no way to say "none", and a camera that should detect nowhere is turned off instead.
 */
record MotionRegionsParams() implements Params {

    static final int GRID = 5;
    static final int MAX = GRID * GRID;

    @Override
    public ObjectNode read(JsonNode source, Form form, String where) {
        String prefix = where + ": " + (form == Form.RAW ? "requestParams." : "") + "valueList";
        ArrayNode given = Checks.list(source.path("valueList"), prefix, MAX);
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        Set<Integer> ids = new HashSet<>();
        boolean enabled = false;
        for (int i = 0; i < given.size(); i++) {
            String at = prefix + "[" + i + "].";
            JsonNode region = Checks.object(given.get(i), prefix + "[" + i + "]");
            int id = Checks.integer(region.path("id"), at + "id", 0, MAX - 1);
            int left = Checks.integer(region.path("left"), at + "left", 0, GRID - 1);
            int top = Checks.integer(region.path("top"), at + "top", 0, GRID - 1);
            int right = Checks.integer(region.path("right"), at + "right", 1, GRID);
            int bottom = Checks.integer(region.path("bottom"), at + "bottom", 1, GRID);
            int sensitivity = Checks.integer(region.path("sensitivity"), at + "sensitivity", 0, 100);
            int enable = Checks.integer(region.path("enable"), at + "enable", 0, 1);
            if (left >= right || top >= bottom) {
                throw Checks.bad(at + "left must be less than right, and top less than bottom");
            }
            if (!ids.add(id)) {
                throw Checks.bad(at + "id must differ from the other regions' ids");
            }
            enabled |= enable == 1;
            list.addObject().put("id", id).put("left", left).put("top", top).put("right", right)
                    .put("bottom", bottom).put("sensitivity", sensitivity).put("enable", enable);
        }
        if (!list.isEmpty() && !enabled) {
            throw Checks.bad(prefix + " has no region enabled: send an empty list for the whole picture");
        }
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("valueListNum", list.size());
        params.set("valueList", list);
        return params;
    }

    @Override
    public Set<String> fields() {
        return Set.of("valueList", "valueListNum");
    }

    /**
     * The online configuration's {@code motionRegions}: the blocks the enabled rectangles cover, numbered 1 to
     * 25 row by row from the top left, joined by {@code ;}; empty (every block) for an empty list.
     */
    static String blocks(ObjectNode params) {
        Set<Integer> blocks = new TreeSet<>();
        for (JsonNode region : params.path("valueList")) {
            if (region.path("enable").asInt() != 1) {
                continue;
            }
            for (int row = region.path("top").asInt(); row < region.path("bottom").asInt(); row++) {
                for (int column = region.path("left").asInt(); column < region.path("right").asInt(); column++) {
                    blocks.add(row * GRID + column + 1);
                }
            }
        }
        return blocks.stream().map(String::valueOf).collect(Collectors.joining(";"));
    }
}
