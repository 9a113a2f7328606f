package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alarmhub.gateway.device.hemu.command.CommandKind.Setting;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.alarmhub.gateway.device.hemu.command.Checks.bad;

/**
 * The commands apps may send to Hemu cameras (5.2.9 settings, 5.2.10 queries), as data: one {@link CommandKind}
 * each. {@link #read} takes an app's command in either form, named ({@code {"command":"night_vision",
 * "value":"auto"}}) or raw ({@code {"request":1793,"subRequest":21,"requestParams":{"value":2}}}), and checks it by
 * the same rules; whatever it refuses never reaches a camera.
 *
 * <p>Not taken from apps: 4097, the firmware upgrade, which points a camera at a URL to download and install
 * whatever is there; only an operator's firmware rollout sends it. Nor 5.2.9.1's live-view requests (types 8
 * and 9), which belong to the media path.
 */
public final class CommandCatalogue {

    /** {@code request}: set a setting. */
    public static final int SET = 1793;
    /** {@code request}: ask something. */
    public static final int QUERY = 1792;
    /** {@code request}: turn the camera on (1) or off (4), 5.2.9.10. */
    public static final int POWER = 1815;
    /** {@code request}: upgrade the firmware (5.2.9.14), which apps may not send. */
    public static final int FIRMWARE = 4097;

    private static final List<CommandKind> KINDS = List.of(
            set("motion_sensitivity", 15, false, ChoiceParams.numbers(30, 50, 80, 90, 100), null,
                    number("motionSensitivity")),
            set("sound_sensitivity", 29, false, ChoiceParams.numbers(80, 85, 90, 95, 100), null,
                    number("soundSensitivity")),
            set("microphone", 37, false, ChoiceParams.words("off", 0, "on", 1), Capability.MICROPHONE,
                    onOff("cameraMicrophone", 1)),
            set("video_quality", 30, false, ChoiceParams.words("sd", 0, "hd", 1), null, onOff("HDVideo", 1)),
            set("rotation", 23, false, ChoiceParams.numbers(0, 180), null, onOff("cameraImageRotate", 180)),
            set("status_light", 19, false, ChoiceParams.words("off", 0, "on", 1), null, onOff("statusLight", 1)),
            set("night_vision", 21, false, ChoiceParams.words("off", 0, "on", 1, "auto", 2), null,
                    words("nightVision", "Off", "On", "Auto")),
            set("anti_flicker", 36, false, ChoiceParams.numbers(50, 60), null, number("antiFlicker")),
            set("ptz.step", 5, false, ChoiceParams.words("home", 0, "left", 1, "right", 2, "up", 3, "down", 4),
                    Capability.PTZ, null),
            set("ptz.move", 82, false, ChoiceParams.words("stop", 0, "left", 1, "right", 2, "up", 3, "down", 4),
                    Capability.PTZ, null),
            set("ptz.position", 81, false, new PtzPositionParams(), Capability.PTZ, null),
            set("motion_regions", 56, true, new MotionRegionsParams(), Capability.MOTION_REGIONS,
                    new Setting("motionRegions", p -> TextNode.valueOf(MotionRegionsParams.blocks(p)))),
            set("wifi", 17, false, new WifiParams(), Capability.WIFI, null),
            set("camera_off_schedule", 26, false, ScheduleParams.cameraOff(), null,
                    new Setting("cameraOffSchedule", ScheduleParams::stored)),
            set("people_count.regions", 94, true, new PersonRegionsParams(), Capability.PEOPLE_COUNTING,
                    new Setting("personRegion", p -> p)),
            set("people_count", 92, true, ChoiceParams.words("on", 1, "off", 4), Capability.PEOPLE_COUNTING,
                    onOff("personStatus", 1)),
            set("people_count.schedule", 93, true, ScheduleParams.peopleCounting(), Capability.PEOPLE_COUNTING,
                    new Setting("personSchedules", ScheduleParams::stored)),
            set("sd.format", 87, true, new NoParams(), Capability.SD_CARD, null),
            set("motion_tracking", 109, true, ChoiceParams.words("off", 0, "on", 1), Capability.MOTION_TRACKING,
                    onOff("motionTrack", 1)),
            set("motion_tracking.return_time", 116, true, new RangeParams(5, 3600), Capability.MOTION_TRACKING,
                    number("motionTrackBackTime")),
            set("panorama", 153, true, new PanoramaParams(), Capability.PANORAMA, null),
            new CommandKind("camera", POWER, OptionalInt.empty(), false, ChoiceParams.words("on", 1, "off", 4),
                    Optional.empty(), Optional.of(onOff("status", 1))),
            query("wifi.list", 16, false, Capability.WIFI),
            query("sd.info", 85, true, Capability.SD_CARD),
            query("ptz.get_position", 81, false, Capability.PTZ));

    private static final Map<String, CommandKind> BY_NAME = KINDS.stream()
            .collect(Collectors.toUnmodifiableMap(CommandKind::name, Function.identity()));
    private static final Map<String, CommandKind> BY_NUMBERS = KINDS.stream()
            .collect(Collectors.toUnmodifiableMap(CommandKind::numbers, Function.identity()));
    private static final String NAMES = KINDS.stream().map(CommandKind::name).collect(Collectors.joining(", "));
    private static final String NUMBERS = KINDS.stream().map(CommandKind::numbers).collect(Collectors.joining(", "));
    private static final String NO_FIRMWARE = "firmware upgrades (request " + FIRMWARE + ") are not taken from apps:"
            + " only an operator's firmware rollout sends them, since the command makes a camera install whatever its"
            + " URL serves";

    private CommandCatalogue() {
    }

    /** Every command, in the documentation's order. */
    public static List<CommandKind> kinds() {
        return KINDS;
    }

    public static Optional<CommandKind> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * Reads and checks an app's command.
     *
     * @throws io.alarmhub.gateway.command.CommandRefusal {@code BAD_COMMAND}: not a command of the catalogue,
     *                                                    or a value outside what the document allows
     */
    public static CheckedCommand read(JsonNode command) {
        if (command == null || !command.isObject()) {
            throw bad("a command is a JSON object: {\"command\":…} or {\"request\":…,\"subRequest\":…,"
                    + "\"requestParams\":{…}}");
        }
        boolean named = command.has("command");
        if (named == command.has("request")) {
            throw bad("a command has either \"command\" (its name) or \"request\" (the document's number), not "
                    + (named ? "both" : "neither"));
        }
        return named ? readNamed(command) : readRaw(command);
    }

    private static CheckedCommand readNamed(JsonNode command) {
        JsonNode name = command.get("command");
        if (name.isTextual() && name.asText().startsWith("firmware")) {
            throw bad(NO_FIRMWARE);
        }
        CommandKind kind = name.isTextual() ? BY_NAME.get(name.asText()) : null;
        if (kind == null) {
            throw bad("command must be one of " + NAMES);
        }
        return new CheckedCommand(kind, kind.params().read(command, Params.Form.NAMED, kind.name()), true);
    }

    private static CheckedCommand readRaw(JsonNode command) {
        JsonNode request = command.get("request");
        if (!request.isIntegralNumber() || !request.canConvertToInt()) {
            throw bad("request must be a whole number: " + SET + " (set), " + QUERY + " (query) or " + POWER
                    + " (camera on/off)");
        }
        if (request.asInt() == FIRMWARE) {
            throw bad(NO_FIRMWARE);
        }
        JsonNode sub = command.path("subRequest");
        // The document writes 1815's absent subRequest as -1: taken as none, and none is sent.
        boolean none = sub.isMissingNode() || sub.isNull() || (sub.isIntegralNumber() && sub.asLong() == -1);
        if (!none && (!sub.isIntegralNumber() || !sub.canConvertToInt())) {
            throw bad("subRequest must be a whole number");
        }
        CommandKind kind = BY_NUMBERS.get(request.asInt() + (none ? "" : "/" + sub.asInt()));
        if (kind == null) {
            throw bad("request/subRequest must be one of " + NUMBERS);
        }
        JsonNode params = command.path("requestParams");
        if (params.isMissingNode() || params.isNull()) {
            params = JsonNodeFactory.instance.objectNode();
        }
        if (!params.isObject()) {
            throw bad(kind.numbers() + ": requestParams must be an object");
        }
        for (Iterator<String> fields = params.fieldNames(); fields.hasNext(); ) {
            if (!kind.params().fields().contains(fields.next())) {
                throw bad(kind.numbers() + ": requestParams may have only "
                        + (kind.params().fields().isEmpty() ? "nothing" : String.join(", ",
                        kind.params().fields().stream().sorted().toList())));
            }
        }
        return new CheckedCommand(kind, kind.params().read(params, Params.Form.RAW, kind.numbers()), false);
    }

    private static CommandKind set(String name, int subRequest, boolean versioned, Params params, Capability needs,
                                   Setting setting) {
        return new CommandKind(name, SET, OptionalInt.of(subRequest), versioned, params, Optional.ofNullable(needs),
                Optional.ofNullable(setting));
    }

    private static CommandKind query(String name, int subRequest, boolean versioned, Capability needs) {
        return new CommandKind(name, QUERY, OptionalInt.of(subRequest), versioned, new NoParams(),
                Optional.of(needs), Optional.empty());
    }

    /** {@code camRW} keeps the number as text: {@code "80"}. */
    private static Setting number(String field) {
        return new Setting(field, p -> TextNode.valueOf(p.path("value").asText()));
    }

    /** {@code camRW} keeps a switch: {@code "On"} when {@code value} is {@code on}, else {@code "Off"}. */
    private static Setting onOff(String field, int on) {
        return new Setting(field, p -> TextNode.valueOf(p.path("value").asInt() == on ? "On" : "Off"));
    }

    /** {@code camRW} keeps the word of each value 0, 1, 2…: {@code nightVision} 2 is {@code "Auto"}. */
    private static Setting words(String field, String... byValue) {
        return new Setting(field, p -> TextNode.valueOf(byValue[p.path("value").asInt()]));
    }
}
