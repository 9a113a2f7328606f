package io.alarmhub.gateway.push.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.push.protocol.PushJson;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.protocol.PushRequest;

import java.util.Optional;

/**
 * The events a client emits (the protocol's SocketIoServer section), the push type each one stands for, and
 * the event that answers it. The event name decides the type: a {@code t} inside the payload is
 * overwritten, so that {@code heartbeat} can never be read as, say, a publish.
 */
enum ClientEvent {
    HEARTBEAT("heartbeat", 1, "heartbeat_c"),
    REGISTER("register", 2, "register_c"),
    GET_TOPIC("get_topic", 3, "get_topic_c"),
    PULL("pull", 4, "pull_c"),
    /** Has no answer event in the protocol: it is answered only when it fails, on {@link #ERROR_EVENT}. */
    PUSH_ACK("push_c", -5, ClientEvent.ERROR_EVENT),
    DO_PUSH("do_push", 6, "do_push_c"),
    /** Not a push type: the face answers it from the hub's topics and presence. */
    INFO_STATUS("info_status", 0, "info_status_c"),
    /** alarmhub's own: proves the connection's alias with an alias token (PushServer {@code t:21}). */
    PROVE_ALIAS("prove_alias", 21, "prove_alias_c"),
    /** alarmhub's own: a command to a device, once the alias is proven (PushServer {@code t:20}). */
    DEVICE_COMMAND("device_command", 20, "device_command_c");

    /** Where a failure is answered when its event has no answer event and no ack callback was asked for. */
    static final String ERROR_EVENT = "error_c";

    private final String event;
    private final int type;
    private final String answer;

    ClientEvent(String event, int type, String answer) {
        this.event = event;
        this.type = type;
        this.answer = answer;
    }

    String event() {
        return event;
    }

    String answer() {
        return answer;
    }

    /** Whether a successful request gets an answer event; an ack of a push does not. */
    boolean answersSuccess() {
        return this != PUSH_ACK;
    }

    /**
     * Reads the event's payload as a request of this event's type. The payload may be a JSON object or a
     * string holding one; no payload at all reads as an empty object (so {@code pull} needs none).
     * Anything else becomes {@link PushRequest.Invalid}.
     */
    PushRequest request(Optional<JsonNode> payload, PushLimits limits) {
        Optional<ObjectNode> object = object(payload);
        if (object.isEmpty()) {
            return PushRequest.create(payload.orElseThrow(), limits);
        }
        ObjectNode request = object.get();
        request.put("t", type);
        return PushRequest.create(request, limits);
    }

    /**
     * Checks an alias named outside a request (handshake query, {@code auth} object, {@code info_status})
     * by reading it as a heartbeat, so that an alias obeys the same rules wherever it comes from.
     *
     * @return a {@link PushRequest.Heartbeat} holding the alias, or {@link PushRequest.Invalid} saying what is wrong
     */
    static PushRequest alias(JsonNode alias, PushLimits limits) {
        ObjectNode heartbeat = PushJson.object().put("t", HEARTBEAT.type);
        heartbeat.set("alias", alias);
        return PushRequest.create(heartbeat, limits);
    }

    /** The payload as an object; empty when it is neither an object, nor a string holding one, nor absent. */
    static Optional<ObjectNode> object(Optional<JsonNode> payload) {
        if (payload.isEmpty() || payload.get().isNull() || payload.get().isMissingNode()) {
            return Optional.of(PushJson.object());
        }
        JsonNode node = payload.get();
        if (node.isTextual()) {
            node = PushJson.parse(node.asText()).orElse(node);
        }
        return node.isObject() ? Optional.of((ObjectNode) node) : Optional.empty();
    }
}
