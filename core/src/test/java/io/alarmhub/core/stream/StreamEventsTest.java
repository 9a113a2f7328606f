package io.alarmhub.core.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.device.Device;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.AlarmType;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StreamEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeviceId CAMERA = new DeviceId("vstarcam", "VC0000000ABCD");
    private static final Device DEVICE = Device.unknown(CAMERA, List.of());
    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00.250Z");
    private static final DeviceId HEMU_CAMERA = new DeviceId("hemu", "110234567894562");
    private static final Device HEMU_DEVICE = Device.unknown(HEMU_CAMERA, List.of()).withMac("2059a074e0bc");
    private final StreamEvents mapping = new StreamEvents(Duration.ofSeconds(60), Set.of("hemu"));

    private JsonNode only(DeviceEvent event) throws Exception {
        List<StreamEvent.Draft> drafts = mapping.drafts(event, DEVICE, NOW, Duration.ofDays(7));
        assertThat(drafts).hasSize(1);
        assertThat(drafts.get(0).expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        return JSON.readTree(drafts.get(0).body());
    }

    @Test
    void anOnlineDeviceIsDeviceOnlineWithItsAddress() throws Exception {
        DeviceEvent online = new DeviceEvent.Online("1", CAMERA, NOW, Optional.empty(), Optional.of("10.1.2.3"), "{}");
        assertThat(mapping.drafts(online, DEVICE, NOW, Duration.ofDays(7)).get(0).body()).isEqualTo("{\"event_type\":\"device_online\",\"product_key\":\"vstarcam\","
                + "\"did\":\"VC0000000ABCD\",\"mac\":\"\",\"group_id\":\"\",\"created_at\":1795323600.250,"
                + "\"ip\":\"10.1.2.3\"}");
    }

    @Test
    void anOfflineDeviceIsDeviceOffline() throws Exception {
        assertThat(only(new DeviceEvent.Offline("2", CAMERA, NOW, "goodbye", "{}")).get("event_type").asText())
                .isEqualTo("device_offline");
    }

    @Test
    void anAlarmIsRaisedNowAndClearedLaterUnderOneEventId() throws Exception {
        DeviceEvent.Alarm alarm = new DeviceEvent.Alarm("3", CAMERA, NOW, 0, AlarmType.DOORBELL, "0x14",
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), "{}");
        List<StreamEvent.Draft> drafts = mapping.drafts(alarm, DEVICE, NOW, Duration.ofDays(7));
        assertThat(drafts).extracting(StreamEvent.Draft::availableAt).containsExactly(NOW, NOW.plusSeconds(60));
        JsonNode raise = JSON.readTree(drafts.get(0).body());
        JsonNode clear = JSON.readTree(drafts.get(1).body());
        assertThat(raise.get("event_type").asText()).isEqualTo("attr_alert");
        assertThat(raise.get("data").toString())
                .isEqualTo("{\"attr_name\":\"doorbell\",\"attr_displayname\":\"Doorbell\",\"value\":1}");
        assertThat(clear.get("data").get("value").asInt()).isZero();
        assertThat(clear.get("event_id")).isEqualTo(raise.get("event_id"));
        assertThat(clear.get("created_at").decimalValue()).isEqualByComparingTo("1795323660.250");
    }

    @Test
    void anAlarmRaiseCarriesItsPictureAndVideoUrlsAsThePushNamesThem() throws Exception {
        DeviceEvent.Alarm alarm = new DeviceEvent.Alarm("6", CAMERA, NOW, 0, AlarmType.MOTION, "0x12",
                Optional.empty(), Optional.empty(), List.of(
                new MediaRef(MediaKind.PICTURE, "snap.jpg", Optional.of("k1"), "http://media/k1?sig=a"),
                new MediaRef(MediaKind.VIDEO, "clip.mp4", Optional.of("k2"), "http://media/k2?sig=b")),
                Optional.empty(), "{}");
        List<StreamEvent.Draft> drafts = mapping.drafts(alarm, DEVICE, NOW, Duration.ofDays(7));
        JsonNode raise = JSON.readTree(drafts.get(0).body());
        assertThat(raise.get("data").get("media").toString()).isEqualTo("["
                + "{\"kind\":\"picture\",\"name\":\"snap.jpg\",\"url\":\"http://media/k1?sig=a\"},"
                + "{\"kind\":\"video\",\"name\":\"clip.mp4\",\"url\":\"http://media/k2?sig=b\"}]");
        assertThat(JSON.readTree(drafts.get(1).body()).get("data").has("media")).as("the clear").isFalse();
    }

    @Test
    void aFaultIsAnAttrFaultNamedByTheVendorCode() throws Exception {
        DeviceEvent.Alarm fault = new DeviceEvent.Alarm("4", new DeviceId("jovision", "S1"), NOW, 1, AlarmType.FAULT,
                "1", Optional.empty(), Optional.empty(), List.of(), Optional.empty(), "{}");
        JsonNode raise = JSON.readTree(mapping.drafts(fault, DEVICE, NOW, Duration.ofDays(1)).get(0).body());
        assertThat(raise.get("event_type").asText()).isEqualTo("attr_fault");
        assertThat(raise.get("data").get("attr_name").asText()).isEqualTo("fault_1");
    }

    @Test
    void statusIsKeyValuesOrTheRawMessageInBase64() throws Exception {
        JsonNode kv = only(new DeviceEvent.Status("5", CAMERA, NOW, Map.of("sd", "full"), "{\"sd\":2}"));
        assertThat(kv.get("event_type").asText()).isEqualTo("device_status_kv");
        assertThat(kv.get("data").toString()).isEqualTo("{\"sd\":\"full\"}");
        JsonNode raw = only(new DeviceEvent.Status("6", CAMERA, NOW, Map.of(), "{\"x\":1}"));
        assertThat(raw.get("event_type").asText()).isEqualTo("device_status_raw");
        assertThat(raw.get("data").asText()).isEqualTo("eyJ4IjoxfQ==");
    }

    @Test
    void theSentLineCarriesCmdAndAnIntegerDeliveryIdFirst() {
        StreamEvent event = new StreamEvent(42, "acme", NOW, "{\"event_type\":\"device_offline\"}");
        assertThat(event.message())
                .isEqualTo("{\"cmd\":\"enterprise_event_push\",\"delivery_id\":42,\"event_type\":\"device_offline\"}");
    }

    @Test
    void aSecretHashMatchesOnlyItsSecretAndSurvivesItsStoredForm() {
        SecretHash hash = SecretHash.of("c7c9e01549004b96a8612a0ed6");
        SecretHash stored = SecretHash.parse(hash.encoded());
        assertThat(stored.matches("c7c9e01549004b96a8612a0ed6")).isTrue();
        assertThat(stored.matches("c7c9e01549004b96a8612a0ed7")).isFalse();
        assertThat(hash.toString()).doesNotContain(hash.encoded().split("\\$")[3]);
    }

    @Test
    void anAlarmOfAVendorThatReportsEndsIsClearedByItsEndNotByATimer() throws Exception {
        DeviceEvent.Alarm alarm = new DeviceEvent.Alarm("7", HEMU_CAMERA, NOW, 0, AlarmType.MOTION, "1",
                Optional.of("110234567894562:1:1795323600000"), Optional.empty(), List.of(), Optional.empty(), "{}");
        List<StreamEvent.Draft> raised = mapping.drafts(alarm, HEMU_DEVICE, NOW, Duration.ofDays(7));
        assertThat(raised).extracting(StreamEvent.Draft::availableAt).containsExactly(NOW);
        DeviceEvent.AlarmEnd end = new DeviceEvent.AlarmEnd("8", HEMU_CAMERA, NOW.plusSeconds(5), AlarmType.MOTION,
                "1", "110234567894562:1:1795323600000", "device", "{}");
        List<StreamEvent.Draft> ended = mapping.drafts(end, HEMU_DEVICE, NOW.plusSeconds(5), Duration.ofDays(7));
        assertThat(ended).extracting(StreamEvent.Draft::availableAt).containsExactly(NOW.plusSeconds(5));
        JsonNode raise = JSON.readTree(raised.get(0).body());
        JsonNode clear = JSON.readTree(ended.get(0).body());
        assertThat(raise.get("data").get("value").asInt()).isEqualTo(1);
        assertThat(clear.get("event_type").asText()).isEqualTo("attr_alert");
        assertThat(clear.get("data").toString())
                .isEqualTo("{\"attr_name\":\"motion\",\"attr_displayname\":\"Motion detection\",\"value\":0}");
        assertThat(clear.get("event_id")).isEqualTo(raise.get("event_id"));
        assertThat(clear.get("created_at").decimalValue()).isEqualByComparingTo("1795323605.250");
    }

    @Test
    void theMacItsVendorRegisteredIsEveryEventsMac() throws Exception {
        DeviceEvent online = new DeviceEvent.Online("9", HEMU_CAMERA, NOW, Optional.empty(), Optional.empty(), "{}");
        DeviceEvent offline = new DeviceEvent.Offline("10", HEMU_CAMERA, NOW, "ping_timeout", "{}");
        for (DeviceEvent event : List.of(online, offline)) {
            JsonNode body = JSON.readTree(mapping.drafts(event, HEMU_DEVICE, NOW, Duration.ofDays(7)).get(0).body());
            assertThat(body.get("mac").asText()).as(event.kind()).isEqualTo("2059a074e0bc");
        }
    }
}
