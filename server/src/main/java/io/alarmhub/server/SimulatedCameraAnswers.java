package io.alarmhub.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How a simulated Hemu camera answers apps' commands (5.2.9, 5.2.10) as 5.2.11 says: a {@code DevIpCamCmd} of
 * type 2 whose {@code msg} echoes the command's {@code msgSession}, with {@code dst_device_id} the command's
 * {@code src_device_id}, {@code response} 0 for a setting it accepts and -1 for one it does not (an unknown
 * setting, a value the document does not allow); the Wi-Fi networks it sees, its SD card's partitions and where
 * its pan and tilt are, for the queries. It keeps its pan and tilt: a position set, or steps, move them.
 *
 * <p>Not answered here: request 4097, the firmware upgrade, which the firmware simulator handles; commands that
 * are not type 33 (live view); and a {@code msg} it cannot read, as a camera would ignore it.
 */
public final class SimulatedCameraAnswers {

    /** {@code DevAppCmd.type} of an app's setting or query. */
    public static final int APP_COMMAND = 33;
    /** {@code DevIpCamCmd.type} of an answer. */
    public static final int ANSWER = 2;
    public static final int SET = 1793;
    public static final int QUERY = 1792;
    public static final int POWER = 1815;
    public static final int FIRMWARE = 4097;
    /** How far a PTZ step (5.2.9.11) turns: a tenth of the way from the centre to an end. */
    public static final int STEP = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 1_000_000;
    /** The settings it takes, and the values it accepts for each. */
    private static final Map<Integer, Predicate<JsonNode>> SETTINGS = Map.ofEntries(
            Map.entry(15, value(30, 50, 80, 90, 100)), Map.entry(29, value(80, 85, 90, 95, 100)),
            Map.entry(37, value(0, 1)), Map.entry(30, value(0, 1)), Map.entry(23, value(0, 180)),
            Map.entry(19, value(0, 1)), Map.entry(21, value(0, 1, 2)), Map.entry(36, value(50, 60)),
            Map.entry(5, value(0, 1, 2, 3, 4)), Map.entry(82, value(0, 1, 2, 3, 4)),
            Map.entry(81, p -> within(p.path("pan")) && within(p.path("tilt"))),
            Map.entry(56, p -> p.path("valueList").isArray()), Map.entry(17, p -> p.path("ssid").isTextual()),
            Map.entry(26, p -> p.path("valueList").isArray()), Map.entry(94, p -> p.path("valueList").isArray()),
            Map.entry(92, value(1, 4)), Map.entry(93, p -> p.path("valueList").isArray()),
            Map.entry(87, p -> true), Map.entry(109, value(0, 1)),
            Map.entry(116, p -> p.path("value").isInt() && p.path("value").asInt() > 0),
            Map.entry(153, value(0, 1)));

    private final String deviceId;
    private final Clock clock;
    private int pan;
    private int tilt;

    public SimulatedCameraAnswers(String deviceId, Clock clock) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One {@code DevAppCmd} of type 33 as a camera reads its {@code msg}.
     *
     * @param from the command's {@code src_device_id}, which the answer names as {@code dst_device_id}
     */
    public record Command(int id, String from, long msgSession, int request, OptionalInt subRequest,
                          JsonNode requestParams) {

        /** What a camera's log says of it: never its parameters (a Wi-Fi key). */
        @Override
        public String toString() {
            return "DevAppCmd id " + Integer.toUnsignedString(id) + " from " + from + " request " + request
                    + (subRequest.isPresent() ? " subRequest " + subRequest.getAsInt() : "");
        }
    }

    /** The command's {@code msg} read; empty when it is not type 33 or its {@code msg} has no request. */
    public static Optional<Command> read(Hedgw.DevAppCmd command) {
        if (command.getType() != APP_COMMAND || !command.hasMsg()) {
            return Optional.empty();
        }
        JsonNode msg;
        try {
            msg = JSON.readTree(command.getMsg());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        JsonNode content = msg.path("msgContent");
        if (!content.path("request").isInt()) {
            return Optional.empty();
        }
        JsonNode sub = content.path("subRequest");
        return Optional.of(new Command(command.getId(), command.getSrcDeviceId(), msg.path("msgSession").asLong(),
                content.path("request").asInt(), sub.isInt() ? OptionalInt.of(sub.asInt()) : OptionalInt.empty(),
                content.path("requestParams")));
    }

    /** The answer to one command; empty for what this class does not answer (see the class's comment). */
    public synchronized Optional<Hedgw.HEDGWMessage> answer(Hedgw.DevAppCmd command) {
        return read(command).filter(c -> c.request() != FIRMWARE).map(this::answer);
    }

    /** The {@code response} of an answer this class made. */
    public static OptionalInt response(Hedgw.HEDGWMessage answer) {
        try {
            JsonNode response = JSON.readTree(answer.getDevIpcamCmd().getMsg()).path("msgContent").path("response");
            return response.isInt() ? OptionalInt.of(response.asInt()) : OptionalInt.empty();
        } catch (JsonProcessingException e) {
            return OptionalInt.empty();
        }
    }

    /** Where its pan and tilt are now. */
    public synchronized int[] position() {
        return new int[] {pan, tilt};
    }

    private Hedgw.HEDGWMessage answer(Command command) {
        ObjectNode msg = JSON.createObjectNode().put("msgCategory", "camera");
        ObjectNode content = msg.putObject("msgContent");
        int sub = command.subRequest().orElse(-1);
        Optional<JsonNode> params = Optional.empty();
        boolean ok;
        switch (command.request()) {
            case SET -> ok = set(sub, command.requestParams());
            case POWER -> ok = command.subRequest().isEmpty() && value(1, 4).test(command.requestParams());
            case QUERY -> {
                params = query(sub);
                ok = params.isPresent();
            }
            default -> ok = false;
        }
        content.put("response", ok ? 0 : -1).put("responseRequest", command.request());
        command.subRequest().ifPresent(s -> content.put("responseSubRequest", s));
        params.ifPresent(p -> content.set("responseParams", p));
        msg.put("msgSequence", 1).put("msgSession", command.msgSession())
                .put("msgTimeStamp", clock.millis() / 1000);
        return Hedgw.HEDGWMessage.newBuilder().setMessageType(Hedgw.HEDGWMessage.MessageType.DevIpCamCmd)
                .setDevIpcamCmd(Hedgw.DevIpCamCmd.newBuilder().setType(ANSWER).setSrcDeviceId(deviceId)
                        .setDstDeviceId(command.from()).setMsg(msg.toString())).build();
    }

    private boolean set(int sub, JsonNode params) {
        if (!params.isObject() || !SETTINGS.getOrDefault(sub, p -> false).test(params)) {
            return false;
        }
        if (sub == 81) {
            pan = params.path("pan").asInt();
            tilt = params.path("tilt").asInt();
        } else if (sub == 5) {
            switch (params.path("value").asInt()) {
                case 0 -> {
                    pan = 0;
                    tilt = 0;
                }
                case 1 -> pan = Math.max(-LIMIT, pan - STEP);
                case 2 -> pan = Math.min(LIMIT, pan + STEP);
                case 3 -> tilt = Math.min(LIMIT, tilt + STEP);
                default -> tilt = Math.max(-LIMIT, tilt - STEP);
            }
        }
        return true;
    }

    private Optional<JsonNode> query(int sub) {
        return switch (sub) {
            case 16 -> Optional.of(wifiList());
            case 85 -> Optional.of(partitions());
            case 81 -> Optional.of(JSON.createObjectNode().put("pan", pan).put("tilt", tilt));
            default -> Optional.empty();
        };
    }

    /** 5.2.11.1's networks: the one it is on, and two neighbours. */
    private static ArrayNode wifiList() {
        ArrayNode list = JSON.createArrayNode();
        list.addObject().put("bConnected", 1).put("bssid", "8C:AB:8E:9B:EE:0E").put("encryption", "WPA/WPA2")
                .put("signal", 5).put("ssid", "home");
        list.addObject().put("bConnected", 0).put("bssid", "B0:D5:9D:33:26:02").put("encryption", "WPA2")
                .put("signal", 1).put("ssid", "FORTEST");
        list.addObject().put("bConnected", 0).put("bssid", "E4:3F:A2:01:95:09").put("encryption", "WPA/WPA2")
                .put("signal", 4).put("ssid", "CMCC_019594");
        return list;
    }

    /** 5.2.11.4's partitions of a 32 GB card: sizes in bytes, 64-bit. */
    private static ArrayNode partitions() {
        ArrayNode list = JSON.createArrayNode();
        list.addObject().put("name", "/dev/mmcblk0p1").put("fs", "vfat").put("total", 31_914_983_424L)
                .put("remain", 27_917_287_424L);
        return list;
    }

    private static Predicate<JsonNode> value(int... allowed) {
        Set<Integer> values = java.util.Arrays.stream(allowed).boxed().collect(java.util.stream.Collectors.toSet());
        return params -> params.path("value").isInt() && values.contains(params.path("value").asInt());
    }

    private static boolean within(JsonNode number) {
        return number.isInt() && Math.abs(number.asInt()) <= LIMIT;
    }
}
