package io.alarmhub.gateway.push.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.message.Message;
import io.alarmhub.gateway.push.socketio.TestClient.Naming;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static io.alarmhub.gateway.push.socketio.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The seed's SocketIoServer events, end to end, from each socket.io client an app may use. */
class SocketIoFlowTest {

    @TempDir
    static Path directory;
    static SocketIoNode node;

    @BeforeAll
    static void start() {
        node = new SocketIoNode(directory);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A socket.io client library and how it names its alias; {@code id} keeps aliases apart between cases. */
    record Kind(String description, String id, BiFunction<String, Naming, TestClient> connect, Naming naming) {

        TestClient connect(String alias) {
            return connect.apply(alias, naming);
        }

        TestClient connect(String alias, Naming other) {
            return connect.apply(alias, other);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Kind> clients() {
        BiFunction<String, Naming, TestClient> v2 = (alias, naming) -> NodeClient.connect("v2", node.port, alias, naming);
        BiFunction<String, Naming, TestClient> v4 = (alias, naming) -> NodeClient.connect("v4", node.port, alias, naming);
        BiFunction<String, Naming, TestClient> v2Polling = (alias, naming) ->
                NodeClient.connect("v2", node.port, alias, naming, NodeClient.Transports.POLLING);
        BiFunction<String, Naming, TestClient> v4Polling = (alias, naming) ->
                NodeClient.connect("v4", node.port, alias, naming, NodeClient.Transports.POLLING);
        BiFunction<String, Naming, TestClient> java = (alias, naming) -> JavaClient.connect(node.port, alias, naming);
        return Stream.of(
                new Kind("npm socket.io-client 2.x, alias in the query", "v2q", v2, Naming.QUERY),
                new Kind("npm socket.io-client 4.x, alias in the query", "v4q", v4, Naming.QUERY),
                new Kind("npm socket.io-client 4.x, alias in auth", "v4a", v4, Naming.AUTH),
                new Kind("npm socket.io-client 2.x on long-polling only", "v2p", v2Polling, Naming.QUERY),
                new Kind("npm socket.io-client 4.x on long-polling only, alias in auth", "v4p", v4Polling, Naming.AUTH),
                new Kind("Java io.socket client 2.1.1, alias in the query", "jq", java, Naming.QUERY),
                new Kind("Java io.socket client 2.1.1, alias in auth", "ja", java, Naming.AUTH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void answersEveryEventOfTheSeedOnItsReplyEvent(Kind kind) {
        String alias = "flow-" + kind.id();
        String topic = "m_" + kind.id();
        try (TestClient client = kind.connect(alias)) {
            assertThat(client.take("connect_c").arg()).isEqualTo(json("{'t':-14,'alias':'" + alias + "'}"));

            client.emit("heartbeat", json("{'t':1,'alias':'" + alias + "'}"));
            assertThat(client.take("heartbeat_c").arg()).isEqualTo(json("{'t':-1,'alias':'" + alias + "'}"));

            client.emit("register", json("{'t':2,'topic':['" + topic + "'],'info':{'communityId':'c1','name':'door'},"
                    + "'num':'r1'}"));
            assertThat(client.take("register_c").arg()).isEqualTo(json("{'t':-2,'num':'r1'}"));

            client.emit("get_topic", json("{'t':3,'num':3}"));
            assertThat(client.take("get_topic_c").arg()).isEqualTo(json("{'t':-3,'num':3,'topic':['" + topic + "']}"));

            client.emit("do_push", json("{'t':6,'method':'publish_to_alias','alias':['" + alias + "'],"
                    + "'msg':{'n':1},'opts':{'time_to_live':60},'num':'p1'}"));
            assertThat(client.take("do_push_c").arg()).isEqualTo(json("{'t':-6,'num':'p1'}"));
            JsonNode toAlias = client.take("push").arg();
            assertThat(toAlias.get("t").asInt()).isEqualTo(5);
            assertThat(toAlias.get("msg")).isEqualTo(json("{'n':1}"));
            assertThat(toAlias.get("alias").asText()).isEqualTo(alias);
            assertThat(toAlias.has("topic")).isFalse();

            client.emit("do_push", json("{'t':6,'method':'publish','topic':['" + topic + "'],'msg':'hello','num':'p2'}"));
            assertThat(client.take("do_push_c").arg()).isEqualTo(json("{'t':-6,'num':'p2'}"));
            JsonNode toTopic = client.take("push").arg();
            assertThat(toTopic.get("msg").asText()).isEqualTo("hello");
            assertThat(toTopic.get("topic").asText()).isEqualTo(topic);

            client.emit("pull", json("{'t':4,'alias':'" + alias + "','num':'n1'}"));
            JsonNode pulled = client.take("pull_c").arg();
            assertThat(pulled.get("t").asInt()).isEqualTo(-4);
            assertThat(pulled.get("msg")).isEqualTo(json("[{'n':1},'hello']"));
            assertThat(pulled.get("mid")).containsExactly(toAlias.get("mid"), toTopic.get("mid"));
            assertThat(pulled.get("num").asText()).isEqualTo("n1");

            client.emitWithAck("push_c", "ack1", json("{'t':-5,'alias':'" + alias + "','mid':" + toAlias.get("mid") + "}"));
            client.emitWithAck("push_c", "ack2", json("{'t':-5,'alias':'" + alias + "','mid':" + toTopic.get("mid") + "}"));
            assertThat(client.take("ack:ack1").args()).containsExactly(json("null"));
            assertThat(client.take("ack:ack2").args()).containsExactly(json("null"));

            client.emit("pull", json("{'t':4,'num':'n2'}"));
            assertThat(client.take("pull_c").arg()).isEqualTo(json("{'t':-4,'msg':[],'mid':[],'num':'n2'}"));

            client.emit("info_status", json("{'alias':'" + alias + "'}"));
            assertThat(client.take("info_status_c").arg())
                    .isEqualTo(json("{'alias':'" + alias + "','list':['" + topic + "'],'status':'online'}"));
            client.emit("info_status", json("{'alias':'nobody-" + kind.id() + "'}"));
            assertThat(client.take("info_status_c").arg())
                    .isEqualTo(json("{'alias':'nobody-" + kind.id() + "','list':[],'status':'offline'}"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void pushesWhatWasPublishedWhileOfflineWhenTheAliasConnects(Kind kind) {
        String alias = "offline-" + kind.id();
        Message first = node.publishToAlias(alias, "{\"alarm\":1}");
        Message second = node.publishToAlias(alias, "\"door rang\"");
        try (TestClient client = kind.connect(alias)) {
            assertThat(client.take("connect_c").arg()).isEqualTo(json("{'t':-14,'alias':'" + alias + "'}"));
            assertThat(client.take("push").arg()).isEqualTo(json(
                    "{'t':5,'mid':'" + first.id() + "','msg':{'alarm':1},'alias':'" + alias + "'}"));
            assertThat(client.take("push").arg()).isEqualTo(json(
                    "{'t':5,'mid':'" + second.id() + "','msg':'door rang','alias':'" + alias + "'}"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void anAckViaSocketIoClearsThePendingEntry(Kind kind) {
        String alias = "ack-" + kind.id();
        Message message = node.publishToAlias(alias, "{\"alarm\":2}");
        try (TestClient client = kind.connect(alias)) {
            assertThat(client.take("push").arg().get("mid").asText()).isEqualTo(message.id());
            client.emit("pull", json("{'t':4,'num':1}"));
            assertThat(client.take("pull_c").arg().get("mid")).containsExactly(json("'" + message.id() + "'"));

            // No ack callback: an ack that succeeds is not answered, so the next pull is what shows it.
            client.emit("push_c", json("{'t':-5,'alias':'" + alias + "','mid':'" + message.id() + "'}"));
            client.emit("pull", json("{'t':4,'num':2}"));
            assertThat(client.take("pull_c").arg()).isEqualTo(json("{'t':-4,'msg':[],'mid':[],'num':2}"));
        }
        assertThat(node.pending(alias)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void theFirstHeartbeatNamesTheAliasWhenTheHandshakeDidNot(Kind kind) {
        String alias = "late-" + kind.id();
        Message message = node.publishToAlias(alias, "{\"alarm\":3}");
        try (TestClient client = kind.connect(alias, Naming.NONE)) {
            client.emit("pull", json("{'t':4}"));
            assertThat(client.take("pull_c").arg().get("error").asText()).startsWith("no alias");

            client.emit("heartbeat", json("{'t':1,'alias':'" + alias + "'}"));
            assertThat(client.take("connect_c").arg()).isEqualTo(json("{'t':-14,'alias':'" + alias + "'}"));
            assertThat(client.take("heartbeat_c").arg()).isEqualTo(json("{'t':-1,'alias':'" + alias + "'}"));
            assertThat(client.take("push").arg().get("mid").asText()).isEqualTo(message.id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void countsItsConnectionsForPresenceAndMetrics(Kind kind) {
        String alias = "presence-" + kind.id();
        double opened = node.registry.get("alarmhub.push.connections").tag("face", "socketio").counter().count();
        try (TestClient client = kind.connect(alias)) {
            client.take("connect_c");
            // The server handles a client's events in order: once this is answered, the connect was handled.
            client.emit("heartbeat", json("{'t':1,'alias':'" + alias + "'}"));
            client.take("heartbeat_c");
            assertThat(node.hub.presence().online(alias)).isTrue();
            assertThat(node.hub.presence().aliases(Face.SOCKET_IO)).contains(alias);
            assertThat(node.hub.presence().connections(Face.SOCKET_IO)).isPositive();
            assertThat(node.registry.get("alarmhub.push.connections.open").tag("face", "socketio").gauge().value())
                    .isPositive();
            assertThat(node.registry.get("alarmhub.push.connections").tag("face", "socketio").counter().count())
                    .isEqualTo(opened + 1);
        }
    }
}
