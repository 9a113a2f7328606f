package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.server.AnsweringCamera;
import io.alarmhub.server.HedgwCamera;
import io.alarmhub.server.HemuCamera;
import io.alarmhub.server.SimulatedCameraAnswers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apps' commands to Hemu cameras on the packaged server: over REST ({@code POST /hemu/command/{deviceId}/{token}})
 * every command and query of the catalogue goes app → server → HEDGW → simulated camera ({@link AnsweringCamera}
 * with {@link SimulatedCameraAnswers}) → server → app; a bad value, a capability the camera did not report and
 * another account's alias are refused with the camera receiving nothing; and the settings the camera acknowledged
 * are what its next {@code MSG_P_THD_GET_CAMERA_SETTINGS_REQ} gets.
 */
class HemuCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CAPABLE = "110234567894562";
    private static final String PLAIN = "110234567894563";
    private static final String SCHEDULE = "{\"repeat\":127,\"startTime\":\"21:00\",\"endTime\":\"10:00\","
            + "\"status\":true,\"index\":0}";

    /** Every command of the catalogue, named and (one) raw, as an app sends it: the request it is, and its name. */
    private record Sent(String body, int request, int subRequest, String name) {
    }

    private static final List<Sent> EVERY_COMMAND = List.of(
            new Sent("{\"command\":\"motion_sensitivity\",\"value\":50}", 1793, 15, "motion_sensitivity"),
            new Sent("{\"command\":\"sound_sensitivity\",\"value\":85}", 1793, 29, "sound_sensitivity"),
            new Sent("{\"command\":\"microphone\",\"value\":\"off\"}", 1793, 37, "microphone"),
            new Sent("{\"command\":\"video_quality\",\"value\":\"sd\"}", 1793, 30, "video_quality"),
            new Sent("{\"command\":\"rotation\",\"value\":180}", 1793, 23, "rotation"),
            new Sent("{\"command\":\"status_light\",\"value\":\"off\"}", 1793, 19, "status_light"),
            new Sent("{\"request\":1793,\"subRequest\":21,\"requestParams\":{\"value\":1}}", 1793, 21, null),
            new Sent("{\"command\":\"anti_flicker\",\"value\":60}", 1793, 36, "anti_flicker"),
            new Sent("{\"command\":\"ptz.step\",\"value\":\"home\"}", 1793, 5, "ptz.step"),
            new Sent("{\"command\":\"ptz.move\",\"value\":\"stop\"}", 1793, 82, "ptz.move"),
            new Sent("{\"command\":\"ptz.position\",\"pan\":50,\"tilt\":5}", 1793, 81, "ptz.position"),
            new Sent("{\"command\":\"motion_regions\",\"valueList\":[{\"id\":0,\"left\":3,\"top\":2,\"right\":4,"
                    + "\"bottom\":3,\"sensitivity\":0,\"enable\":1}]}", 1793, 56, "motion_regions"),
            new Sent("{\"command\":\"wifi\",\"encryption\":\"WPA/WPA2\",\"ssid\":\"home\",\"bssid\":"
                    + "\"8C:AB:8E:9B:EE:0E\",\"key\":\"12345678\"}", 1793, 17, "wifi"),
            new Sent("{\"command\":\"camera_off_schedule\",\"valueList\":[" + SCHEDULE + "]}", 1793, 26,
                    "camera_off_schedule"),
            new Sent("{\"command\":\"people_count.regions\",\"valueList\":[{\"x\":0,\"y\":3,\"width\":2,"
                    + "\"height\":4}]}", 1793, 94, "people_count.regions"),
            new Sent("{\"command\":\"people_count\",\"value\":\"on\"}", 1793, 92, "people_count"),
            new Sent("{\"command\":\"people_count.schedule\",\"status\":\"on\",\"valueList\":[" + SCHEDULE + "]}",
                    1793, 93, "people_count.schedule"),
            new Sent("{\"command\":\"sd.format\"}", 1793, 87, "sd.format"),
            new Sent("{\"command\":\"motion_tracking\",\"value\":\"on\"}", 1793, 109, "motion_tracking"),
            new Sent("{\"command\":\"motion_tracking.return_time\",\"value\":45}", 1793, 116,
                    "motion_tracking.return_time"),
            new Sent("{\"command\":\"panorama\",\"value\":\"start\",\"angle\":30,\"stand\":\"upright\"}", 1793, 153,
                    "panorama"),
            new Sent("{\"command\":\"camera\",\"value\":\"off\"}", 1815, -1, "camera"),
            new Sent("{\"command\":\"wifi.list\"}", 1792, 16, "wifi.list"),
            new Sent("{\"command\":\"sd.info\"}", 1792, 85, "sd.info"),
            new Sent("{\"command\":\"ptz.get_position\"}", 1792, 81, "ptz.get_position"));

    @TempDir
    Path dir;

    @Test
    void everyCommandRoundTripsAndWhatIsRefusedNeverReachesTheCamera() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).start()) {
            RestClient rest = new RestClient(server.rest);
            Registered capable = registered(server, rest, CAPABLE, "2059a074e0bc", 17);
            reportEverything(capable, CAPABLE, "2059a074e0bc");
            Registered plain = registered(server, rest, PLAIN, "2059a074e0bd", 0);

            HttpResponse<String> offline = command(rest, CAPABLE, "alice", "{\"command\":\"wifi.list\"}");
            assertThat(offline.statusCode()).as(offline.body()).isEqualTo(503);
            assertThat(JSON.readTree(offline.body()).get("reason").asText()).isEqualTo("offline");

            BlockingQueue<Hedgw.DevAppCmd> capableGot = new LinkedBlockingQueue<>();
            BlockingQueue<Hedgw.DevAppCmd> plainGot = new LinkedBlockingQueue<>();
            try (AnsweringCamera a = loggedIn(server, capable, CAPABLE, "2059a074e0bc", capableGot);
                 AnsweringCamera b = loggedIn(server, plain, PLAIN, "2059a074e0bd", plainGot)) {

                for (Sent sent : EVERY_COMMAND) {
                    HttpResponse<String> response = command(rest, CAPABLE, "alice", sent.body());
                    assertThat(response.statusCode()).as(sent.body() + " → " + response.body()).isEqualTo(200);
                    JsonNode answer = JSON.readTree(response.body());
                    assertThat(answer.get("deviceId").asText()).isEqualTo(CAPABLE);
                    assertThat(answer.get("request").asInt()).isEqualTo(sent.request());
                    assertThat(answer.path("subRequest").asInt(-1)).isEqualTo(sent.subRequest());
                    assertThat(answer.get("response").asInt()).as(sent.body()).isZero();
                    assertThat(answer.path("command").asText(null)).isEqualTo(sent.name());
                    assertThat(answer.has("responseParams")).as(sent.body()).isEqualTo(sent.request() == 1792);
                    Hedgw.DevAppCmd got = next(capableGot);
                    assertThat(got.getType()).isEqualTo(33);
                    assertThat(got.getSrcDeviceId()).isEqualTo("alice");
                    assertThat(SimulatedCameraAnswers.read(got).orElseThrow().request()).isEqualTo(sent.request());
                }
                JsonNode position = JSON.readTree(command(rest, CAPABLE, "alice", "{\"command\":\"ptz.get_position\"}")
                        .body()).get("responseParams");
                assertThat(position).isEqualTo(JSON.readTree("{\"pan\":50,\"tilt\":5}"));
                next(capableGot);

                refused(rest, CAPABLE, "alice", "{\"command\":\"night_vision\",\"value\":\"dim\"}", 400, "bad_command");
                refused(rest, CAPABLE, "alice", "{\"request\":4097,\"requestParams\":{\"url\":\"http://x/fw\"}}", 400,
                        "bad_command");
                refused(rest, CAPABLE, "bob", "{\"command\":\"wifi.list\"}", 403, "not_owner");
                refused(rest, "110234567890000", "alice", "{\"command\":\"wifi.list\"}", 404, "unknown_device");
                refused(rest, PLAIN, "alice", "{\"command\":\"ptz.step\",\"value\":\"left\"}", 409, "not_capable");
                refused(rest, PLAIN, "alice", "{\"command\":\"people_count\",\"value\":\"on\"}", 409, "not_capable");
                // Nothing of those reached either camera: the next command each gets is the one sent now.
                assertThat(command(rest, CAPABLE, "alice", "{\"command\":\"status_light\",\"value\":\"on\"}")
                        .statusCode()).isEqualTo(200);
                assertThat(SimulatedCameraAnswers.read(next(capableGot)).orElseThrow().subRequest()).hasValue(19);
                assertThat(command(rest, PLAIN, "alice", "{\"command\":\"night_vision\",\"value\":\"auto\"}")
                        .statusCode()).isEqualTo(200);
                assertThat(SimulatedCameraAnswers.read(next(plainGot)).orElseThrow().subRequest()).hasValue(21);
                assertThat(capableGot).isEmpty();
                assertThat(plainGot).isEmpty();
            }

            JsonNode camRW = capable.camera().settings().body().get("camRW");
            assertThat(camRW.get("motionSensitivity").asText()).isEqualTo("50");
            assertThat(camRW.get("soundSensitivity").asText()).isEqualTo("85");
            assertThat(camRW.get("cameraMicrophone").asText()).isEqualTo("Off");
            assertThat(camRW.get("HDVideo").asText()).isEqualTo("Off");
            assertThat(camRW.get("cameraImageRotate").asText()).isEqualTo("On");
            assertThat(camRW.get("statusLight").asText()).as("set off, then on").isEqualTo("On");
            assertThat(camRW.get("nightVision").asText()).isEqualTo("On");
            assertThat(camRW.get("antiFlicker").asText()).isEqualTo("60");
            assertThat(camRW.get("motionRegions").asText()).isEqualTo("14");
            assertThat(camRW.get("cameraOffSchedule")).isEqualTo(JSON.readTree("{\"valueList\":[" + SCHEDULE
                    + "],\"valueListNum\":1}"));
            assertThat(camRW.get("personRegion")).isEqualTo(JSON.readTree("{\"valueList\":[{\"x\":0,\"y\":3,"
                    + "\"width\":2,\"height\":4}],\"valueListNum\":1}"));
            assertThat(camRW.get("personStatus").asText()).isEqualTo("On");
            assertThat(camRW.get("personSchedules")).isEqualTo(JSON.readTree("{\"valueList\":[" + SCHEDULE
                    + "],\"valueListNum\":1}"));
            assertThat(camRW.get("motionTrack").asText()).isEqualTo("On");
            assertThat(camRW.get("motionTrackBackTime").asText()).isEqualTo("45");
            assertThat(camRW.get("status").asText()).as("1815 forced off").isEqualTo("Off");
            assertThat(plain.camera().settings().body().get("camRW").get("nightVision").asText()).isEqualTo("Auto");

            int sent = EVERY_COMMAND.size() + 3;
            assertThat(Scrape.value(server, "alarmhub_hemu_commands_total", "outcome=\"sent\"")).isEqualTo(sent);
            assertThat(Scrape.value(server, "alarmhub_hemu_commands_total", "outcome=\"answered\"")).isEqualTo(sent);
            assertThat(Scrape.value(server, "alarmhub_hemu_command_refusals_total", "reason=\"bad_command\""))
                    .isEqualTo(2);
            assertThat(Scrape.value(server, "alarmhub_hemu_command_refusals_total", "reason=\"not_capable\""))
                    .isEqualTo(2);
            assertThat(Scrape.value(server, "alarmhub_hemu_command_refusals_total", "reason=\"offline\""))
                    .isEqualTo(1);
        }
    }

    /**
     * The same commands from apps on two push faces, PushServer (TCP) and Socket.IO, each once its connection has
     * proven alice's alias with a token her back end minted: every one reaches the camera and its answer comes
     * back to the connection that asked, with its {@code num}; an unproven connection's command and another
     * alias's are refused without reaching the camera.
     */
    @Test
    void everyCommandRoundTripsOnTcpAndSocketIoForAProvenAlias() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).start()) {
            RestClient rest = new RestClient(server.rest);
            Registered capable = registered(server, rest, CAPABLE, "2059a074e0bc", 17);
            reportEverything(capable, CAPABLE, "2059a074e0bc");
            String aliceToken = rest.postOk("/alias_token", "{\"alias\":\"alice\"}").get("alias_token").asText();
            String bobToken = rest.postOk("/alias_token", "{\"alias\":\"bob\"}").get("alias_token").asText();
            BlockingQueue<Hedgw.DevAppCmd> got = new LinkedBlockingQueue<>();
            try (AnsweringCamera camera = loggedIn(server, capable, CAPABLE, "2059a074e0bc", got);
                 LineClient tcp = new LineClient(server.tcp);
                 LineClient bob = new LineClient(server.tcp);
                 SocketIoApp phone = new SocketIoApp(server.socketIo, "alice")) {
                tcp.send("{\"t\":14,\"alias\":\"alice\"}");
                tcp.send(face(EVERY_COMMAND.get(0), 0));
                assertThat(answer(tcp, 0).get("reason").asText()).as("not proven yet").isEqualTo("not_owner");
                tcp.send("{\"t\":21,\"token\":\"" + aliceToken + "\",\"num\":-1}");
                assertThat(answer(tcp, -1).get("t").asInt()).isEqualTo(-21);
                bob.send("{\"t\":14,\"alias\":\"bob\"}");
                bob.send("{\"t\":21,\"token\":\"" + bobToken + "\",\"num\":-1}");
                assertThat(answer(bob, -1).get("t").asInt()).isEqualTo(-21);
                bob.send(face(EVERY_COMMAND.get(0), 1));
                assertThat(answer(bob, 1).get("reason").asText()).as("bob's proven, not the camera's owner")
                        .isEqualTo("not_owner");
                assertThat(phone.next().get("event").asText()).isEqualTo("connect_c");
                phone.emit("prove_alias", "{\"token\":\"" + aliceToken + "\",\"num\":-1}");
                assertThat(phoneAnswer(phone, "prove_alias_c", -1).get("t").asInt()).isEqualTo(-21);

                for (int i = 0; i < EVERY_COMMAND.size(); i++) {
                    Sent sent = EVERY_COMMAND.get(i);
                    tcp.send(face(sent, 100 + i));
                    assertAnswered(answer(tcp, 100 + i), sent);
                    assertThat(SimulatedCameraAnswers.read(next(got)).orElseThrow().request()).isEqualTo(sent.request());
                    phone.emit("device_command", face(sent, 200 + i));
                    assertAnswered(phoneAnswer(phone, "device_command_c", 200 + i), sent);
                    assertThat(SimulatedCameraAnswers.read(next(got)).orElseThrow().request()).isEqualTo(sent.request());
                }
                assertThat(got).as("nothing refused reached the camera").isEmpty();
            }
            int sent = 2 * EVERY_COMMAND.size();
            assertThat(Scrape.value(server, "alarmhub_hemu_commands_total", "outcome=\"answered\"")).isEqualTo(sent);
            assertThat(Scrape.value(server, "alarmhub_push_commands_total", "face=\"tcp\"", "result=\"answered\""))
                    .isEqualTo(EVERY_COMMAND.size());
            assertThat(Scrape.value(server, "alarmhub_push_commands_total", "face=\"socketio\"",
                    "result=\"answered\"")).isEqualTo(EVERY_COMMAND.size());
        }
    }

    /** A command as a push face carries it: {@code t:20} with the vendor, the device and the command. */
    private static String face(Sent sent, int num) {
        return "{\"t\":20,\"vendor\":\"hemu\",\"device\":\"" + CAPABLE + "\",\"command\":" + sent.body()
                + ",\"num\":" + num + "}";
    }

    private static void assertAnswered(JsonNode reply, Sent sent) {
        assertThat(reply.get("t").asInt()).as(sent.body() + " → " + reply).isEqualTo(-20);
        assertThat(reply.get("vendor").asText()).isEqualTo("hemu");
        assertThat(reply.get("device").asText()).isEqualTo(CAPABLE);
        JsonNode answer = reply.get("answer");
        assertThat(answer.get("request").asInt()).isEqualTo(sent.request());
        assertThat(answer.path("subRequest").asInt(-1)).isEqualTo(sent.subRequest());
        assertThat(answer.get("response").asInt()).as(sent.body()).isZero();
    }

    /** The reply with this {@code num}, skipping what is pushed to the alias meanwhile (its camera's events). */
    private static JsonNode answer(LineClient client, int num) throws Exception {
        while (true) {
            JsonNode line = client.read();
            if (line.path("num").asInt(Integer.MIN_VALUE) == num && line.get("t").asInt() != 5) {
                return line;
            }
        }
    }

    private static JsonNode phoneAnswer(SocketIoApp phone, String event, int num) throws Exception {
        while (true) {
            JsonNode next = phone.next();
            if (next.get("event").asText().equals(event) && next.get("data").path("num").asInt() == num) {
                return next.get("data");
            }
        }
    }

    /** A simulated camera and what its walk through the OpenAPI gave it. */
    private record Registered(HemuCamera camera, HemuCamera.Walk walk) {
    }

    /** A camera of alice's, registered through the OpenAPI with these FEATURE bits and logged in nowhere yet. */
    private static Registered registered(ServerProcess server, RestClient rest, String deviceId, String mac,
                                         int features) throws Exception {
        HemuCamera camera = HemuCamera.builder().api(URI.create("https://127.0.0.1:" + HemuFixture.port(server)))
                .trust(HemuFixture.certificate(server)).accessKey("acme").accessSecret(HemuFixture.ACME_SECRET)
                .deviceId(deviceId).mac(mac).model("acme_cam1").features(features).build();
        HemuCamera.Walk walk = camera.walk("13888888888",
                HemuFixture.grant(rest, "alice", "13888888888").get("userToken").asText());
        assertThat(walk.complete()).as(walk.toString()).isTrue();
        return new Registered(camera, walk);
    }

    /** {@code MSG_P_THD_SET_CAMERA_CAPACITY_REQ} with every flag 1: PTZ panoramas, people counting, tracking… */
    private static void reportEverything(Registered registered, String deviceId, String mac) throws Exception {
        HemuCamera camera = registered.camera();
        HemuCamera.Answer answer = camera.send("{\"msgType\":\"MSG_P_THD_SET_CAMERA_CAPACITY_REQ\","
                + "\"deviceMacAddress\":\"" + mac + "\",\"deviceId\":\"" + deviceId + "\",\"deviceToken\":\""
                + camera.deviceToken().orElseThrow() + "\",\"supportKey\":{\"motionRegion\":1,\"duplexAudioTalk\":1,"
                + "\"faceDetect\":1,\"personStatistic\":1,\"sdcard\":1,\"eventRecord\":1,\"binoCam\":1,"
                + "\"motionTrack\":1,\"peopleDetection\":1,\"ptzPano\":1}}");
        assertThat(answer.ok()).as(answer.toString()).isTrue();
    }

    /** Logs the camera in to the HEDGW and has it answer every command, each one it gets added to {@code got}. */
    private static AnsweringCamera loggedIn(ServerProcess server, Registered camera, String deviceId, String mac,
                                            BlockingQueue<Hedgw.DevAppCmd> got) throws Exception {
        HedgwCamera connection = HedgwCamera.connect("127.0.0.1", server.devicePorts.get("hemu.hedgw-port"),
                HemuFixture.certificate(server), Duration.ofSeconds(10));
        Hedgw.DevLoginResp login = connection.login(HedgwCamera.LoginParameters.builder().accessKey("acme")
                .accessSecret(HemuFixture.ACME_SECRET).userName("13888888888")
                .deviceToken(camera.walk().deviceToken().orElseThrow()).unifiedId(camera.walk().unifiedId().orElseThrow())
                .deviceMac(mac).deviceId(deviceId).build());
        assertThat(login.getResult()).isZero();
        SimulatedCameraAnswers answers = new SimulatedCameraAnswers(deviceId, Clock.systemUTC());
        return new AnsweringCamera(connection, answers::answer, (command, answer) -> got.add(command))
                .start(Duration.ofSeconds(login.getPingPongSpan()));
    }

    private static HttpResponse<String> command(RestClient rest, String deviceId, String alias, String command)
            throws Exception {
        JsonNode body = JSON.readTree(command);
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("alias", alias);
        return rest.post("/hemu/command/" + deviceId, body.toString());
    }

    private static void refused(RestClient rest, String deviceId, String alias, String command, int status,
                                String reason) throws Exception {
        HttpResponse<String> response = command(rest, deviceId, alias, command);
        assertThat(response.statusCode()).as(command + " → " + response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("t").asInt()).isZero();
        assertThat(body.get("reason").asText()).isEqualTo(reason);
        assertThat(body.get("error").asText()).isNotBlank();
    }

    private static Hedgw.DevAppCmd next(BlockingQueue<Hedgw.DevAppCmd> got) throws InterruptedException {
        Hedgw.DevAppCmd command = got.poll(10, TimeUnit.SECONDS);
        assertThat(command).as("a command the camera received").isNotNull();
        return command;
    }
}
