package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.tls.ServerTls;
import io.alarmhub.server.HedgwCamera;
import io.alarmhub.server.HemuCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.io.EOFException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
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

    @TempDir
    Path dir;

    @Test
    void aRegisteredCameraLogsInPingsAndItsMotionReachesItsOwner() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).start();
             LineClient app = new LineClient(server.tcp)) {
            RestClient rest = new RestClient(server.rest);
            HemuCamera camera = HemuFixture.camera(server, DEVICE, MAC);
            HemuCamera.Walk walk = camera.walk("13888888888",
                    HemuFixture.grant(rest, "alice", "13888888888").get("userToken").asText());
            assertThat(walk.complete()).as(walk.toString()).isTrue();
            app.send("{\"t\":14,\"alias\":\"alice\"}");
            assertThat(app.read().get("t").asInt()).isEqualTo(-14);
            acknowledge(app, 2); // the registration and the status the walk reported

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

                gateway.event(1, 1, System.currentTimeMillis(), Optional.empty());
                gateway.event(1, 0, System.currentTimeMillis(), Optional.empty());
                JsonNode alarm = app.read().get("msg");
                JsonNode end = app.read().get("msg");
                assertThat(alarm.get("event").asText()).isEqualTo("alarm");
                assertThat(alarm.get("type").asText()).isEqualTo("motion");
                assertThat(end.get("values").get("alarm_end").asText()).isEqualTo("motion");
                assertThat(end.get("values").get("ref").asText()).isEqualTo(alarm.get("ref").asText());
            }
            JsonNode offline = app.read().get("msg");
            assertThat(offline.get("event").asText()).as("its connection ended").isEqualTo("offline");
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

    /**
     * Hostile clients of the HEDGW, each closed by a limit while a camera logs in: one that connects and says
     * nothing (not even TLS), one that sends its login a byte a second over TLS (both closed by the login
     * timeout, 3 s here, whatever trickles in), and one whose first frame announces 2 GiB (closed at once).
     */
    @Test
    void silentDribblingAndHugeFramedClientsAreClosedWhileACameraLogsIn() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).with("hemu", "hedgw: {login-timeout: 3s}").start()) {
            int port = server.devicePorts.get("hemu.hedgw-port");
            try (Socket silent = new Socket("127.0.0.1", port);
                 SSLSocket dribbling = tls(server, port);
                 SSLSocket huge = tls(server, port)) {
                huge.getOutputStream().write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
                huge.getOutputStream().flush();
                assertThat(closedWithin(huge, 5_000)).as("the 2 GiB frame's connection").isTrue();

                boolean dribbleClosed = false;
                for (int i = 0; i < 10 && !dribbleClosed; i++) {
                    dribbling.getOutputStream().write(i == 0 ? 0 : 1);
                    dribbling.getOutputStream().flush();
                    dribbleClosed = closedWithin(dribbling, 1_000);
                }
                assertThat(dribbleClosed).as("the dribbling login, within 10 s").isTrue();
                assertThat(closedWithin(silent, 5_000)).as("the silent connection").isTrue();
                assertThat(Scrape.value(server, "alarmhub_device_closed_total", "vendor=\"hemu\"",
                        "reason=\"login_timeout\"")).isEqualTo(2);
                assertThat(Scrape.value(server, "alarmhub_device_bad_input_total", "vendor=\"hemu\"",
                        "reason=\"too_long\"")).isEqualTo(1);
            }
        }
    }

    private static SSLSocket tls(ServerProcess server, int port) throws Exception {
        SSLSocket socket = (SSLSocket) ServerTls.clientTrusting(HemuFixture.certificate(server)).getSocketFactory()
                .createSocket("127.0.0.1", port);
        socket.startHandshake();
        return socket;
    }

    /** Waits up to {@code millis} for the server to end the connection; anything it sends first is skipped. */
    private static boolean closedWithin(Socket socket, int millis) throws Exception {
        socket.setSoTimeout(millis);
        try {
            while (socket.getInputStream().read() != -1) {
                // skip what comes before the end
            }
            return true;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (SocketException | SSLException reset) {
            return true;
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
