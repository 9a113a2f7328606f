package io.alarmhub.gateway.push.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.delivery.Face;
import io.alarmhub.gateway.push.tcp.LineClient;
import io.alarmhub.gateway.push.tcp.PushServers;
import io.alarmhub.gateway.push.tcp.TcpPushSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static io.alarmhub.gateway.push.tcp.PushServers.json;
import static org.assertj.core.api.Assertions.assertThat;

/** WebSocketServer on a loopback port, driven by the JDK's WebSocket client. */
class WebSocketListenerTest {

    private static final WebSocketSettings SETTINGS = PushServers.loopback(new WebSocketSettings("127.0.0.1", 0,
            4096, Duration.ofMinutes(5), 10, 64, 256 * 1024, 1024 * 1024));

    @TempDir
    Path dir;
    private PushServers servers;
    private int port;

    @BeforeEach
    void start() {
        servers = new PushServers(dir, PushServers.loopback(TcpPushSettings.DEFAULT), SETTINGS);
        port = servers.webSocketPort;
    }

    @AfterEach
    void stop() {
        servers.close();
    }

    @Test
    void wsSpeaksThePushProtocolInTextFrames() throws Exception {
        try (WsClient browser = WsClient.connect(port, "/ws"); LineClient sender = servers.tcpClient()) {
            assertThat(browser.send("{\"t\":14,\"alias\":\"web\"}").nextJson())
                    .isEqualTo(json("{\"t\":-14,\"alias\":\"web\"}"));
            sender.send("{\"t\":6,\"method\":\"publish_to_alias\",\"alias\":[\"web\"],\"msg\":{\"n\":1},\"num\":9}");
            assertThat(sender.read()).isEqualTo(json("{\"t\":-6,\"num\":9}"));

            JsonNode push = browser.nextJson();
            assertThat(push.get("t").asInt()).isEqualTo(5);
            assertThat(push.get("msg")).isEqualTo(json("{\"n\":1}"));
            assertThat(push.get("alias").asText()).isEqualTo("web");

            browser.send("{\"t\":-5,\"mid\":\"" + push.get("mid").asText() + "\"}");
            assertThat(browser.send("{\"t\":4,\"num\":1}").nextJson())
                    .isEqualTo(json("{\"t\":-4,\"msg\":[],\"mid\":[],\"num\":1}"));
            assertThat(browser.send("not json").nextJson().get("t").asInt()).as("answered, not closed").isZero();
            assertThat(browser.send(new byte[] {'{', '}'}).nextJson().get("error").asText()).contains("text frame");
            assertThat(browser.send("{\"t\":1,\"alias\":\"web\"}").nextJson().get("t").asInt()).isEqualTo(-1);
            assertThat(servers.context.hub().presence().connections(Face.WEBSOCKET)).isEqualTo(1);
        }
    }

    @Test
    void aCaptureRoomRelaysTextAndBinaryFromTheDoorToEveryPhoneAndBack() throws Exception {
        String room = "/" + URLEncoder.encode("capture-小区7-2栋-301", StandardCharsets.UTF_8);
        try (WsClient door = WsClient.connect(port, room + "/0");
             WsClient phone1 = WsClient.connect(port, room + "/1");
             WsClient phone2 = WsClient.connect(port, room + "/1")) {
            door.send("{\"snap\":1}").send(new byte[] {1, 2, 3});
            for (WsClient phone : new WsClient[] {phone1, phone2}) {
                assertThat(phone.next()).isEqualTo("{\"snap\":1}");
                assertThat(phone.next()).isEqualTo(new byte[] {1, 2, 3});
            }

            phone1.send("seen").send(new byte[] {9});
            assertThat(door.next()).isEqualTo("seen");
            assertThat(door.next()).isEqualTo(new byte[] {9});

            door.send("second");
            assertThat(phone2.next()).as("a phone gets nothing from another phone").isEqualTo("second");
            assertThat(phone1.next()).isEqualTo("second");
        }
    }

    @Test
    void anIntercomRelaysBetweenCallerAndCallee() throws Exception {
        try (WsClient caller = WsClient.connect(port, "/room-9/0/android");
             WsClient callee = WsClient.connect(port, "/room-9/1/ios");
             WsClient elsewhere = WsClient.connect(port, "/room-8/1/ios")) {
            caller.send(new byte[] {7, 7});
            assertThat(callee.next()).isEqualTo(new byte[] {7, 7});
            callee.send("hello");
            assertThat(caller.next()).isEqualTo("hello");

            WsClient otherCaller = WsClient.connect(port, "/room-8/0/android");
            otherCaller.send("for room 8");
            assertThat(elsewhere.next()).as("room-9's audio never reached room 8").isEqualTo("for room 8");
            otherCaller.close();
        }
    }

    @Test
    void typeSevenCountsTheRoomsThatAreOpen() throws Exception {
        List<WsClient> peers = new ArrayList<>();
        try (LineClient tcp = servers.tcpClient()) {
            for (String path : new String[] {
                    "/capture-a/0", "/capture-a/1",                  // one to many
                    "/capture-b/0", "/capture-b/0", "/capture-b/1",  // door unit and wall unit: many to many
                    "/capture-c/1",                                  // phones only: one to many
                    "/intercom-1/0/android"}) {                      // one to one
                peers.add(WsClient.connect(port, path));
            }
            assertThat(tcp.send("{\"t\":7}").read()).isEqualTo(
                    json("{\"One2OneSize\":1,\"One2ManySize\":2,\"Many2ManySize\":1,\"channelSize\":1}"));
            assertThat(servers.context.hub().presence().connections(Face.WEBSOCKET)).isEqualTo(7);
        } finally {
            peers.forEach(WsClient::close);
        }
    }

    @Test
    void aBadPathIsRefusedAtTheHandshake() throws Exception {
        assertThat(handshakeStatus("/room-1/2")).isEqualTo(400);
        assertThat(handshakeStatus("/room-1/0/windows")).isEqualTo(400);
        assertThat(handshakeStatus("/a/0/ios/extra")).isEqualTo(404);
        assertThat(handshakeStatus("/chat")).isEqualTo(404);
        assertThat(handshakeStatus("/" + "r".repeat(200) + "/0")).isEqualTo(400);
        assertThat(servers.count("alarmhub.push.bad_input", "face", "websocket", "reason", "handshake"))
                .isEqualTo(5);
    }

    @Test
    void aPlainRequestOnARoomPathIsToldToUpgrade() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/room-1/1"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        JsonNode body = json(response.body());
        assertThat(body.get("t").asInt()).isZero();
        assertThat(body.get("error").asText()).contains("WebSocket upgrade is required");
    }

    @Test
    void anOversizedFrameClosesThatConnectionWith1009AndNoOther() throws Exception {
        try (WsClient big = WsClient.connect(port, "/ws");
             WsClient gil = WsClient.connect(port, "/ws");
             LineClient sender = servers.tcpClient()) {
            assertThat(gil.send("{\"t\":14,\"alias\":\"gil\"}").nextJson().get("t").asInt()).isEqualTo(-14);

            big.send("\"" + "x".repeat(SETTINGS.maxFrameBytes()) + "\"");
            assertThat(big.closeStatus()).isEqualTo(1009);

            sender.send("{\"t\":6,\"method\":\"publish_to_alias\",\"alias\":[\"gil\"],\"msg\":2}");
            assertThat(gil.nextJson().get("msg").asInt()).isEqualTo(2);
            assertThat(servers.count("alarmhub.push.bad_input", "face", "websocket", "reason", "oversized"))
                    .isEqualTo(1);
        }
    }

    private int handshakeStatus(String path) throws Exception {
        try {
            WsClient.connect(port, path).close();
            throw new AssertionError("handshake on " + path + " accepted");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }
}
