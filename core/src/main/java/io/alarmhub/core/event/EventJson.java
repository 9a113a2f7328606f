package io.alarmhub.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.device.Device;
import io.alarmhub.core.media.MediaRef;

import java.util.List;

/**
 * The JSON a watcher receives for a device event (the {@code msg} of the push), as documented in
 * {@code docs/device-events.md}: the normalized fields, the media URLs, and the vendor's raw message.
 */
public final class EventJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            // The raw message is passed on as the device sent it: decimals keep their digits.
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private EventJson() {
    }

    public static String of(DeviceEvent event, Device device) {
        ObjectNode json = JSON.createObjectNode()
                .put("event", event.kind())
                .put("id", event.id())
                .put("vendor", event.device().vendor())
                .put("device", event.device().id())
                .put("device_name", device.name())
                .put("time", event.time().toString());
        if (event instanceof DeviceEvent.Online e) {
            e.name().ifPresent(n -> json.put("name", n));
            e.address().ifPresent(a -> json.put("address", a));
        } else if (event instanceof DeviceEvent.Offline e) {
            json.put("reason", e.reason());
        } else if (event instanceof DeviceEvent.Alarm e) {
            json.put("type", e.type().wireName()).put("vendor_type", e.vendorType()).put("channel", e.channel());
            e.ref().ifPresent(r -> json.put("ref", r));
            e.vendorAlarmId().ifPresent(id -> json.put("vendor_alarm_id", id));
            json.set("media", media(e.media()));
        } else if (event instanceof DeviceEvent.AlarmEnd e) {
            json.put("type", e.type().wireName()).put("vendor_type", e.vendorType()).put("ref", e.ref())
                    .put("reason", e.reason());
        } else if (event instanceof DeviceEvent.AlarmMediaReady e) {
            json.put("ref", e.ref());
            json.set("media", media(List.of(e.media())));
        } else if (event instanceof DeviceEvent.Status e) {
            ObjectNode values = json.putObject("values");
            e.values().forEach(values::put);
        }
        json.set("raw", raw(event.raw()));
        return json.toString();
    }

    private static ArrayNode media(List<MediaRef> refs) {
        ArrayNode array = JSON.createArrayNode();
        for (MediaRef ref : refs) {
            array.addObject().put("kind", ref.kind().wireName()).put("name", ref.name()).put("url", ref.url());
        }
        return array;
    }

    /** The vendor's message as JSON when it is JSON, else as a string: a watcher always gets valid JSON. */
    private static JsonNode raw(String raw) {
        try {
            JsonNode parsed = JSON.readTree(raw);
            return parsed == null || parsed.isMissingNode() ? JSON.getNodeFactory().textNode(raw) : parsed;
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(raw);
        }
    }
}
