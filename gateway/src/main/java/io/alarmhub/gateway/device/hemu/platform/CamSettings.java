package io.alarmhub.gateway.device.hemu.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A camera's online configuration ({@code camRW}, 5.1.5): the document's defaults, and the checks on a change
 * an app makes. Every field of 5.1.5 is answered; what an app or the camera never set keeps its default.
 */
public final class CamSettings {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> ON_OFF = Set.of("On", "Off");
    private static final Set<String> SWITCHES = Set.of("HDVideo", "cameraImageRotate", "cameraMicrophone", "status",
            "statusLight", "motionNotification", "soundNotification", "motionTrack", "personStatus");
    private static final Set<String> SCHEDULES = Set.of("cameraOffSchedule", "alarmAlertOffSchedule",
            "personSchedules");
    private static final Map<String, Set<String>> CHOICES = Map.of(
            "motionSensitivity", Set.of("30", "50", "80", "90", "100"),
            "soundSensitivity", Set.of("80", "85", "90", "95", "100"),
            "nightVision", Set.of("Auto", "On", "Off"),
            // The table says On/Off, the example says "50": the mains frequency, or a switch.
            "antiFlicker", Set.of("50", "60", "On", "Off"));
    private static final Pattern REGIONS = Pattern.compile("(([1-9]|1[0-9]|2[0-5])(;([1-9]|1[0-9]|2[0-5]))*)?");
    private static final Pattern HOUR_MINUTE = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final int MAX_ENTRIES = 16;
    private static final int MAX_TITLE = 64;

    private CamSettings() {
    }

    /** The document's defaults: sensitivities 80 (motion) and 90 (sound), empty schedules and regions. */
    public static ObjectNode defaults() {
        ObjectNode camRW = NODES.objectNode()
                .put("HDVideo", "On").put("antiFlicker", "50").put("cameraImageRotate", "Off")
                .put("cameraMicrophone", "On").put("motionSensitivity", "80").put("nightVision", "Auto")
                .put("soundSensitivity", "90").put("status", "On").put("statusLight", "On").put("title", "")
                // empty: every block of the 5x5 grid, as the document says of a value not given
                .put("motionRegions", "").put("motionNotification", "On").put("soundNotification", "On")
                .put("motionTrack", "Off").put("motionTrackBackTime", "30");
        camRW.set("cameraOffSchedule", emptyList());
        camRW.set("alarmAlertOffSchedule", emptyList());
        camRW.put("personStatus", "Off");
        camRW.set("personRegion", emptyList());
        camRW.set("personSchedules", emptyList());
        return camRW;
    }

    /** What the camera is answered: the defaults with the stored values over them. */
    public static ObjectNode effective(ObjectNode stored) {
        ObjectNode camRW = defaults();
        camRW.setAll(stored);
        return camRW;
    }

    /**
     * The stored values with an app's change over them, every changed field checked.
     *
     * @throws PlatformException {@code BAD_VALUE} naming the first field that is not right
     */
    public static ObjectNode merge(ObjectNode stored, JsonNode change) {
        if (!change.isObject()) {
            throw bad("camRW", "must be an object");
        }
        ObjectNode merged = stored.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = change.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            merged.set(field.getKey(), checked(field.getKey(), field.getValue()));
        }
        return merged;
    }

    private static JsonNode checked(String name, JsonNode value) {
        if (SWITCHES.contains(name)) {
            return choice(name, value, ON_OFF);
        }
        if (CHOICES.containsKey(name)) {
            return choice(name, value, CHOICES.get(name));
        }
        if (SCHEDULES.contains(name)) {
            return list(name, value, CamSettings::schedule);
        }
        return switch (name) {
            case "title" -> text(name, value, MAX_TITLE);
            case "motionRegions" -> matching(name, value, REGIONS, "block numbers 1-25 separated by ;");
            case "motionTrackBackTime" -> matching(name, value, Pattern.compile("[0-9]{1,5}"), "a number of seconds");
            case "personRegion" -> list(name, value, CamSettings::region);
            default -> throw bad(name, "is not a setting of camRW");
        };
    }

    private static JsonNode choice(String name, JsonNode value, Set<String> allowed) {
        String text = value.isTextual() || value.isNumber() ? value.asText() : "";
        if (!allowed.contains(text)) {
            throw bad(name, "'" + value + "' is not one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return NODES.textNode(text);
    }

    private static JsonNode text(String name, JsonNode value, int max) {
        if (!value.isTextual() || value.asText().length() > max) {
            throw bad(name, "must be text of at most " + max + " characters");
        }
        return value;
    }

    private static JsonNode matching(String name, JsonNode value, Pattern pattern, String what) {
        String text = value.isTextual() || value.isNumber() ? value.asText() : "\u0000";
        if (!pattern.matcher(text).matches()) {
            throw bad(name, "'" + value + "' is not " + what);
        }
        return NODES.textNode(text);
    }

    private interface EntryCheck {
        void check(String name, JsonNode entry);
    }

    /** {@code {"valueList":[…],"valueListNum":n}}, the count taken from the list rather than trusted. */
    private static JsonNode list(String name, JsonNode value, EntryCheck check) {
        JsonNode entries = value.path("valueList");
        if (!value.isObject() || !entries.isArray() || entries.size() > MAX_ENTRIES) {
            throw bad(name, "must be {\"valueList\":[…],\"valueListNum\":n} with at most " + MAX_ENTRIES + " entries");
        }
        ArrayNode list = NODES.arrayNode();
        for (int i = 0; i < entries.size(); i++) {
            check.check(name + ".valueList[" + i + "]", entries.get(i));
            list.add(entries.get(i));
        }
        ObjectNode checked = NODES.objectNode();
        checked.set("valueList", list);
        return checked.put("valueListNum", list.size());
    }

    private static void schedule(String name, JsonNode entry) {
        int repeat = entry.path("repeat").asInt(-1);
        if (!entry.path("repeat").isInt() || repeat < 0 || repeat > 127) {
            throw bad(name + ".repeat", "must be the weekdays as bits, 0-127");
        }
        for (String time : new String[]{"startTime", "endTime"}) {
            if (!HOUR_MINUTE.matcher(entry.path(time).asText()).matches()) {
                throw bad(name + "." + time, "must be HH:MM");
            }
        }
        if (!entry.path("status").isBoolean() || !entry.path("index").isInt()) {
            throw bad(name, "needs status (true or false) and index (a number)");
        }
    }

    private static void region(String name, JsonNode entry) {
        for (String field : new String[]{"x", "y", "width", "height"}) {
            if (!entry.path(field).isInt() || entry.path(field).asInt() < 0 || entry.path(field).asInt() > 10_000) {
                throw bad(name + "." + field, "must be a whole number 0-10000");
            }
        }
    }

    private static ObjectNode emptyList() {
        ObjectNode list = NODES.objectNode();
        list.putArray("valueList");
        return list.put("valueListNum", 0);
    }

    private static PlatformException bad(String name, String why) {
        return new PlatformException(PlatformException.Reason.BAD_VALUE, "camRW." + name + ": " + why);
    }
}
