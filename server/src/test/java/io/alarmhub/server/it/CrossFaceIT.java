package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One alias connected over TCP, WebSocket and Socket.IO at once receives a REST publish on each, and
 * one ack clears it everywhere; {@code /info} counts what is really connected.
 */
class CrossFaceIT {

    @TempDir
    Path dir;

    @Test
    void aRestPublishReachesEveryFaceOfTheAliasAndOneAckClearsIt() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start();
             LineClient tcp = new LineClient(server.tcp);
             WebSocketClient ws = new WebSocketClient(server.webSocket)) {
            try (SocketIoApp socketIo = new SocketIoApp(server.socketIo, "zoe")) {
                tcp.send("{\"t\":14,\"alias\":\"zoe\"}");
                assertThat(tcp.read().get("t").asInt()).isEqualTo(-14);
                ws.send("{\"t\":14,\"alias\":\"zoe\"}");
                assertThat(ws.read().get("t").asInt()).isEqualTo(-14);
                assertThat(socketIo.next().get("event").asText()).isEqualTo("connect_c");

                RestClient rest = new RestClient(server.rest);
                JsonNode info = rest.get("/info").get("127.0.0.1");
                assertThat(info.toString()).isEqualTo(
                        "{\"webSocketSize\":1,\"channelSize\":1,\"onlineAllSize\":1,\"socketIOSize\":1}");

                rest.publishToAlias("zoe", "{\"door\":\"open\"}", 600);
                JsonNode overTcp = tcp.read();
                JsonNode overWebSocket = ws.read();
                JsonNode overSocketIo = socketIo.nextPush();
                for (JsonNode push : new JsonNode[] {overTcp, overWebSocket, overSocketIo}) {
                    assertThat(push.get("t").asInt()).isEqualTo(5);
                    assertThat(push.get("mid").asText()).isEqualTo(overTcp.get("mid").asText());
                    assertThat(push.get("msg").toString()).isEqualTo("{\"door\":\"open\"}");
                    assertThat(push.get("alias").asText()).isEqualTo("zoe");
                }

                tcp.send("{\"t\":-5,\"mid\":\"" + overTcp.get("mid").asText() + "\"}");
                tcp.send("{\"t\":4,\"num\":1}");
                assertThat(tcp.read().get("mid")).isEmpty();
                ws.send("{\"t\":4,\"num\":2}");
                assertThat(ws.read().get("mid")).isEmpty();
                assertThat(rest.get("/info/status/zoe").get("status").asText()).isEqualTo("online");
                assertThat(metrics(server)).contains("alarmhub_messages_published_total 1.0",
                        "alarmhub_messages_delivered_total 3.0", "alarmhub_messages_acked_total 1.0",
                        "alarmhub_aliases_online 1.0");
            }
        }
    }

    private static String metrics(ServerProcess server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.metrics + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
