package io.alarmhub.core.stream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.device.Device;
import io.alarmhub.core.event.AlarmType;
import io.alarmhub.core.event.DeviceEvent;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Maps each normalized device event onto the stream's messages, as {@code docs/enterprise-stream.md}
 * tables it. {@code product_key} is the vendor, {@code did} the vendor's device id, {@code mac} the MAC its
 * vendor registered (empty when none did); {@code group_id} is empty, since no adapter learns one. The stream
 * speaks of states raised and cleared: each alarm becomes an {@code attr_alert} (or {@code attr_fault}) with
 * {@code value:1}. For most vendors an alarm is a moment, so the {@code value:0} with the same
 * {@code event_id} follows after {@code clearAfter}; the devices of a vendor that reports its alarms' ends
 * (Hemu) clear them themselves, and the {@code value:0} is their {@link DeviceEvent.AlarmEnd}. The raise lists
 * the alarm's media as the pushed event does.
 */
public final class StreamEvents {

    /** {@code created_at} is seconds with a fraction: written plain, never as 1.7E9. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final Map<AlarmType, String> DISPLAY_NAMES = Map.ofEntries(
            Map.entry(AlarmType.MOTION, "Motion detection"), Map.entry(AlarmType.SOUND, "Sound detection"),
            Map.entry(AlarmType.HUMANOID, "Human detection"), Map.entry(AlarmType.FACE, "Face detection"),
            Map.entry(AlarmType.DOORBELL, "Doorbell"), Map.entry(AlarmType.SMOKE, "Smoke"),
            Map.entry(AlarmType.FIRE, "Fire"), Map.entry(AlarmType.BABY_CRYING, "Baby crying"),
            Map.entry(AlarmType.ABSENCE, "Absence"), Map.entry(AlarmType.PEOPLE_COUNT, "People count"),
            Map.entry(AlarmType.FAULT, "Device fault"), Map.entry(AlarmType.OTHER, "Alarm"));

    private final Duration clearAfter;
    private final Set<String> reportingEnds;

    /**
     * @param clearAfter    when an alarm of a vendor that does not report ends is cleared
     * @param reportingEnds the vendors whose devices report their alarms' ends ({@link DeviceEvent.AlarmEnd})
     */
    public StreamEvents(Duration clearAfter, Set<String> reportingEnds) {
        this.clearAfter = clearAfter;
        this.reportingEnds = Set.copyOf(reportingEnds);
    }

    /** The stream messages for one event received at {@code now}, kept for {@code retention}. */
    public List<StreamEvent.Draft> drafts(DeviceEvent event, Device device, Instant now, Duration retention) {
        if (event instanceof DeviceEvent.Alarm alarm) {
            if (reportingEnds.contains(alarm.device().vendor()) && alarm.ref().isPresent()) {
                String eventId = endedBy(alarm.device().id(), alarm.ref().get());
                return List.of(draft(now, retention, attr(alarm, device, eventId, alarm.time(), 1)));
            }
            String eventId = uuid(event.id());
            Instant cleared = now.plus(clearAfter);
            return List.of(
                    draft(now, retention, attr(alarm, device, eventId, alarm.time(), 1)),
                    draft(cleared, retention, attr(alarm, device, eventId, cleared, 0)));
        }
        if (event instanceof DeviceEvent.AlarmEnd end) {
            return List.of(draft(now, retention, end(end, device)));
        }
        return List.of(draft(now, retention, single(event, device)));
    }

    /** The {@code event_id} an alarm shares with its end: both name the alarm's ref. */
    private static String endedBy(String deviceId, String ref) {
        return uuid("alarm " + deviceId + " " + ref);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static StreamEvent.Draft draft(Instant availableAt, Duration retention, ObjectNode body) {
        try {
            return new StreamEvent.Draft(availableAt, availableAt.plus(retention), JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers is always JSON", e);
        }
    }

    private static ObjectNode single(DeviceEvent event, Device device) {
        if (event instanceof DeviceEvent.Online online) {
            ObjectNode body = common("device_online", event, device, event.time());
            online.address().ifPresent(ip -> body.put("ip", ip));
            return body;
        }
        if (event instanceof DeviceEvent.Offline) {
            return common("device_offline", event, device, event.time());
        }
        if (event instanceof DeviceEvent.AlarmMediaReady media) {
            ObjectNode body = common("device_status_kv", event, device, event.time());
            body.putObject("data").put("media_ref", media.ref()).put("media_kind", media.media().kind().wireName())
                    .put("media_url", media.media().url());
            return body;
        }
        DeviceEvent.Status status = (DeviceEvent.Status) event;
        if (status.values().isEmpty()) {
            return common("device_status_raw", event, device, event.time())
                    .put("data", Base64.getEncoder().encodeToString(status.raw().getBytes(StandardCharsets.UTF_8)));
        }
        ObjectNode body = common("device_status_kv", event, device, event.time());
        ObjectNode data = body.putObject("data");
        status.values().forEach(data::put);
        return body;
    }

    private static ObjectNode attr(DeviceEvent.Alarm alarm, Device device, String eventId, Instant at, int value) {
        ObjectNode body = attr(alarm, device, alarm.type(), alarm.vendorType(), eventId, at);
        ObjectNode data = ((ObjectNode) body.get("data")).put("value", value);
        // The raise carries the alarm's pictures and clips, as the push to apps does; the clear is no news.
        if (value == 1 && !alarm.media().isEmpty()) {
            ArrayNode media = data.putArray("media");
            alarm.media().forEach(m -> media.addObject().put("kind", m.kind().wireName()).put("name", m.name())
                    .put("url", m.url()));
        }
        return body;
    }

    /** The device's own end of an alarm: {@code value:0} under the raise's {@code event_id}. */
    private static ObjectNode end(DeviceEvent.AlarmEnd end, Device device) {
        ObjectNode body = attr(end, device, end.type(), end.vendorType(), endedBy(end.device().id(), end.ref()),
                end.time());
        ((ObjectNode) body.get("data")).put("value", 0);
        return body;
    }

    private static ObjectNode attr(DeviceEvent event, Device device, AlarmType type, String vendorType,
                                   String eventId, Instant at) {
        boolean fault = type == AlarmType.FAULT;
        ObjectNode body = JSON.createObjectNode().put("event_type", fault ? "attr_fault" : "attr_alert")
                .put("event_id", eventId);
        device(body, event, device, at);
        String name = type == AlarmType.OTHER || fault ? type.wireName() + "_" + vendorType : type.wireName();
        String display = type == AlarmType.OTHER || fault
                ? DISPLAY_NAMES.get(type) + " " + vendorType : DISPLAY_NAMES.get(type);
        body.putObject("data").put("attr_name", name).put("attr_displayname", display);
        return body;
    }

    private static ObjectNode common(String type, DeviceEvent event, Device device, Instant at) {
        ObjectNode body = JSON.createObjectNode().put("event_type", type);
        device(body, event, device, at);
        return body;
    }

    private static void device(ObjectNode body, DeviceEvent event, Device device, Instant at) {
        body.put("product_key", event.device().vendor())
                .put("did", event.device().id())
                .put("mac", device.mac().orElse(""))
                .put("group_id", "")
                .put("created_at", BigDecimal.valueOf(at.toEpochMilli(), 3));
    }
}
