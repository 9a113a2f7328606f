package io.alarmhub.gateway.push.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.auth.AliasTokens;
import io.alarmhub.gateway.command.RecordingCommander;
import io.alarmhub.gateway.push.socketio.TestClient.Naming;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.alarmhub.gateway.push.socketio.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code prove_alias} and {@code device_command} end to end, from the npm socket.io clients 2.x and 4.x and the
 * Java client, against a test vendor's commander ({@link RecordingCommander}) and the real store.
 */
class SocketIoCommandTest {

    @TempDir
    static Path directory;
    static SocketIoNode node;
    static final RecordingCommander commander = new RecordingCommander();

    @BeforeAll
    static void start() {
        node = new SocketIoNode(directory);
        node.context.commands().register("test", commander);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A socket.io client library; {@code id} keeps aliases apart between cases. */
    record Kind(String description, String id, Function<String, TestClient> connect) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Kind> clients() {
        return Stream.of(
                new Kind("npm socket.io-client 2.x, alias in the query", "v2",
                        alias -> NodeClient.connect("v2", node.port, alias, Naming.QUERY)),
                new Kind("npm socket.io-client 4.x, alias in auth", "v4",
                        alias -> NodeClient.connect("v4", node.port, alias, Naming.AUTH)),
                new Kind("npm socket.io-client 4.x on long-polling only", "v4p",
                        alias -> NodeClient.connect("v4", node.port, alias, Naming.QUERY, NodeClient.Transports.POLLING)),
                new Kind("Java io.socket client 2.1.1, alias in the query", "java",
                        alias -> JavaClient.connect(node.port, alias, Naming.QUERY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void provesItsAliasWithItsOwnTokenOnlyThenCommandsAndOnlyItHearsTheAnswer(Kind kind) {
        String alias = "cmd-" + kind.id();
        AliasTokens backEnd = node.context.aliasTokens();
        try (TestClient client = kind.connect().apply(alias);
             TestClient sameAlias = JavaClient.connect(node.port, alias, Naming.QUERY)) {
            assertThat(client.take("connect_c").arg()).isEqualTo(json("{'t':-14,'alias':'" + alias + "'}"));
            assertThat(sameAlias.take("connect_c").arg()).isEqualTo(json("{'t':-14,'alias':'" + alias + "'}"));

            client.emit("device_command", json("{'vendor':'test','device':'cam-1','command':{'cmd':'ptz'},'num':1}"));
            assertRefused(client.take("device_command_c").arg(), "not_owner", 1);

            String bobs = backEnd.mint("bob-" + kind.id()).token();
            String expired = new AliasTokens(SocketIoNode.TOKEN_KEY, SocketIoNode.ALIAS_TOKEN_VALIDITY,
                    SocketIoNode.ALIAS_TOKEN_SKEW, Clock.fixed(Instant.now().minus(SocketIoNode.ALIAS_TOKEN_VALIDITY)
                    .minusSeconds(60), ZoneOffset.UTC)).mint(alias).token();
            String own = backEnd.mint(alias).token();
            String forged = own.substring(0, own.length() - 1) + (own.endsWith("a") ? "b" : "a");
            client.emit("prove_alias", json("{'token':'" + bobs + "','num':2}"));
            assertThat(client.take("prove_alias_c").arg()).isEqualTo(json("{'t':0,'error':'invalid alias token','num':2}"));
            client.emit("prove_alias", json("{'token':'" + expired + "','num':3}"));
            assertThat(client.take("prove_alias_c").arg()).isEqualTo(json("{'t':0,'error':'alias token expired','num':3}"));
            client.emit("prove_alias", json("{'token':'" + forged + "','num':4}"));
            assertThat(client.take("prove_alias_c").arg()).isEqualTo(json("{'t':0,'error':'invalid alias token','num':4}"));
            client.emit("device_command", json("{'vendor':'test','device':'cam-1','command':{'cmd':'ptz'},'num':5}"));
            assertRefused(client.take("device_command_c").arg(), "not_owner", 5);
            assertThat(commander.waiting()).as("nothing reached the commander").isZero();

            client.emitWithAck("prove_alias", "p", json("{'token':'" + own + "','num':6}"));
            JsonNode proven = client.take("prove_alias_c").arg();
            assertThat(proven.get("t").asInt()).isEqualTo(-21);
            assertThat(proven.get("alias").asText()).isEqualTo(alias);
            assertThat(Instant.parse(proven.get("expires").asText())).isAfter(Instant.now());
            assertThat(proven.get("num").asInt()).isEqualTo(6);
            assertThat(client.take("ack:p").arg()).as("the ack callback gets the same answer").isEqualTo(proven);

            client.emitWithAck("device_command", "c",
                    json("{'vendor':'test','device':'cam-1','command':{'cmd':'ptz','speed':2},'num':'c1'}"));
            RecordingCommander.Sent sent = commander.next();
            assertThat(sent.alias()).isEqualTo(alias);
            assertThat(sent.deviceId()).isEqualTo("cam-1");
            assertThat(sent.command()).isEqualTo(json("{'cmd':'ptz','speed':2}"));
            JsonNode answered = json("{'t':-20,'vendor':'test','device':'cam-1','answer':{'device':'cam-1','alias':'"
                    + alias + "','echo':{'cmd':'ptz','speed':2}},'num':'c1'}");
            assertThat(client.take("device_command_c").arg()).isEqualTo(answered);
            assertThat(client.take("ack:c").arg()).isEqualTo(answered);

            client.emit("device_command", json("{'vendor':'test','device':'offline-1','command':{},'num':7}"));
            JsonNode offline = client.take("device_command_c").arg();
            assertRefused(offline, "offline", 7);
            assertThat(offline.get("error").asText()).isEqualTo("camera offline-1 is not connected");
            assertThat(commander.next().deviceId()).isEqualTo("offline-1");

            // Anything sent to the other connection of the alias before this answer would have come first.
            sameAlias.emit("heartbeat", json("{'t':1,'alias':'" + alias + "'}"));
            sameAlias.take("heartbeat_c");
            assertThat(sameAlias.holds("device_command_c")).as("the answers went to the asking connection only")
                    .isFalse();
        }
    }

    private static void assertRefused(JsonNode reply, String reason, int num) {
        assertThat(reply.get("t").asInt()).as("%s", reply).isZero();
        assertThat(reply.get("error").asText()).as("%s", reply).isNotBlank();
        assertThat(reply.get("reason").asText()).as("%s", reply).isEqualTo(reason);
        assertThat(reply.get("num").asInt()).as("%s", reply).isEqualTo(num);
    }
}
