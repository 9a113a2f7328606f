package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * People-counting regions (5.2.9.17): {@code valueList} of {@code {x, y, width, height}}, the top-left corner and
 * size in thousandths of the picture (0–1000, which the camera scales), each at least 1 wide and high and inside
 * the picture ({@code x + width} and {@code y + height} at most 1000). The document sets no count: at most 16 are
 * taken, what the online configuration keeps. {@code valueListNum} is counted here.
 */
record PersonRegionsParams() implements Params {

    static final int SCALE = 1000;
    static final int MAX = 16;

    @Override
    public ObjectNode read(JsonNode source, Form form, String where) {
        String prefix = where + ": " + (form == Form.RAW ? "requestParams." : "") + "valueList";
        ArrayNode given = Checks.list(source.path("valueList"), prefix, MAX);
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < given.size(); i++) {
            String at = prefix + "[" + i + "].";
            JsonNode region = Checks.object(given.get(i), prefix + "[" + i + "]");
            int x = Checks.integer(region.path("x"), at + "x", 0, SCALE - 1);
            int y = Checks.integer(region.path("y"), at + "y", 0, SCALE - 1);
            int width = Checks.integer(region.path("width"), at + "width", 1, SCALE - x);
            int height = Checks.integer(region.path("height"), at + "height", 1, SCALE - y);
            list.addObject().put("x", x).put("y", y).put("width", width).put("height", height);
        }
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("valueListNum", list.size());
        params.set("valueList", list);
        return params;
    }

    @Override
    public Set<String> fields() {
        return Set.of("valueList", "valueListNum");
    }
}
