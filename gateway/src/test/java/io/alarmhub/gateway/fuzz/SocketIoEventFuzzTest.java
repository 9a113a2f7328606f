package io.alarmhub.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alarmhub.gateway.push.protocol.PushJson;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.protocol.PushRequest;
import io.alarmhub.gateway.push.socketio.SocketIoFuzzAccess;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the Socket.IO face turns an event's payload into a push request ({@code ClientEvent}), under
 * arbitrary payloads.
 *
 * <p>Not through netty-socketio's own packet decoder: that is the library's, and a packet it cannot decode
 * never reaches the face. What the face gets is an event name and the payload as Jackson read it, with
 * the parsing limits of {@code PushJson} (which the listener's JSON support copies). The input is:
 * byte 0, which event ({@code heartbeat}, {@code register}, ... {@code info_status}, {@code prove_alias},
 * {@code device_command}, modulo their count);
 * byte 1, how the payload comes (0: no payload, 1: the JSON value, 2: the JSON text as a string, as 1.x
 * clients send it; modulo 3); the rest, the payload's JSON text. Text that is not JSON is dropped, as the
 * library drops it.
 *
 * <p>Asserted, for every input: reading the payload never throws; a request it reads is of the event's
 * type (whatever {@code t} the payload carries), and one it cannot read is {@code Invalid} with a reason; a
 * device command carries an object of at most the message limit;
 * {@code info_status} (which reads the alias only) gives a heartbeat with the alias or {@code Invalid}.
 */
class SocketIoEventFuzzTest {

    private static final List<String> EVENTS = SocketIoFuzzAccess.events();
    private static final Map<Integer, Class<? extends PushRequest>> TYPES = Map.of(
            1, PushRequest.Heartbeat.class, 2, PushRequest.Register.class, 3, PushRequest.GetTopic.class,
            4, PushRequest.Pull.class, -5, PushRequest.Ack.class, 6, PushRequest.Publish.class,
            21, PushRequest.ProveAlias.class, 20, PushRequest.DeviceCommand.class);

    @FuzzTest(maxDuration = "30s")
    void eventPayloads(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int event = Math.floorMod(input[0], EVENTS.size());
        int form = Math.floorMod(input[1], 3);
        String text = new String(Arrays.copyOfRange(input, 2, input.length), StandardCharsets.UTF_8);
        Optional<JsonNode> payload;
        if (form == 0) {
            payload = Optional.empty();
        } else if (form == 1) {
            try {
                JsonNode json = PushJson.JSON.reader().readTree(text);
                payload = Optional.ofNullable(json == null || json.isMissingNode() ? NullNode.getInstance() : json);
            } catch (JacksonException notJson) {
                return;
            }
        } else {
            payload = Optional.of(TextNode.valueOf(text));
        }

        if (EVENTS.get(event).equals("info_status")) {
            infoStatus(payload);
            return;
        }
        PushRequest request = SocketIoFuzzAccess.request(event, payload.map(JsonNode::deepCopy), PushLimits.DEFAULT);
        assertThat(request).isNotNull();
        if (request instanceof PushRequest.Invalid invalid) {
            assertThat(invalid.error()).as("why %s is invalid", payload).isNotBlank();
        } else {
            assertThat(request).as("%s read from %s", EVENTS.get(event), payload)
                    .isInstanceOf(TYPES.get(SocketIoFuzzAccess.type(event)));
            if (request instanceof PushRequest.DeviceCommand command) {
                assertThat(command.command().toString().length()).isLessThanOrEqualTo(PushLimits.DEFAULT.maxMessageLength());
                assertThat(command.vendor()).isNotEmpty();
                assertThat(command.device()).isNotEmpty();
            } else if (request instanceof PushRequest.ProveAlias prove) {
                assertThat(prove.token()).isNotEmpty();
            }
        }
    }

    /** As the connection reads {@code info_status}: the alias from the object, checked as a heartbeat's. */
    private static void infoStatus(Optional<JsonNode> payload) {
        Optional<ObjectNode> object = SocketIoFuzzAccess.object(payload.map(JsonNode::deepCopy));
        PushRequest checked = object.isEmpty()
                ? PushRequest.create(payload.orElseThrow(), PushLimits.DEFAULT)
                : SocketIoFuzzAccess.alias(object.get().has("alias") ? object.get().get("alias")
                        : NullNode.getInstance(), PushLimits.DEFAULT);
        if (checked instanceof PushRequest.Invalid invalid) {
            assertThat(invalid.error()).isNotBlank();
        } else {
            assertThat(checked).isInstanceOf(PushRequest.Heartbeat.class);
            assertThat(((PushRequest.Heartbeat) checked).alias()).isNotEmpty();
        }
    }
}
