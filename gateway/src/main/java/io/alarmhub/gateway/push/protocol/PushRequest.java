package io.alarmhub.gateway.push.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.message.Target;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One request of the push protocol, told apart by its {@code t}. {@code num} is the client's
 * correlation value, echoed in the reply exactly as given; it is empty when the client sent none.
 */
public sealed interface PushRequest {

    Optional<JsonNode> num();

    /** {@code t:1}: keeps the connection alive; the first one names the connection's alias. */
    record Heartbeat(String alias, Optional<JsonNode> num) implements PushRequest {
    }

    /** {@code t:2}: registers the connection's alias on topics; {@code info} describes the device. */
    record Register(List<String> topics, Optional<JsonNode> info, Optional<JsonNode> num) implements PushRequest {
    }

    /** {@code t:3}: the topics the alias is registered on. */
    record GetTopic(Optional<JsonNode> num) implements PushRequest {
    }

    /** {@code t:4}: what is pending for the alias. */
    record Pull(Optional<JsonNode> num) implements PushRequest {
    }

    /** {@code t:-5}: acknowledges a pushed message. */
    record Ack(String mid, Optional<JsonNode> num) implements PushRequest {
    }

    /** {@code t:6}: publishes {@code msg} (JSON text as sent) to topics or aliases. */
    record Publish(Target target, String msg, Optional<Duration> timeToLive, Optional<JsonNode> num)
            implements PushRequest {
    }

    /** {@code t:7}: room and connection counts of this server. */
    record ServerInfo(Optional<JsonNode> num) implements PushRequest {
    }

    /** {@code t:8}: opens the door of room {@code r}, on behalf of user {@code u}. */
    record DoorOpen(String room, String user, Optional<JsonNode> num) implements PushRequest {
    }

    /** {@code t:9}: this connection is a phone of room {@code r}. */
    record RegisterPhone(String room, String user, Optional<JsonNode> num) implements PushRequest {
    }

    /** {@code t:10}: this connection is a door unit of room {@code r}. */
    record RegisterDoor(String room, String user, Optional<JsonNode> num) implements PushRequest {
    }

    /** {@code t:14}: names the connection's alias and asks for what is pending. */
    record Connect(String alias, Optional<JsonNode> num) implements PushRequest {
    }

    /**
     * {@code t:21}: proves the connection's alias with an alias token its app back end minted
     * ({@code POST /alias_token/{token}}); a proven connection may command devices.
     */
    record ProveAlias(String token, Optional<JsonNode> num) implements PushRequest {
    }

    /**
     * {@code t:20}: sends {@code command} (the vendor's own JSON object) to device {@code device} of vendor
     * {@code vendor}, on behalf of the connection's proven alias; answered with the device's answer.
     */
    record DeviceCommand(String vendor, String device, ObjectNode command, Optional<JsonNode> num)
            implements PushRequest {
    }

    /** Anything that could not be read as a request; answered with {@code {"t":0,"error":…}}. */
    record Invalid(String error, Optional<JsonNode> num) implements PushRequest {
    }

    /** Reads a request from one parsed JSON value; never throws. */
    static PushRequest create(JsonNode json, PushLimits limits) {
        return new PushRequestReader(json, limits).read();
    }
}
