package io.alarmhub.gateway.push.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.protocol.PushRequest;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Opens the package-private {@link ClientEvent} to the fuzz tests ({@code io.alarmhub.gateway.fuzz}). */
public final class SocketIoFuzzAccess {

    private SocketIoFuzzAccess() {
    }

    /** The event names a client may emit, in declaration order. */
    public static List<String> events() {
        return Stream.of(ClientEvent.values()).map(ClientEvent::event).toList();
    }

    /** The push type the event of this index stands for ({@code t}), 0 for {@code info_status}. */
    public static int type(int index) {
        return typeOf(ClientEvent.values()[index]);
    }

    private static int typeOf(ClientEvent event) {
        return switch (event) {
            case HEARTBEAT -> 1;
            case REGISTER -> 2;
            case GET_TOPIC -> 3;
            case PULL -> 4;
            case PUSH_ACK -> -5;
            case DO_PUSH -> 6;
            case INFO_STATUS -> 0;
            case PROVE_ALIAS -> 21;
            case DEVICE_COMMAND -> 20;
        };
    }

    /** What the connection makes of the payload of the event of this index ({@code ClientEvent.request}). */
    public static PushRequest request(int index, Optional<JsonNode> payload, PushLimits limits) {
        return ClientEvent.values()[index].request(payload, limits);
    }

    /** {@code ClientEvent.object}: the payload as an object, as {@code info_status} reads it. */
    public static Optional<ObjectNode> object(Optional<JsonNode> payload) {
        return ClientEvent.object(payload);
    }

    /** {@code ClientEvent.alias}: an alias named outside a request, checked as a heartbeat's. */
    public static PushRequest alias(JsonNode alias, PushLimits limits) {
        return ClientEvent.alias(alias, limits);
    }
}
