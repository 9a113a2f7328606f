package io.alarmhub.gateway.push.socketio;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alarmhub.gateway.push.socketio.SocketIoMetrics.BadInput;
import io.alarmhub.gateway.push.socketio.TestClient.Naming;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.alarmhub.gateway.push.socketio.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input is answered with the protocol's error, counted, and harms neither its connection nor others. */
class SocketIoBadInputTest {

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

    @Test
    void malformedPayloadsGetAnErrorOnTheirReplyEventAndTheConnectionsGoOn() {
        double refusedBefore = node.badInput(BadInput.REQUEST);
        try (JavaClient bystander = JavaClient.connect(node.port, "bystander", Naming.QUERY);
             NodeClient client = NodeClient.connect("v4", node.port, "troublemaker", Naming.QUERY)) {
            bystander.take("connect_c");
            client.take("connect_c");

            client.emit("heartbeat", IntNode.valueOf(42));
            assertThat(client.take("heartbeat_c").arg()).isEqualTo(json("{'t':0,'error':'a request is a JSON object'}"));

            client.emit("register", TextNode.valueOf("{not json"));
            assertThat(client.take("register_c").arg()).isEqualTo(json("{'t':0,'error':'a request is a JSON object'}"));

            client.emit("register", json("{'t':2,'topic':[],'num':'r'}"));
            assertThat(client.take("register_c").arg()).isEqualTo(json("{'t':0,'error':'topic is empty','num':'r'}"));

            client.emit("do_push", json("{'t':6,'method':'broadcast','msg':'x','num':7}"));
            assertThat(client.take("do_push_c").arg())
                    .isEqualTo(json("{'t':0,'error':'method must be publish or publish_to_alias','num':7}"));

            client.emit("push_c", json("{'t':-5,'num':'a'}"));
            assertThat(client.take("error_c").arg()).isEqualTo(json("{'t':0,'error':'missing field: mid','num':'a'}"));

            client.emitWithAck("push_c", "bad-ack", json("['not','an','object']"));
            assertThat(client.take("ack:bad-ack").arg()).isEqualTo(json("{'t':0,'error':'a request is a JSON object'}"));

            client.emit("info_status", TextNode.valueOf("[1,2]"));
            assertThat(client.take("info_status_c").arg()).isEqualTo(json("{'t':0,'error':'a request is a JSON object'}"));

            client.emit("heartbeat", json("{'t':1,'alias':'someone-else'}"));
            assertThat(client.take("heartbeat_c").arg())
                    .isEqualTo(json("{'t':0,'error':'this connection is already alias troublemaker'}"));

            // The payload may also be a JSON text, as some apps send it.
            client.emit("heartbeat", TextNode.valueOf("{\"t\":1,\"alias\":\"troublemaker\"}"));
            assertThat(client.take("heartbeat_c").arg()).isEqualTo(json("{'t':-1,'alias':'troublemaker'}"));

            bystander.emit("do_push", json("{'t':6,'method':'publish_to_alias','alias':['troublemaker'],"
                    + "'msg':'still there?','num':'b1'}"));
            assertThat(bystander.take("do_push_c").arg()).isEqualTo(json("{'t':-6,'num':'b1'}"));
            assertThat(client.take("push").arg().get("msg").asText()).isEqualTo("still there?");
        }
        assertThat(node.badInput(BadInput.REQUEST)).isEqualTo(refusedBefore + 7);
    }

    @Test
    void anInvalidAliasInTheHandshakeIsRefusedOnConnect_cAndAHeartbeatCanStillNameOne() {
        double refusedBefore = node.badInput(BadInput.ALIAS);
        try (NodeClient client = NodeClient.connect("v2", node.port, "x".repeat(200), Naming.QUERY)) {
            assertThat(client.take("connect_c").arg())
                    .isEqualTo(json("{'t':0,'error':'alias longer than 128 characters'}"));

            client.emit("heartbeat", json("{'t':1,'alias':'renamed'}"));
            assertThat(client.take("connect_c").arg()).isEqualTo(json("{'t':-14,'alias':'renamed'}"));
            assertThat(client.take("heartbeat_c").arg()).isEqualTo(json("{'t':-1,'alias':'renamed'}"));
        }
        assertThat(node.badInput(BadInput.ALIAS)).isEqualTo(refusedBefore + 1);
    }

    @Test
    void aPacketThatIsNotSocketIoIsCountedAndTheConnectionGoesOn() {
        double refusedBefore = node.badInput(BadInput.PACKET);
        try (NodeClient client = NodeClient.connect("v4", node.port, "garbler", Naming.QUERY, NodeClient.Transports.WEBSOCKET)) {
            client.take("connect_c");

            client.raw("2[\"heartbeat\",{");
            client.emit("heartbeat", json("{'t':1,'alias':'garbler'}"));
            assertThat(client.take("heartbeat_c").arg()).isEqualTo(json("{'t':-1,'alias':'garbler'}"));
        }
        assertThat(node.badInput(BadInput.PACKET)).isEqualTo(refusedBefore + 1);
    }

    @Test
    void aFrameOverTheSizeLimitClosesOnlyItsOwnConnection() {
        try (JavaClient bystander = JavaClient.connect(node.port, "calm", Naming.QUERY);
             NodeClient client = NodeClient.connect("v4", node.port, "flooder", Naming.QUERY, NodeClient.Transports.WEBSOCKET)) {
            bystander.take("connect_c");
            client.take("connect_c");

            String huge = "x".repeat(SocketIoNode.SETTINGS.maxFramePayload() + 1);
            client.emit("do_push", json("{'t':6,'method':'publish_to_alias','alias':['calm'],'msg':'" + huge + "'}"));
            client.take("disconnect");

            bystander.emit("heartbeat", json("{'t':1,'alias':'calm'}"));
            assertThat(bystander.take("heartbeat_c").arg()).isEqualTo(json("{'t':-1,'alias':'calm'}"));
        }
        assertThat(node.pending("calm")).isEmpty();
    }

    @Test
    void aPublishedDecimalKeepsItsDigits() {
        try (NodeClient client = NodeClient.connect("v4", node.port, "exact", Naming.QUERY, NodeClient.Transports.WEBSOCKET)) {
            client.take("connect_c");
            // Written raw: a JavaScript client would turn 2.50 into 2.5 before sending it.
            client.raw("2[\"do_push\",{\"method\":\"publish_to_alias\",\"alias\":[\"nobody-online\"],"
                    + "\"msg\":{\"price\":2.50},\"num\":1}]");
            assertThat(client.take("do_push_c").arg()).isEqualTo(json("{'t':-6,'num':1}"));
        }
        assertThat(node.pending("nobody-online")).singleElement()
                .satisfies(message -> assertThat(message.payload()).isEqualTo("{\"price\":2.50}"));
    }
}
