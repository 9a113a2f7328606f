package io.alarmhub.gateway.device.vstarcam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.alarmhub.gateway.json.NetworkJson;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns what a camera sent into the event model: its device id, its {@code Online} and {@code Alarm}. */
final class VStarcamMapper {

    private static final NetworkJson JSON = NetworkJson.standard();
    /** Printable ASCII without spaces: VStarcam ids look like {@code VC0000000ABCD} or {@code VSTC123456ABCDE}. */
    private static final Pattern VUID = Pattern.compile("[\\x21-\\x7e]{1,64}");
    private static final Pattern TYPE = Pattern.compile("[\\x21-\\x7e]{1,32}");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,8}");
    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/jpeg", "jpg", "image/jpg", "jpg", "image/png", "png", "image/bmp", "bmp",
            "video/mp4", "mp4", "video/h264", "h264", "video/h265", "h265", "video/x-msvideo", "avi");

    private VStarcamMapper() {
    }

    /** The device of a {@code vuid} as sent; 400 when it is missing or unlike an id. */
    static DeviceId device(Optional<String> vuid) {
        String id = vuid.map(String::strip).filter(text -> !text.isEmpty())
                .orElseThrow(() -> missing("vuid"));
        if (!VUID.matcher(id).matches()) {
            throw Answer.refused(HttpResponseStatus.BAD_REQUEST, "bad_field",
                    "vuid must be 1 to 64 printable characters without spaces").reject();
        }
        return new DeviceId(VStarcamListener.VENDOR, id);
    }

    /** The {@code vuid} of a heartbeat body, {@code {"vuid":"VC0000000ABCD"}}; 400 when it is no such JSON. */
    static DeviceId heartbeat(byte[] body) {
        JsonNode json;
        try {
            json = JSON.reader().readTree(body);
        } catch (IOException e) {
            throw Answer.refused(HttpResponseStatus.BAD_REQUEST, "bad_json", "heartbeat is not valid JSON").reject();
        }
        if (json == null || !json.isObject()) {
            throw Answer.refused(HttpResponseStatus.BAD_REQUEST, "bad_json", "heartbeat is not a JSON object")
                    .reject();
        }
        JsonNode vuid = json.get("vuid");
        if (vuid != null && !vuid.isNull() && !vuid.isTextual()) {
            throw Answer.refused(HttpResponseStatus.BAD_REQUEST, "bad_field", "vuid must be a string").reject();
        }
        return device(Optional.ofNullable(vuid).filter(JsonNode::isTextual).map(JsonNode::asText));
    }

    /** The heartbeat as the event's raw text: compact JSON, as the camera sent it. */
    static String rawHeartbeat(byte[] body) {
        try {
            return JSON.reader().readTree(body).toString();
        } catch (IOException e) {
            throw new IllegalStateException("a heartbeat already parsed no longer parses", e);
        }
    }

    static DeviceEvent.Online online(String id, DeviceId device, Instant at, String address, String raw) {
        return new DeviceEvent.Online(id, device, at, Optional.empty(), Optional.of(address), raw);
    }

    /**
     * Checks an alarm push for its required parts ({@code vuid}, {@code type}, {@code picture}) and
     * returns its {@code type} as sent. A {@code type} that is no number is kept as sent (type other);
     * a {@code video} sent as a text field rather than a file is kept in the raw text only.
     */
    static String type(AlarmForm form) {
        device(form.field("vuid"));
        String type = form.field("type").map(String::strip).filter(text -> !text.isEmpty())
                .orElseThrow(() -> missing("type"));
        if (!TYPE.matcher(type).matches()) {
            throw Answer.refused(HttpResponseStatus.BAD_REQUEST, "bad_field",
                    "type must be a short code, decimal (18) or hex (0x12)").reject();
        }
        if (form.file("picture").isEmpty()) {
            throw form.field("picture").isPresent()
                    ? Answer.refused(HttpResponseStatus.BAD_REQUEST, "bad_field", "picture must be a file part")
                            .reject()
                    : missing("picture");
        }
        return type;
    }

    static DeviceEvent.Alarm alarm(String id, AlarmForm form, Instant receivedAt, List<MediaRef> media) {
        String type = type(form);
        return new DeviceEvent.Alarm(id, device(form.field("vuid")), receivedAt, 0, VStarcamAlarmTypes.of(type),
                type, Optional.empty(), Optional.empty(), media, Optional.empty(), raw(form));
    }

    /**
     * The push as the event's raw text: the form fields as sent, and each file as its name, size and
     * content type: {@code {"vuid":"VC…","type":"0x12","picture":{"file":"a.jpg","size":1234,
     * "contentType":"image/jpeg"}}}.
     */
    static String raw(AlarmForm form) {
        ObjectNode raw = JSON.object();
        form.fields().forEach(raw::put);
        for (AlarmForm.Part part : form.files()) {
            ObjectNode file = raw.putObject(part.name());
            file.put("file", part.filename());
            file.put("size", part.size());
            file.put("contentType", part.contentType());
        }
        return raw.toString();
    }

    /** The kind a part is kept as: {@code video} is a video, every other file a picture. */
    static MediaKind kind(AlarmForm.Part part) {
        return "video".equals(part.name()) ? MediaKind.VIDEO : MediaKind.PICTURE;
    }

    /** The extension to keep a part under: from its file name, else its content type, else jpg or mp4. */
    static String extension(AlarmForm.Part part) {
        String name = fileName(part);
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (EXTENSION.matcher(extension).matches()) {
                return extension;
            }
        }
        String type = part.contentType() == null ? "" : part.contentType().toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        String extension = EXTENSIONS.get((parameters < 0 ? type : type.substring(0, parameters)).strip());
        if (extension != null) {
            return extension;
        }
        return kind(part) == MediaKind.VIDEO ? "mp4" : "jpg";
    }

    /** The camera's name of a file, without any directory it put in front. */
    static String fileName(AlarmForm.Part part) {
        String name = part.filename() == null ? "" : part.filename();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        return name.length() <= 255 ? name : name.substring(name.length() - 255);
    }

    private static Answer.Rejected missing(String field) {
        return Answer.refused(HttpResponseStatus.BAD_REQUEST, "missing_field", "missing " + field).reject();
    }
}
