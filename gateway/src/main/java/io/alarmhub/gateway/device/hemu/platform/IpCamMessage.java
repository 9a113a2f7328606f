package io.alarmhub.gateway.device.hemu.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.json.NetworkJson;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a camera tells the platform in a {@code DevIpCamCmd} (5.2.11, 5.2.12), read from its fields. The
 * document gives {@code type} 2 two meanings (an answer to an app's command in 5.2.11, the daily statistics in
 * 5.2.12; Appendix D calls it "upload TD log"): they are told apart by content, a {@code statistics} object
 * being the statistics and a {@code msgContent} with {@code responseRequest} an answer.
 */
public sealed interface IpCamMessage {

    /**
     * Type 2 (5.2.11.1, .4, .5, .6 and the answers of 5.2.9.15, .23): the camera's answer to an app's command.
     *
     * @param dstDeviceId the {@code src_device_id} of the command it answers, when the camera names it
     * @param msgSession  the command's {@code msgSession}
     * @param response    0 success, -1 (or 1, 5.2.9.23) failure
     * @param params      {@code responseParams}, when there are any
     * @param message     the whole {@code msg}
     */
    record Answer(Optional<String> dstDeviceId, long msgSession, int responseRequest,
                  OptionalInt responseSubRequest, int response, Optional<JsonNode> params, ObjectNode message)
            implements IpCamMessage {
    }

    /**
     * Type 1 (5.2.11.2): a firmware update's progress. {@code status} 1 download started, 2 downloading,
     * 3 downloaded, 4 download failed, 5 install started, 6 installing, 7 installed, 8 install failed.
     */
    record FirmwareProgress(long msgSession, int status, long currentSize, long totalSize, String firmwareVersion,
                            String cameraAppVersion, String comment) implements IpCamMessage {
    }

    /** Type 2 with {@code statistics} (5.2.12): the camera's daily statistics. */
    record Statistics(ObjectNode statistics) implements IpCamMessage {
    }

    /** Type 3 (5.2.11.3): the camera changed its resolution, e.g. {@code 1280x720}. */
    record Resolution(String resolution) implements IpCamMessage {
    }

    /**
     * Type 4 (5.2.11.7): one picture of a panorama, from {@code data}: {@code cmdtype} (103), {@code sequence}
     * (from 1), {@code count}, {@code size}, then the picture, each number 4 bytes in network order.
     */
    record PanoramaPicture(Optional<String> dstDeviceId, int sequence, int count, byte[] picture)
            implements IpCamMessage {
    }

    /** Anything that cannot be read as one of the above: counted, never answered. */
    record Unreadable(int type, String why) implements IpCamMessage {
    }

    /** The cmdtype of a panorama picture. */
    int PANORAMA = 103;
    /** {@code request} of a firmware progress report. */
    int FIRMWARE_PROGRESS = 2049;

    /** Reads one {@code DevIpCamCmd}'s fields; never throws. */
    static IpCamMessage create(int type, Optional<String> dstDeviceId, Optional<String> msg, Optional<byte[]> data) {
        try {
            return switch (type) {
                case 1 -> progress(json(msg));
                case 2 -> answerOrStatistics(dstDeviceId, json(msg));
                case 3 -> msg.filter(m -> !m.isBlank() && m.length() <= 32)
                        .<IpCamMessage>map(Resolution::new)
                        .orElseGet(() -> new Unreadable(3, "no resolution in msg"));
                case 4 -> panorama(dstDeviceId, data);
                default -> new Unreadable(type, "unknown DevIpCamCmd type " + Integer.toUnsignedString(type));
            };
        } catch (Bad e) {
            return new Unreadable(type, e.getMessage());
        }
    }

    private static ObjectNode json(Optional<String> msg) {
        try {
            JsonNode json = NetworkJson.standard().reader().readTree(msg.orElseThrow(() -> new Bad("no msg")));
            if (json instanceof ObjectNode object) {
                return object;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NumberFormatException e) {
            throw new Bad("msg is not JSON");
        }
        throw new Bad("msg is not a JSON object");
    }

    private static IpCamMessage progress(ObjectNode msg) {
        JsonNode content = msg.path("msgContent");
        if (content.path("request").asInt() != FIRMWARE_PROGRESS) {
            throw new Bad("type 1 without msgContent.request 2049");
        }
        JsonNode p = content.path("requestParams");
        int status = number(p.path("status"), "status");
        if (status < 1 || status > 8) {
            throw new Bad("firmware status " + status + " is not 1 to 8");
        }
        return new FirmwareProgress(msg.path("msgSession").asLong(), status, number(p.path("currentSize")),
                number(p.path("totalSize")), p.path("firmwareversion").asText(""),
                p.path("cameraappversion").asText(""), truncated(p.path("comment").asText(""), 2048));
    }

    private static IpCamMessage answerOrStatistics(Optional<String> dstDeviceId, ObjectNode msg) {
        if (msg.path("statistics").isObject()) {
            return new Statistics((ObjectNode) msg.get("statistics"));
        }
        JsonNode content = msg.path("msgContent");
        if (!content.has("responseRequest")) {
            throw new Bad("type 2 with neither statistics nor msgContent.responseRequest");
        }
        JsonNode sub = content.path("responseSubRequest");
        JsonNode params = content.path("responseParams");
        return new Answer(dstDeviceId, msg.path("msgSession").asLong(), number(content.path("responseRequest"),
                "responseRequest"), sub.isMissingNode() || sub.isNull() ? OptionalInt.empty()
                : OptionalInt.of(number(sub, "responseSubRequest")), number(content.path("response"), "response"),
                params.isMissingNode() || params.isNull() ? Optional.empty() : Optional.of(params), msg);
    }

    private static IpCamMessage panorama(Optional<String> dstDeviceId, Optional<byte[]> data) {
        byte[] bytes = data.orElseThrow(() -> new Bad("no data"));
        if (bytes.length < 16) {
            throw new Bad("data shorter than its 16-byte header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes); // big-endian: the document's network byte order
        int cmdtype = in.getInt();
        int sequence = in.getInt();
        int count = in.getInt();
        int size = in.getInt();
        if (cmdtype != PANORAMA) {
            throw new Bad("cmdtype " + cmdtype + " is not 103 (panorama)");
        }
        if (size < 0 || size != bytes.length - 16) {
            throw new Bad("size " + Integer.toUnsignedString(size) + " is not the " + (bytes.length - 16)
                    + " bytes that follow");
        }
        if (count < 1 || sequence < 1 || sequence > count) {
            throw new Bad("sequence " + sequence + " of count " + count);
        }
        byte[] picture = new byte[size];
        in.get(picture);
        return new PanoramaPicture(dstDeviceId, sequence, count, picture);
    }

    /** A JSON number, or text holding one (the document writes {@code "status": "1~8 "}, sizes as text). */
    private static int number(JsonNode node, String name) {
        long value = number(node);
        if (node.isMissingNode() || value != (int) value) {
            throw new Bad(name + " is missing or not a number");
        }
        return (int) value;
    }

    private static long number(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        try {
            return node.isTextual() ? Long.parseLong(node.asText().trim()) : 0;
        } catch (NumberFormatException e) {
            throw new Bad("'" + truncated(node.asText(), 20) + "' is not a number");
        }
    }

    private static String truncated(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** A field that cannot be read: the message becomes {@link Unreadable}. */
    final class Bad extends RuntimeException {
        Bad(String message) {
            super(message, null, false, false);
        }
    }
}
