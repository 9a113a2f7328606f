package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A weekly schedule (5.2.9.16 camera off, 5.2.9.19 people counting on): {@code valueList} of
 * {@code {repeat, startTime, endTime, status, index}}, {@code repeat} the weekdays as bits (Sunday 0x1 … Saturday
 * 0x40, so 0–127), the times {@code HH:mm} in UTC ({@code startTime} after {@code endTime} runs over midnight),
 * {@code status} true when the entry is in force, {@code index} 0–6 and distinct, so at most 7 entries (5.2.9.19
 * says so; 5.2.9.16's indexes allow no more). The whole list is sent each time; {@code valueListNum} is counted
 * here. The document's examples write {@code "startTime "} with a stray space once: it is sent {@code startTime}.
 *
 * @param status the people-counting schedule's own {@code status} (5.2.9.19), empty for the camera-off one
 */
record ScheduleParams(Optional<ChoiceParams> status) implements Params {

    static final int MAX = 7;
    private static final Pattern HOUR_MINUTE = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    /** 5.2.9.16's. */
    static ScheduleParams cameraOff() {
        return new ScheduleParams(Optional.empty());
    }

    /**
     * 5.2.9.19's, with a {@code status} beside the list. The document shows it 1 and does not say what else it
     * may be: 1 on and 4 off are taken, as the people-counting switch (5.2.9.18) has them.
     */
    static ScheduleParams peopleCounting() {
        return new ScheduleParams(Optional.of(ChoiceParams.wordsOf("status", "on", 1, "off", 4)));
    }

    @Override
    public ObjectNode read(JsonNode source, Form form, String where) {
        String prefix = where + ": " + (form == Form.RAW ? "requestParams." : "") + "valueList";
        ArrayNode given = Checks.list(source.path("valueList"), prefix, MAX);
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        Set<Integer> indexes = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String at = prefix + "[" + i + "].";
            JsonNode entry = Checks.object(given.get(i), prefix + "[" + i + "]");
            int repeat = Checks.integer(entry.path("repeat"), at + "repeat", 0, 127);
            String start = Checks.text(entry.path("startTime"), at + "startTime", 5, 5, HOUR_MINUTE,
                    "HH:mm, e.g. 21:00");
            String end = Checks.text(entry.path("endTime"), at + "endTime", 5, 5, HOUR_MINUTE, "HH:mm, e.g. 10:00");
            boolean inForce = Checks.bool(entry.path("status"), at + "status");
            int index = Checks.integer(entry.path("index"), at + "index", 0, MAX - 1);
            if (!indexes.add(index)) {
                throw Checks.bad(at + "index must differ from the other entries' indexes");
            }
            list.addObject().put("repeat", repeat).put("startTime", start).put("endTime", end).put("status", inForce)
                    .put("index", index);
        }
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        params.set("valueList", list);
        params.put("valueListNum", list.size());
        status.ifPresent(s -> params.setAll(s.read(source, form, where)));
        return params;
    }

    @Override
    public Set<String> fields() {
        return status.isPresent() ? Set.of("valueList", "valueListNum", "status") : Set.of("valueList", "valueListNum");
    }

    /** The online configuration's form of the schedule: the list and its count, without the switch. */
    static ObjectNode stored(ObjectNode params) {
        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        stored.set("valueList", params.path("valueList").deepCopy());
        return stored.put("valueListNum", params.path("valueList").size());
    }
}
