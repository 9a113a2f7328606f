package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.command.CommandRefusal;
import io.alarmhub.gateway.device.hemu.platform.AppCommand;
import io.alarmhub.gateway.device.hemu.platform.CamSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every command of the catalogue: a good value is sent as the document's example {@code msgContent} (5.2.9,
 * 5.2.10) whether the app named it or gave the document's numbers, and the acknowledged setting is what the
 * online configuration keeps; a bad value is refused {@code BAD_COMMAND} naming what is allowed.
 */
class CommandCatalogueTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param named      the command as an app names it
     * @param msgContent what the camera gets, as the document's example has it (its msgVersion, request,
     *                   subRequest and requestParams; a stray space and trailing commas of the document removed)
     * @param camRW      what the online configuration keeps once the camera acknowledges it, or null
     * @param bad        the same command with a value the document does not allow
     * @param says       what the refusal names
     */
    record Case(String named, String msgContent, String camRW, String bad, String says) {
        @Override
        public String toString() {
            return named;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("{\"command\":\"motion_sensitivity\",\"value\":30}",
                        "{\"request\":1793,\"subRequest\":15,\"requestParams\":{\"value\":30}}",
                        "{\"motionSensitivity\":\"30\"}",
                        "{\"command\":\"motion_sensitivity\",\"value\":40}",
                        "motion_sensitivity: value must be one of 30, 50, 80, 90, 100"),
                new Case("{\"command\":\"sound_sensitivity\",\"value\":\"90\"}",
                        "{\"request\":1793,\"subRequest\":29,\"requestParams\":{\"value\":90}}",
                        "{\"soundSensitivity\":\"90\"}",
                        "{\"command\":\"sound_sensitivity\",\"value\":30}",
                        "sound_sensitivity: value must be one of 80, 85, 90, 95, 100"),
                new Case("{\"command\":\"microphone\",\"value\":\"off\"}",
                        "{\"request\":1793,\"subRequest\":37,\"requestParams\":{\"value\":0}}",
                        "{\"cameraMicrophone\":\"Off\"}",
                        "{\"command\":\"microphone\",\"value\":0}",
                        "microphone: value must be one of off, on"),
                new Case("{\"command\":\"video_quality\",\"value\":\"SD\"}",
                        "{\"request\":1793,\"subRequest\":30,\"requestParams\":{\"value\":0}}",
                        "{\"HDVideo\":\"Off\"}",
                        "{\"command\":\"video_quality\",\"value\":\"4k\"}",
                        "video_quality: value must be one of sd, hd"),
                new Case("{\"command\":\"rotation\",\"value\":180}",
                        "{\"request\":1793,\"subRequest\":23,\"requestParams\":{\"value\":180}}",
                        "{\"cameraImageRotate\":\"On\"}",
                        "{\"command\":\"rotation\",\"value\":90}",
                        "rotation: value must be one of 0, 180"),
                new Case("{\"command\":\"status_light\",\"value\":\"off\"}",
                        "{\"request\":1793,\"subRequest\":19,\"requestParams\":{\"value\":0}}",
                        "{\"statusLight\":\"Off\"}",
                        "{\"command\":\"status_light\",\"value\":\"blink\"}",
                        "status_light: value must be one of off, on"),
                new Case("{\"command\":\"night_vision\",\"value\":\"on\"}",
                        "{\"request\":1793,\"subRequest\":21,\"requestParams\":{\"value\":1}}",
                        "{\"nightVision\":\"On\"}",
                        "{\"command\":\"night_vision\",\"value\":\"dim\"}",
                        "night_vision: value must be one of off, on, auto"),
                new Case("{\"command\":\"anti_flicker\",\"value\":60}",
                        "{\"request\":1793,\"subRequest\":36,\"requestParams\":{\"value\":60}}",
                        "{\"antiFlicker\":\"60\"}",
                        "{\"command\":\"anti_flicker\",\"value\":55}",
                        "anti_flicker: value must be one of 50, 60"),
                new Case("{\"command\":\"camera\",\"value\":\"on\"}",
                        "{\"request\":1815,\"requestParams\":{\"value\":1}}",
                        "{\"status\":\"On\"}",
                        "{\"command\":\"camera\",\"value\":\"standby\"}",
                        "camera: value must be one of on, off"),
                new Case("{\"command\":\"ptz.step\",\"value\":\"left\"}",
                        "{\"request\":1793,\"subRequest\":5,\"requestParams\":{\"value\":1}}", null,
                        "{\"command\":\"ptz.step\",\"value\":\"spin\"}",
                        "ptz.step: value must be one of home, left, right, up, down"),
                new Case("{\"command\":\"ptz.move\",\"value\":\"stop\"}",
                        "{\"request\":1793,\"subRequest\":82,\"requestParams\":{\"value\":0}}", null,
                        "{\"command\":\"ptz.move\",\"value\":\"home\"}",
                        "ptz.move: value must be one of stop, left, right, up, down"),
                new Case("{\"command\":\"ptz.position\",\"pan\":50,\"tilt\":5}",
                        "{\"request\":1793,\"subRequest\":81,\"requestParams\":{\"pan\":50,\"tilt\":5}}", null,
                        "{\"command\":\"ptz.position\",\"pan\":1000001,\"tilt\":5}",
                        "ptz.position: pan must be a whole number from -1000000 to 1000000"),
                new Case("{\"command\":\"motion_regions\",\"valueList\":[{\"id\":0,\"left\":3,\"top\":2,\"right\":4,"
                        + "\"bottom\":3,\"sensitivity\":0,\"enable\":1},{\"id\":1,\"left\":3,\"top\":3,\"right\":4,"
                        + "\"bottom\":4,\"sensitivity\":0,\"enable\":1}]}",
                        "{\"msgVersion\":1,\"request\":1793,\"subRequest\":56,\"requestParams\":{\"valueListNum\":2,"
                        + "\"valueList\":[{\"id\":0,\"left\":3,\"top\":2,\"right\":4,\"bottom\":3,\"sensitivity\":0,"
                        + "\"enable\":1},{\"id\":1,\"left\":3,\"top\":3,\"right\":4,\"bottom\":4,\"sensitivity\":0,"
                        + "\"enable\":1}]}}",
                        "{\"motionRegions\":\"14;19\"}",
                        "{\"command\":\"motion_regions\",\"valueList\":[{\"id\":0,\"left\":3,\"top\":2,\"right\":3,"
                        + "\"bottom\":3,\"sensitivity\":0,\"enable\":1}]}",
                        "motion_regions: valueList[0].left must be less than right, and top less than bottom"),
                new Case("{\"command\":\"motion_regions\",\"valueList\":[],\"valueListNum\":7}",
                        "{\"msgVersion\":1,\"request\":1793,\"subRequest\":56,\"requestParams\":{\"valueList\":[],"
                        + "\"valueListNum\":0}}",
                        "{\"motionRegions\":\"\"}",
                        "{\"command\":\"motion_regions\",\"valueList\":[{\"id\":0,\"left\":0,\"top\":0,\"right\":5,"
                        + "\"bottom\":6,\"sensitivity\":0,\"enable\":1}]}",
                        "motion_regions: valueList[0].bottom must be a whole number from 1 to 5"),
                new Case("{\"command\":\"wifi\",\"encryption\":\"WPA/WPA2\",\"ssid\":\"20d28\",\"bssid\":"
                        + "\"14:E6:E4:80:08:D\",\"key\":\"12345678\"}",
                        "{\"request\":1793,\"subRequest\":17,\"requestParams\":{\"encryption\":\"WPA/WPA2\","
                        + "\"ssid\":\"20d28\",\"bssid\":\"14:E6:E4:80:08:D\",\"key\":\"12345678\"}}", null,
                        "{\"command\":\"wifi\",\"encryption\":\"WPA/WPA2\",\"ssid\":\"" + "网".repeat(11)
                        + "\",\"bssid\":\"\",\"key\":\"12345678\"}",
                        "wifi: ssid must be text of 1 to 32 bytes (UTF-8) without control characters"),
                new Case("{\"command\":\"camera_off_schedule\",\"valueList\":[{\"repeat\":127,\"startTime\":"
                        + "\"21:00\",\"endTime\":\"10:00\",\"status\":true,\"index\":0}]}",
                        "{\"request\":1793,\"subRequest\":26,\"requestParams\":{\"valueList\":[{\"repeat\":127,"
                        + "\"startTime\":\"21:00\",\"endTime\":\"10:00\",\"status\":true,\"index\":0}],"
                        + "\"valueListNum\":1}}",
                        "{\"cameraOffSchedule\":{\"valueList\":[{\"repeat\":127,\"startTime\":\"21:00\",\"endTime\":"
                        + "\"10:00\",\"status\":true,\"index\":0}],\"valueListNum\":1}}",
                        "{\"command\":\"camera_off_schedule\",\"valueList\":[{\"repeat\":127,\"startTime\":\"21:00\","
                        + "\"endTime\":\"10:00\",\"status\":true,\"index\":7}]}",
                        "camera_off_schedule: valueList[0].index must be a whole number from 0 to 6"),
                new Case("{\"command\":\"people_count.regions\",\"valueList\":[{\"x\":0,\"y\":3,\"width\":2,"
                        + "\"height\":4},{\"x\":3,\"y\":7,\"width\":2,\"height\":4}]}",
                        "{\"msgVersion\":1,\"request\":1793,\"subRequest\":94,\"requestParams\":{\"valueListNum\":2,"
                        + "\"valueList\":[{\"x\":0,\"y\":3,\"width\":2,\"height\":4},{\"x\":3,\"y\":7,\"width\":2,"
                        + "\"height\":4}]}}",
                        "{\"personRegion\":{\"valueListNum\":2,\"valueList\":[{\"x\":0,\"y\":3,\"width\":2,"
                        + "\"height\":4},{\"x\":3,\"y\":7,\"width\":2,\"height\":4}]}}",
                        "{\"command\":\"people_count.regions\",\"valueList\":[{\"x\":900,\"y\":3,\"width\":101,"
                        + "\"height\":4}]}",
                        "people_count.regions: valueList[0].width must be a whole number from 1 to 100"),
                new Case("{\"command\":\"people_count\",\"value\":\"on\"}",
                        "{\"msgVersion\":1,\"request\":1793,\"subRequest\":92,\"requestParams\":{\"value\":1}}",
                        "{\"personStatus\":\"On\"}",
                        "{\"command\":\"people_count\",\"value\":0}",
                        "people_count: value must be one of on, off"),
                new Case("{\"command\":\"people_count.schedule\",\"status\":\"on\",\"valueList\":[{\"repeat\":127,"
                        + "\"startTime\":\"21:00\",\"endTime\":\"10:00\",\"status\":true,\"index\":0}]}",
                        "{\"msgVersion\":1,\"request\":1793,\"subRequest\":93,\"requestParams\":{\"valueList\":[{"
                        + "\"repeat\":127,\"startTime\":\"21:00\",\"endTime\":\"10:00\",\"status\":true,\"index\":0}],"
                        + "\"valueListNum\":1,\"status\":1}}",
                        "{\"personSchedules\":{\"valueList\":[{\"repeat\":127,\"startTime\":\"21:00\",\"endTime\":"
                        + "\"10:00\",\"status\":true,\"index\":0}],\"valueListNum\":1}}",
                        "{\"command\":\"people_count.schedule\",\"status\":\"on\",\"valueList\":[" + eightEntries() + "]}",
                        "people_count.schedule: valueList must be a list of at most 7 entries"),
                new Case("{\"command\":\"sd.format\"}",
                        "{\"msgVersion\":1,\"request\":1793,\"subRequest\":87,\"requestParams\":{}}", null,
                        "{\"request\":1793,\"subRequest\":87,\"requestParams\":{\"force\":1}}",
                        "1793/87: requestParams may have only nothing"),
                new Case("{\"command\":\"motion_tracking\",\"value\":\"on\"}",
                        "{\"msgVersion\":1,\"request\":1793,\"subRequest\":109,\"requestParams\":{\"value\":1}}",
                        "{\"motionTrack\":\"On\"}",
                        "{\"command\":\"motion_tracking\",\"value\":true}",
                        "motion_tracking: value must be one of off, on"),
                new Case("{\"command\":\"motion_tracking.return_time\",\"value\":30}",
                        "{\"msgVersion\":1,\"request\":1793,\"subRequest\":116,\"requestParams\":{\"value\":30}}",
                        "{\"motionTrackBackTime\":\"30\"}",
                        "{\"command\":\"motion_tracking.return_time\",\"value\":3601}",
                        "motion_tracking.return_time: value must be a whole number from 5 to 3600"),
                new Case("{\"command\":\"panorama\",\"value\":\"start\",\"angle\":30,\"stand\":\"upright\"}",
                        "{\"msgVersion\":1,\"request\":1793,\"subRequest\":153,\"requestParams\":{\"value\":1,"
                        + "\"angle\":30,\"stand\":1}}", null,
                        "{\"command\":\"panorama\",\"value\":\"start\",\"angle\":0,\"stand\":\"upright\"}",
                        "panorama: angle must be a whole number from 1 to 360"),
                new Case("{\"command\":\"wifi.list\"}",
                        "{\"request\":1792,\"subRequest\":16,\"requestParams\":{}}", null,
                        "{\"request\":1792,\"subRequest\":16,\"requestParams\":{\"ssid\":\"x\"}}",
                        "1792/16: requestParams may have only nothing"),
                new Case("{\"command\":\"sd.info\"}",
                        "{\"msgVersion\":1,\"request\":1792,\"subRequest\":85,\"requestParams\":{}}", null,
                        "{\"request\":1792,\"subRequest\":85,\"requestParams\":[]}",
                        "1792/85: requestParams must be an object"),
                new Case("{\"command\":\"ptz.get_position\"}",
                        "{\"request\":1792,\"subRequest\":81,\"requestParams\":{}}", null,
                        "{\"request\":1792,\"subRequest\":81,\"requestParams\":{\"pan\":0}}",
                        "1792/81: requestParams may have only nothing"));
    }

    @Test
    void theCasesCoverEveryCommandOfTheCatalogue() {
        Set<String> covered = cases().stream().map(c -> read(c.named()).name()).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(
                CommandCatalogue.kinds().stream().map(CommandKind::name).toList());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aGoodValueIsSentAsTheDocumentsExample(Case c) throws Exception {
        CheckedCommand named = read(c.named());
        JsonNode expected = JSON.readTree(c.msgContent());

        JsonNode sent = JSON.readTree(new AppCommand("alice", 7, 1732480381L, named.request(), named.subRequest(),
                named.msgVersion(), named.requestParams(), Instant.ofEpochMilli(1403494411491L)).msg());

        assertThat(sent.get("msgContent")).isEqualTo(expected);
        assertThat(sent.get("msgSession").asLong()).isEqualTo(1732480381L);
        assertThat(sent.get("msgSequence").asInt()).isZero();
        assertThat(sent.get("msgTimeStamp").asLong()).isEqualTo(1403494411491L);
        assertThat(sent.get("msgCategory").asText()).isEqualTo("camera");
        assertThat(named.named()).isTrue();

        // The document's own msgContent, given raw, is the same command.
        CheckedCommand raw = read(c.msgContent());
        assertThat(raw.named()).isFalse();
        assertThat(raw.kind()).isEqualTo(named.kind());
        assertThat(raw.requestParams()).isEqualTo(named.requestParams());
        assertThat(read(named.raw().toString()).requestParams()).isEqualTo(named.requestParams());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void anAcknowledgedSettingIsWhatTheOnlineConfigurationKeeps(Case c) throws Exception {
        Optional<com.fasterxml.jackson.databind.node.ObjectNode> camRW = read(c.named()).camRW();
        if (c.camRW() == null) {
            assertThat(camRW).as("nothing of it is kept").isEmpty();
            return;
        }
        assertThat(camRW).hasValue((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(c.camRW()));
        // and the online configuration takes it as an app's change
        assertThat(CamSettings.merge(JSON.createObjectNode(), camRW.get())).isEqualTo(JSON.readTree(c.camRW()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aBadValueIsRefusedNamingWhatIsAllowed(Case c) {
        assertThatThrownBy(() -> read(c.bad())).isInstanceOfSatisfying(CommandRefusal.class, refusal -> {
            assertThat(refusal.reason()).isEqualTo(CommandRefusal.Reason.BAD_COMMAND);
            assertThat(refusal.getMessage()).isEqualTo(c.says());
        });
    }

    @Test
    void aRawValueIsTheDocumentsNumberAndIsCheckedAlike() {
        assertThat(read("{\"request\":1793,\"subRequest\":21,\"requestParams\":{\"value\":2}}").name())
                .isEqualTo("night_vision");
        assertRefused("{\"request\":1793,\"subRequest\":21,\"requestParams\":{\"value\":\"auto\"}}",
                "1793/21: requestParams.value must be one of 0, 1, 2");
        assertRefused("{\"request\":1793,\"subRequest\":21,\"requestParams\":{\"value\":3}}",
                "1793/21: requestParams.value must be one of 0, 1, 2");
        assertRefused("{\"request\":1793,\"subRequest\":15,\"requestParams\":{\"value\":80.0}}",
                "1793/15: requestParams.value must be one of 30, 50, 80, 90, 100");
        assertRefused("{\"request\":1793,\"subRequest\":21,\"requestParams\":{\"value\":2,\"extra\":1}}",
                "1793/21: requestParams may have only value");
    }

    @Test
    void theCameraSwitchHasNoSubRequestAndTheDocumentsMinusOneMeansNone() {
        CheckedCommand off = read("{\"request\":1815,\"subRequest\":-1,\"requestParams\":{\"value\":4}}");
        assertThat(off.name()).isEqualTo("camera");
        assertThat(off.subRequest()).isEmpty();
        assertThat(off.camRW().orElseThrow().get("status").asText()).isEqualTo("Off");
        assertRefused("{\"request\":1815,\"subRequest\":36,\"requestParams\":{\"value\":1}}",
                "request/subRequest must be one of " + CommandCatalogue.kinds().stream().map(CommandKind::numbers)
                        .collect(Collectors.joining(", ")));
    }

    @Test
    void unknownCommandsAreRefused() {
        assertRefused("{\"request\":1793,\"subRequest\":99,\"requestParams\":{}}", "request/subRequest must be one of");
        assertRefused("{\"request\":\"1793\",\"subRequest\":21}", "request must be a whole number");
        assertRefused("{\"request\":1793,\"subRequest\":\"21\"}", "subRequest must be a whole number");
        assertRefused("{\"command\":\"reboot\"}", "command must be one of motion_sensitivity, sound_sensitivity");
        assertRefused("{\"command\":21}", "command must be one of");
        assertRefused("{\"command\":\"night_vision\",\"request\":1793}", "either \"command\"");
        assertRefused("{\"alias\":\"alice\"}", "either \"command\"");
        assertRefused("[1793]", "a command is a JSON object");
    }

    @Test
    void aFirmwareUpgradeIsNotAnAppsToSay() {
        String url = "\"requestParams\":{\"serviceType\":1,\"url\":\"http://xxxx.com/x.enc\",\"newServiceVersion\":"
                + "\"1.0.0.526\",\"checkSum\":\"ec5fd1e4b7e6d3a31f821203a19ccf43\"}";
        assertRefused("{\"request\":4097," + url + "}", "only an operator's firmware rollout sends them");
        assertRefused("{\"command\":\"firmware.upgrade\"," + url + "}", "only an operator's firmware rollout");
    }

    @Test
    void aRefusalNeverRepeatsTheWifiKey() {
        String key = "k".repeat(65);
        assertThatThrownBy(() -> read("{\"command\":\"wifi\",\"encryption\":\"WPA2\",\"ssid\":\"home\",\"bssid\":\"\","
                + "\"key\":\"" + key + "\"}")).hasMessage("wifi: key must be text of 0 to 64 bytes (UTF-8) without"
                + " control characters").message().doesNotContain(key);
    }

    @Test
    void aStopOfThePanoramaNeedsNeitherAngleNorStand() {
        assertThat(read("{\"command\":\"panorama\",\"value\":\"stop\"}").requestParams().toString())
                .isEqualTo("{\"value\":0}");
        assertRefused("{\"command\":\"panorama\",\"value\":\"start\",\"angle\":30}",
                "panorama: stand must be one of upright, ceiling");
    }

    @Test
    void regionsAndSchedulesAreCheckedEntryByEntry() {
        assertRefused("{\"command\":\"motion_regions\",\"valueList\":[{\"id\":0,\"left\":0,\"top\":0,\"right\":5,"
                + "\"bottom\":5,\"sensitivity\":0,\"enable\":0}]}", "has no region enabled");
        assertRefused("{\"command\":\"motion_regions\",\"valueList\":[{\"id\":1,\"left\":0,\"top\":0,\"right\":1,"
                + "\"bottom\":1,\"sensitivity\":0,\"enable\":1},{\"id\":1,\"left\":1,\"top\":0,\"right\":2,"
                + "\"bottom\":1,\"sensitivity\":0,\"enable\":1}]}", "valueList[1].id must differ");
        assertRefused("{\"command\":\"motion_regions\",\"valueList\":[7]}", "valueList[0] must be an object");
        assertRefused("{\"command\":\"camera_off_schedule\",\"valueList\":[{\"repeat\":128,\"startTime\":\"21:00\","
                + "\"endTime\":\"10:00\",\"status\":true,\"index\":0}]}", "valueList[0].repeat must be a whole number"
                + " from 0 to 127");
        assertRefused("{\"command\":\"camera_off_schedule\",\"valueList\":[{\"repeat\":1,\"startTime\":\"24:00\","
                + "\"endTime\":\"10:00\",\"status\":true,\"index\":0}]}", "valueList[0].startTime must be HH:mm");
        assertRefused("{\"command\":\"camera_off_schedule\",\"valueList\":[{\"repeat\":1,\"startTime\":\"21:00\","
                + "\"endTime\":\"10:00\",\"status\":\"true\",\"index\":0}]}", "valueList[0].status must be true or"
                + " false");
        assertRefused("{\"command\":\"people_count.schedule\",\"valueList\":[]}",
                "people_count.schedule: status must be one of on, off");
        // Every block of the grid, as one rectangle.
        assertThat(read("{\"command\":\"motion_regions\",\"valueList\":[{\"id\":24,\"left\":0,\"top\":0,\"right\":5,"
                + "\"bottom\":5,\"sensitivity\":100,\"enable\":1}]}").camRW().orElseThrow().get("motionRegions")
                .asText()).isEqualTo(String.join(";", java.util.stream.IntStream.rangeClosed(1, 25)
                .mapToObj(String::valueOf).toList()));
    }

    private static String eightEntries() {
        return java.util.stream.IntStream.range(0, 8).mapToObj(i -> "{\"repeat\":1,\"startTime\":\"01:00\","
                + "\"endTime\":\"02:00\",\"status\":true,\"index\":" + Math.min(i, 6) + "}")
                .collect(Collectors.joining(","));
    }

    private static CheckedCommand read(String json) {
        try {
            return CommandCatalogue.read(JSON.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(json, e);
        }
    }

    private static void assertRefused(String json, String says) {
        assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(CommandRefusal.class, refusal -> {
            assertThat(refusal.reason()).isEqualTo(CommandRefusal.Reason.BAD_COMMAND);
            assertThat(refusal.getMessage()).contains(says);
        });
    }
}
