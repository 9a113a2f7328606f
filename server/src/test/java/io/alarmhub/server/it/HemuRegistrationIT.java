package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.server.HemuCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.alarmhub.server.it.HemuFixture.DEVICE;
import static io.alarmhub.server.it.HemuFixture.MAC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Hemu camera walks the document's registration flow (6.1) against the packaged server, from the token
 * its owner's app asked for up to the HEDGW address, and the owner's apps hear of it on Socket.IO and TCP.
 */
class HemuRegistrationIT {

    @TempDir
    Path dir;

    @Test
    void aCameraRegistersReportsAndFetchesItsConfigurationAndItsOwnersAppsHearOfIt() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).start();
             LineClient tcp = new LineClient(server.tcp);
             SocketIoApp socketIo = new SocketIoApp(server.socketIo, "alice")) {
            tcp.send("{\"t\":14,\"alias\":\"alice\"}");
            assertThat(tcp.read().get("t").asInt()).isEqualTo(-14);
            assertThat(socketIo.next().get("event").asText()).isEqualTo("connect_c");
            RestClient rest = new RestClient(server.rest);
            JsonNode grant = HemuFixture.grant(rest, "alice", "13888888888");
            assertThat(grant.get("userToken").asText()).matches("[0-9a-f]{32}");
            assertThat(OpenApiClient.JSON.readTree(grant.get("qr").asText()).get("userToken").asText())
                    .isEqualTo(grant.get("userToken").asText());
            HttpResponse<String> qr = rest.post("/hemu/qr", "{\"userMobile\":\"13888888888\","
                    + "\"userToken\":\"" + grant.get("userToken").asText() + "\",\"wifiSSID\":\"home\"}");
            assertThat(qr.statusCode()).isEqualTo(200);
            assertThat(qr.headers().firstValue("Content-Type")).contains("image/png");

            HemuCamera camera = HemuFixture.camera(server, DEVICE, MAC);
            List<String> steps = new ArrayList<>();
            HemuCamera.Walk walk = camera.walk("13888888888", grant.get("userToken").asText(),
                    answer -> steps.add(answer.msgType() + " " + answer.errorCode()));

            assertThat(steps).containsExactly("MSG_P_THD_ADD_CAMERA_RSP 0", "MSG_P_THD_SET_CAMERA_CAPACITY_RSP 0",
                    "MSG_P_THD_GET_CAMERA_CHN_ADDR_RSP 0", "MSG_P_THD_GET_CAMERA_SETTINGS_RSP 0",
                    "MSG_P_THD_SET_CAMERA_INFO_RSP 0", "MSG_P_THD_SET_CAMERA_SETTINGS_RSP 0");
            assertThat(walk.complete()).isTrue();
            assertThat(walk.serverAddr()).contains("127.0.0.1");
            assertThat(walk.serverPort()).contains(Integer.toString(server.devicePorts.get("hemu.hedgw-port")));
            JsonNode camRW = walk.answers().get(3).body().get("camRW");
            assertThat(camRW.get("motionSensitivity").asText()).isEqualTo("80");
            assertThat(camRW.get("soundSensitivity").asText()).isEqualTo("90");
            assertThat(camRW.get("cameraOffSchedule").get("valueListNum").asInt()).isZero();

            // The registration, then the state the camera reported: on both of alice's faces.
            for (JsonNode registered : new JsonNode[] {tcp.read().get("msg"), socketIo.nextPush().get("msg")}) {
                assertThat(registered.get("event").asText()).isEqualTo("online");
                assertThat(registered.get("vendor").asText()).isEqualTo("hemu");
                assertThat(registered.get("device").asText()).isEqualTo(DEVICE);
                assertThat(registered.get("raw").get("msgType").asText()).isEqualTo("MSG_P_THD_ADD_CAMERA_REQ");
                assertThat(registered.get("raw").toString()).doesNotContain(grant.get("userToken").asText());
            }
            for (JsonNode status : new JsonNode[] {tcp.read().get("msg"), socketIo.nextPush().get("msg")}) {
                assertThat(status.get("event").asText()).isEqualTo("status");
                assertThat(status.toString()).contains("\"status\":\"On\"", "\"sdcardStatus\":\"3\"")
                        .doesNotContain("home");
            }

            JsonNode cameras = rest.get("/hemu/cameras/alice").get("cameras");
            assertThat(cameras).hasSize(1);
            JsonNode listed = cameras.get(0);
            assertThat(listed.get("deviceId").asText()).isEqualTo(DEVICE);
            assertThat(listed.get("features").get("ptz").asBoolean()).isTrue();
            assertThat(listed.get("supportKey").get("sdcard").asInt()).isEqualTo(1);
            assertThat(listed.get("firmwareVersion").asText()).isEqualTo("1.2.300");
            assertThat(listed.get("camParam").get("sdcardStatus").asText()).isEqualTo("3");
            assertThat(listed.toString()).doesNotContain(walk.deviceToken().orElseThrow());
        }
    }

    @Test
    void anAppChangesTheSettingsTheCameraFetchesAndUnbindingRevokesItsToken() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).start()) {
            RestClient rest = new RestClient(server.rest);
            HemuCamera camera = HemuFixture.camera(server, DEVICE, MAC);
            assertThat(camera.register("13888888888", HemuFixture.grant(rest, "alice", "13888888888")
                    .get("userToken").asText()).errorCode()).isEqualTo("0");

            rest.postOk("/hemu/settings/" + DEVICE, "{\"alias\":\"alice\",\"camRW\":{\"motionSensitivity\":\"100\","
                    + "\"title\":\"Porch\"}}");
            JsonNode camRW = camera.settings().body().get("camRW");
            assertThat(camRW.get("motionSensitivity").asText()).isEqualTo("100");
            assertThat(camRW.get("title").asText()).isEqualTo("Porch");
            assertThat(rest.post("/hemu/settings/" + DEVICE, "{\"alias\":\"alice\",\"camRW\":{\"motionSensitivity\":\"75\"}}")
                    .statusCode()).isEqualTo(400);
            assertThat(rest.post("/hemu/settings/" + DEVICE, "{\"alias\":\"bob\",\"camRW\":{\"title\":\"mine\"}}")
                    .statusCode()).as("another account's camera is not found").isEqualTo(404);

            HemuCamera taken = HemuFixture.camera(server, DEVICE, MAC);
            assertThat(taken.register("13999999999", HemuFixture.grant(rest, "bob", "13999999999")
                    .get("userToken").asText()).errorCode()).isEqualTo("21113");

            rest.postOk("/hemu/unbind/" + DEVICE, "{\"alias\":\"alice\"}");
            assertThat(camera.settings().errorCode()).isEqualTo("10005");
            assertThat(camera.channelAddress().httpStatus()).isEqualTo(404);
            assertThat(taken.register("13999999999", HemuFixture.grant(rest, "bob", "13999999999")
                    .get("userToken").asText()).errorCode()).as("free to be registered again").isEqualTo("0");
        }
    }

    @Test
    void aWiredBindingHandsTheCameraItsOwnersTokenWhenItAsks() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).start()) {
            RestClient rest = new RestClient(server.rest);
            HemuCamera camera = HemuFixture.camera(server, DEVICE, MAC);
            HemuCamera.Answer before = camera.bindInfo();
            assertThat(before.errorCode()).isEqualTo("0");
            assertThat(before.body().get("userToken").asText()).as("nobody has started a binding").isEmpty();

            rest.postOk("/hemu/binding", "{\"alias\":\"carol\",\"mobile\":\"13777777777\",\"deviceMacAddress\":\""
                    + MAC.toUpperCase() + "\"}");
            HemuCamera.Answer bound = camera.bindInfo();
            assertThat(bound.text("userMobile")).contains("13777777777");
            assertThat(camera.register("13777777777", bound.text("userToken").orElseThrow()).errorCode())
                    .isEqualTo("0");
            assertThat(rest.get("/hemu/cameras/carol").get("cameras")).hasSize(1);
            assertThat(camera.bindInfo().body().get("userToken").asText()).as("the binding ends with the registration")
                    .isEmpty();
        }
    }

    @Test
    void aRegistrationAnsweredZeroSurvivesAKill() throws Exception {
        ServerProcess server = HemuFixture.server(dir).start();
        HemuCamera camera;
        try {
            RestClient rest = new RestClient(server.rest);
            camera = HemuFixture.camera(server, DEVICE, MAC);
            assertThat(camera.register("13888888888", HemuFixture.grant(rest, "alice", "13888888888")
                    .get("userToken").asText()).errorCode()).isEqualTo("0");
            server.kill();
        } finally {
            server.close();
        }
        try (ServerProcess restarted = server.restarted().start()) {
            assertThat(camera.settings().errorCode()).as("its token").isEqualTo("0");
            JsonNode cameras = new RestClient(restarted.rest).get("/hemu/cameras/alice").get("cameras");
            assertThat(cameras).extracting(c -> c.get("deviceId").asText()).containsExactly(DEVICE);
            try (LineClient tcp = new LineClient(restarted.tcp)) {
                tcp.send("{\"t\":14,\"alias\":\"alice\"}");
                assertThat(tcp.read().get("t").asInt()).isEqualTo(-14);
                assertThat(tcp.read().get("msg").get("event").asText()).as("its registration, still pending")
                        .isEqualTo("online");
            }
        }
    }
}
