package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.stream.SecretHash;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.server.HedgwCamera;
import io.alarmhub.server.HemuCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.alarmhub.server.it.HemuFixture.DEVICE;
import static io.alarmhub.server.it.HemuFixture.MAC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A registered Hemu camera logs in to the packaged server's HEDGW signalling gateway over TLS 1.2 with the
 * document's cipher list, pings, and its motion start and end reach its owner's app; TLS 1.1 and the
 * document's CBC suites alone are refused at the handshake.
 */
class HemuGatewayIT {

    private static final String STREAM_SECRET = "f0e1d2c3b4a5968778695a4b3c";

    @TempDir
    Path dir;

    @Test
    void aRegisteredCamerasLoginMotionAndEndReachItsOwnerOnTcpAndSocketIoAndTheEnterpriseStream() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir)
                .with("enterprises", "- {id: acme, secret-hash: '" + SecretHash.of(STREAM_SECRET).encoded()
                        + "', vendors: [hemu]}").start();
             LineClient app = new LineClient(server.tcp);
             SocketIoApp phone = new SocketIoApp(server.socketIo, "alice");
             StreamClient enterprise = new StreamClient(server)) {
            assertThat(enterprise.login("acme", STREAM_SECRET, 100).at("/data/result").asBoolean()).isTrue();
            assertThat(phone.next().get("event").asText()).isEqualTo("connect_c");
            RestClient rest = new RestClient(server.rest);
            HemuCamera camera = HemuFixture.camera(server, DEVICE, MAC);
            HemuCamera.Walk walk = camera.walk("13888888888",
                    HemuFixture.grant(rest, "alice", "13888888888").get("userToken").asText());
            assertThat(walk.complete()).as(walk.toString()).isTrue();
            app.send("{\"t\":14,\"alias\":\"alice\"}");
            assertThat(app.read().get("t").asInt()).isEqualTo(-14);
            acknowledge(app, 2); // the registration and the status the walk reported
            skip(phone, 2);
            JsonNode registered = enterprise.read();
            assertThat(registered.get("event_type").asText()).isEqualTo("device_online");
            assertThat(registered.get("mac").asText()).as("the registered MAC").isEqualTo(MAC);
            enterprise.ack(registered);
            enterprise.ack(enterprise.read()); // the status the walk reported

            try (HedgwCamera gateway = HedgwCamera.connect(walk.serverAddr().orElseThrow(),
                    Integer.parseInt(walk.serverPort().orElseThrow()), HemuFixture.certificate(server),
                    Duration.ofSeconds(10))) {
                Hedgw.DevLoginResp login = gateway.login(HedgwCamera.LoginParameters.builder().accessKey("acme")
                        .accessSecret(HemuFixture.ACME_SECRET).userName("13888888888")
                        .deviceToken(walk.deviceToken().orElseThrow()).unifiedId(walk.unifiedId().orElseThrow())
                        .deviceMac(MAC).deviceId(DEVICE).build());
                assertThat(login.getResult()).isZero();
                assertThat(login.getPingPongSpan()).isEqualTo(30);
                assertThat(gateway.session().getProtocol()).isEqualTo("TLSv1.2");
                assertThat(gateway.session().getCipherSuite()).contains("_GCM_");
                assertThat(gateway.ping()).isEqualTo(1);
                assertThat(app.read().get("msg").get("event").asText()).as("its login").isEqualTo("online");
                assertThat(phone.nextPush().at("/msg/event").asText()).isEqualTo("online");
                JsonNode online = enterprise.read();
                assertThat(online.get("event_type").asText()).isEqualTo("device_online");
                assertThat(online.get("mac").asText()).isEqualTo(MAC);
                enterprise.ack(online);

                gateway.event(1, 1, System.currentTimeMillis(), Optional.empty());
                JsonNode raise = enterprise.read();
                assertThat(raise.get("event_type").asText()).isEqualTo("attr_alert");
                assertThat(raise.at("/data/attr_name").asText()).isEqualTo("motion");
                assertThat(raise.at("/data/value").asInt()).isEqualTo(1);
                assertThat(raise.get("mac").asText()).isEqualTo(MAC);
                enterprise.ack(raise);
                // The stream's clear is the camera's own end, not a timer's (stream.alarm-clear-after).
                gateway.event(1, 0, System.currentTimeMillis(), Optional.empty());
                JsonNode clear = enterprise.read();
                assertThat(clear.get("event_type").asText()).isEqualTo("attr_alert");
                assertThat(clear.at("/data/value").asInt()).isZero();
                assertThat(clear.get("event_id")).isEqualTo(raise.get("event_id"));
                enterprise.ack(clear);

                JsonNode alarm = app.read().get("msg");
                JsonNode end = app.read().get("msg");
                assertThat(alarm.get("event").asText()).isEqualTo("alarm");
                assertThat(alarm.get("type").asText()).isEqualTo("motion");
                assertThat(end.get("event").asText()).isEqualTo("alarm_end");
                assertThat(end.get("reason").asText()).isEqualTo("device");
                assertThat(end.get("ref").asText()).isEqualTo(alarm.get("ref").asText());
                assertThat(phone.nextPush().at("/msg/event").asText()).isEqualTo("alarm");
                assertThat(phone.nextPush().at("/msg/event").asText()).isEqualTo("alarm_end");

                gateway.event(2, 1, System.currentTimeMillis(), Optional.empty());
                assertThat(enterprise.read().at("/data/attr_name").asText()).isEqualTo("sound");
            }
            // A sound the camera never ended ends with its connection, before its offline.
            JsonNode soundEnd = enterprise.read();
            assertThat(soundEnd.at("/data/attr_name").asText()).isEqualTo("sound");
            assertThat(soundEnd.at("/data/value").asInt()).isZero();
            assertThat(enterprise.read().get("event_type").asText()).isEqualTo("device_offline");
            assertThat(app.read().get("msg").get("event").asText()).isEqualTo("alarm");
            JsonNode disconnected = app.read().get("msg");
            assertThat(disconnected.get("event").asText()).isEqualTo("alarm_end");
            assertThat(disconnected.get("reason").asText()).isEqualTo("disconnected");
            JsonNode offline = app.read().get("msg");
            assertThat(offline.get("event").asText()).as("its connection ended").isEqualTo("offline");
        }
    }

    private static void skip(SocketIoApp phone, int pushes) throws InterruptedException {
        for (int i = 0; i < pushes; i++) {
            phone.nextPush();
        }
    }

    @Test
    void anUnboundCameraIsToldItWasDeletedAndItsConnectionClosed() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).start();
             LineClient app = new LineClient(server.tcp)) {
            RestClient rest = new RestClient(server.rest);
            HemuCamera camera = HemuFixture.camera(server, DEVICE, MAC);
            HemuCamera.Walk walk = camera.walk("13888888888",
                    HemuFixture.grant(rest, "alice", "13888888888").get("userToken").asText());
            try (HedgwCamera gateway = HedgwCamera.connect("127.0.0.1", Integer.parseInt(walk.serverPort().orElseThrow()),
                    HemuFixture.certificate(server), Duration.ofSeconds(10))) {
                assertThat(gateway.login(HedgwCamera.LoginParameters.builder().accessKey("acme")
                        .accessSecret(HemuFixture.ACME_SECRET).userName("13888888888")
                        .deviceToken(walk.deviceToken().orElseThrow()).unifiedId(walk.unifiedId().orElseThrow())
                        .deviceMac(MAC).deviceId(DEVICE).build()).getResult()).isZero();

                rest.postOk("/hemu/unbind/" + DEVICE, "{\"alias\":\"alice\"}");

                Hedgw.HEDGWMessage told = gateway.receive();
                assertThat(told.getMessageType()).isEqualTo(Hedgw.HEDGWMessage.MessageType.DevServerCmd);
                assertThat(told.getDevServerCmd().getType()).isEqualTo(7);
                assertThat(told.getDevServerCmd().getDeviceStatus()).isEqualTo(44);
                assertThatThrownBy(gateway::receive).isInstanceOf(EOFException.class);
            }
            assertThat(Scrape.await(server, 10_000, v -> v == 1, "alarmhub_device_closed_total",
                    "vendor=\"hemu\"", "reason=\"unbound\"")).isEqualTo(1);
        }
    }

    @Test
    void wrongCredentialsAreAnswered2001AndAFirstFrameOfLengthZeroCloses() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).start()) {
            int port = server.devicePorts.get("hemu.hedgw-port");
            try (HedgwCamera gateway = HedgwCamera.connect("127.0.0.1", port, HemuFixture.certificate(server),
                    Duration.ofSeconds(10))) {
                Hedgw.DevLoginResp login = gateway.login(HedgwCamera.LoginParameters.builder().accessKey("acme")
                        .accessSecret("not the secret").userName("13888888888").deviceToken("X").unifiedId("Y")
                        .deviceMac(MAC).deviceId(DEVICE).build());
                assertThat(login.getResult()).isEqualTo(2001);
                assertThatThrownBy(gateway::receive).isInstanceOf(EOFException.class);
            }
            try (HedgwCamera gateway = HedgwCamera.connect("127.0.0.1", port, HemuFixture.certificate(server),
                    Duration.ofSeconds(10))) {
                gateway.sendRaw(new byte[] {0, 0, 0, 0});
                assertThatThrownBy(gateway::receive).isInstanceOf(EOFException.class);
            }
        }
    }

    @Test
    void tls11AndTheDocumentsCbcSuitesAloneAreRefusedAtTheHandshake() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).start()) {
            String address = "127.0.0.1:" + server.devicePorts.get("hemu.hedgw-port");
            String tls11 = openssl("s_client", "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0", "-connect", address);
            assertThat(tls11).contains("Cipher is (NONE)");
            String cbc = openssl("s_client", "-tls1_2", "-cipher",
                    "ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256", "-connect", address);
            assertThat(cbc).contains("Cipher is (NONE)");
            String seedList = openssl("s_client", "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256:"
                    + "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:"
                    + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384", "-connect", address);
            assertThat(seedList).contains("-GCM-").doesNotContain("Cipher is (NONE)");
        }
    }

    private static void acknowledge(LineClient app, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            app.send("{\"t\":-5,\"mid\":\"" + app.read().get("mid").asText() + "\"}");
        }
    }

    private static String openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("openssl did not finish");
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
