package io.alarmhub.gateway.push.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.protocol.PushRequest;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.alarmhub.gateway.push.socketio.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

class ClientEventTest {

    private static PushRequest read(ClientEvent event, JsonNode payload) {
        return event.request(Optional.of(payload), PushLimits.DEFAULT);
    }

    @Test
    void theEventDecidesTheTypeWhateverTheTInsideSays() {
        assertThat(read(ClientEvent.HEARTBEAT, json("{'t':6,'alias':'a'}")))
                .isEqualTo(new PushRequest.Heartbeat("a", Optional.empty()));
        assertThat(read(ClientEvent.PUSH_ACK, json("{'mid':'42'}")))
                .isEqualTo(new PushRequest.Ack("42", Optional.empty()));
        assertThat(read(ClientEvent.DO_PUSH, json("{'method':'publish','topic':['m_2'],'msg':'hi'}")))
                .isInstanceOf(PushRequest.Publish.class);
        assertThat(read(ClientEvent.GET_TOPIC, json("{'num':3}")))
                .isEqualTo(new PushRequest.GetTopic(Optional.of(IntNode.valueOf(3))));
    }

    @Test
    void aPayloadMayBeAJsonTextOfAnObject() {
        assertThat(read(ClientEvent.REGISTER, TextNode.valueOf("{\"topic\":\"m_2\",\"num\":\"\"}")))
                .isInstanceOfSatisfying(PushRequest.Register.class, r -> assertThat(r.topics()).containsExactly("m_2"));
    }

    @Test
    void noPayloadReadsAsAnEmptyObject() {
        assertThat(ClientEvent.PULL.request(Optional.empty(), PushLimits.DEFAULT))
                .isEqualTo(new PushRequest.Pull(Optional.empty()));
        assertThat(read(ClientEvent.PULL, NullNode.getInstance())).isEqualTo(new PushRequest.Pull(Optional.empty()));
        assertThat(read(ClientEvent.HEARTBEAT, NullNode.getInstance()))
                .isEqualTo(new PushRequest.Invalid("missing field: alias", Optional.empty()));
    }

    @Test
    void anythingElseIsInvalid() {
        PushRequest.Invalid notAnObject = new PushRequest.Invalid("a request is a JSON object", Optional.empty());
        assertThat(read(ClientEvent.PULL, IntNode.valueOf(4))).isEqualTo(notAnObject);
        assertThat(read(ClientEvent.PULL, json("[{'t':4}]"))).isEqualTo(notAnObject);
        assertThat(read(ClientEvent.PULL, TextNode.valueOf("pull please"))).isEqualTo(notAnObject);
        assertThat(read(ClientEvent.PULL, TextNode.valueOf("\"{}\""))).isEqualTo(notAnObject);
    }

    @Test
    void anAliasNamedOutsideARequestObeysTheHeartbeatRules() {
        assertThat(ClientEvent.alias(TextNode.valueOf("tom"), PushLimits.DEFAULT))
                .isEqualTo(new PushRequest.Heartbeat("tom", Optional.empty()));
        assertThat(ClientEvent.alias(IntNode.valueOf(7), PushLimits.DEFAULT))
                .isEqualTo(new PushRequest.Heartbeat("7", Optional.empty()));
        assertThat(ClientEvent.alias(TextNode.valueOf(""), PushLimits.DEFAULT))
                .isEqualTo(new PushRequest.Invalid("alias is empty", Optional.empty()));
        assertThat(ClientEvent.alias(json("{'a':1}"), PushLimits.DEFAULT))
                .isEqualTo(new PushRequest.Invalid("missing field: alias", Optional.empty()));
    }
}
