package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.auth.AliasTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged server: an app back end mints an alias token over REST with its app token, and the app proves
 * its alias with it on PushServer, {@code /ws} and Socket.IO; only then do its device commands get past the
 * proof (to a vendor no node has, here, so that the refusal is the vendor check's). A token of another alias
 * proves nothing, and one minted elsewhere with the same {@code tokens.key} proves as well as the server's own.
 */
class AliasProofIT {

    @TempDir
    Path dir;

    @Test
    void anAliasTokenMintedOverRestProvesItsAliasOnEveryFace() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start();
             LineClient tcp = new LineClient(server.tcp);
             WebSocketClient ws = new WebSocketClient(server.webSocket);
             SocketIoApp socketIo = new SocketIoApp(server.socketIo, "amy")) {
            RestClient rest = new RestClient(server.rest);
            JsonNode minted = rest.postOk("/alias_token", "{\"alias\":\"amy\"}");
            assertThat(minted.get("alias").asText()).isEqualTo("amy");
            assertThat(Instant.parse(minted.get("expires").asText()))
                    .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
            String token = minted.get("alias_token").asText();
            assertThat(token).matches("[0-9]{10}\\.[0-9a-f]{64}");
            String bobs = rest.postOk("/alias_token", "{\"alias\":\"bob\"}").get("alias_token").asText();
            HttpResponse<String> noAlias = rest.post("/alias_token", "{}");
            assertThat(noAlias.statusCode()).isEqualTo(400);
            assertThat(noAlias.body()).isEqualTo("{\"t\":0,\"error\":\"missing field: alias\"}");

            tcp.send("{\"t\":1,\"alias\":\"amy\"}");
            assertThat(tcp.read().get("t").asInt()).isEqualTo(-1);
            tcp.send(command(1));
            assertThat(tcp.read().get("reason").asText()).isEqualTo("not_owner");
            tcp.send("{\"t\":21,\"token\":\"" + bobs + "\",\"num\":2}");
            assertThat(tcp.read().toString()).isEqualTo("{\"t\":0,\"error\":\"invalid alias token\",\"num\":2}");
            tcp.send("{\"t\":21,\"token\":\"" + token + "\",\"num\":3}");
            assertThat(tcp.read().toString()).isEqualTo("{\"t\":-21,\"alias\":\"amy\",\"expires\":\""
                    + minted.get("expires").asText() + "\",\"num\":3}");
            tcp.send(command(4));
            JsonNode pastTheProof = tcp.read();
            assertThat(pastTheProof.get("reason").asText()).isEqualTo("bad_command");
            assertThat(pastTheProof.get("num").asInt()).isEqualTo(4);

            AliasTokens sameKey = new AliasTokens(ServerProcess.TOKEN_KEY, Duration.ofHours(1), Duration.ZERO,
                    Clock.systemUTC());
            ws.send("{\"t\":14,\"alias\":\"amy\"}");
            assertThat(ws.read().get("t").asInt()).isEqualTo(-14);
            ws.send("{\"t\":21,\"token\":\"" + sameKey.mint("amy").token() + "\"}");
            assertThat(ws.read().get("t").asInt()).as("minted with the same key elsewhere").isEqualTo(-21);
            ws.send(command(5));
            assertThat(ws.read().get("reason").asText()).isEqualTo("bad_command");

            assertThat(socketIo.next().get("event").asText()).isEqualTo("connect_c");
            socketIo.emit("device_command", command(6));
            assertThat(socketIo.next().toString()).contains("\"event\":\"device_command_c\"", "\"reason\":\"not_owner\"");
            socketIo.emit("prove_alias", "{\"token\":\"" + token + "\",\"num\":7}");
            JsonNode proven = socketIo.next();
            assertThat(proven.get("event").asText()).isEqualTo("prove_alias_c");
            assertThat(proven.get("data").get("t").asInt()).isEqualTo(-21);
            socketIo.emit("device_command", command(8));
            JsonNode refused = socketIo.next();
            assertThat(refused.get("event").asText()).isEqualTo("device_command_c");
            assertThat(refused.get("data").get("reason").asText()).isEqualTo("bad_command");

            assertThat(Scrape.value(server, "alarmhub_push_alias_proofs_total", "face=\"tcp\"", "result=\"proven\""))
                    .isEqualTo(1.0);
            assertThat(Scrape.value(server, "alarmhub_push_alias_proofs_total", "face=\"tcp\"", "result=\"invalid\""))
                    .isEqualTo(1.0);
            assertThat(Scrape.value(server, "alarmhub_push_alias_proofs_total", "result=\"proven\"")).isEqualTo(3.0);
            assertThat(Scrape.value(server, "alarmhub_push_commands_total", "result=\"not_owner\"")).isEqualTo(2.0);
            assertThat(Scrape.value(server, "alarmhub_push_commands_total", "result=\"bad_command\"")).isEqualTo(3.0);
            assertThat(Scrape.value(server, "alarmhub_rest_requests_total", "endpoint=\"alias_token\"",
                    "status=\"200\"")).isEqualTo(2.0);
        }
    }

    private static String command(int num) {
        return "{\"t\":20,\"vendor\":\"no-such-vendor\",\"device\":\"cam-1\",\"command\":{\"cmd\":\"reboot\"},"
                + "\"num\":" + num + "}";
    }
}
