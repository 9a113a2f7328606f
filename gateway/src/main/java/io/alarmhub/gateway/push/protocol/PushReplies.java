package io.alarmhub.gateway.push.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.alarmhub.core.message.Message;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The JSON shapes the push faces answer with, as the push protocol gives them ({@code docs/push-protocol.md}). */
public final class PushReplies {

    private PushReplies() {
    }

    public static ObjectNode error(String error, Optional<JsonNode> num) {
        ObjectNode reply = PushJson.object().put("t", 0).put("error", error);
        num.ifPresent(n -> reply.set("num", n));
        return reply;
    }

    /** {@code {"t":0,"error":…,"reason":…}}: a device command that got no answer, and the fixed word saying why. */
    public static ObjectNode refused(String error, String reason, Optional<JsonNode> num) {
        ObjectNode reply = PushJson.object().put("t", 0).put("error", error).put("reason", reason);
        num.ifPresent(n -> reply.set("num", n));
        return reply;
    }

    /** {@code t:-21}: the connection's alias is proven until {@code expires}. */
    public static ObjectNode proven(String alias, Instant expires, Optional<JsonNode> num) {
        ObjectNode reply = PushJson.object().put("t", -21).put("alias", alias).put("expires", expires.toString());
        num.ifPresent(n -> reply.set("num", n));
        return reply;
    }

    /** {@code t:-20}: a device's answer to a command, as its vendor's commander gave it. */
    public static ObjectNode answered(PushRequest.DeviceCommand command, JsonNode answer) {
        ObjectNode reply = PushJson.object().put("t", -20).put("vendor", command.vendor())
                .put("device", command.device());
        reply.set("answer", answer);
        command.num().ifPresent(n -> reply.set("num", n));
        return reply;
    }

    public static ObjectNode ok(int t, Optional<JsonNode> num) {
        ObjectNode reply = PushJson.object().put("t", t);
        num.ifPresent(n -> reply.set("num", n));
        return reply;
    }

    public static ObjectNode alias(int t, String alias) {
        return PushJson.object().put("t", t).put("alias", alias);
    }

    public static ObjectNode topics(List<String> topics, Optional<JsonNode> num) {
        ObjectNode reply = ok(-3, num);
        reply.set("topic", strings(topics));
        return reply;
    }

    /** {@code t:-4}: the pending contents and, in the same order, their ids. */
    public static ObjectNode pulled(List<Message> messages, Optional<JsonNode> num) {
        ObjectNode reply = PushJson.object().put("t", -4);
        ArrayNode msg = reply.putArray("msg");
        ArrayNode mid = reply.putArray("mid");
        for (Message m : messages) {
            msg.addRawValue(new RawValue(m.payload()));
            mid.add(m.id());
        }
        num.ifPresent(n -> reply.set("num", n));
        return reply;
    }

    /** {@code t:5}: a message pushed to one receiver. */
    public static ObjectNode pushed(Message message, String alias) {
        ObjectNode push = PushJson.object().put("t", 5).put("mid", message.id());
        push.putRawValue("msg", new RawValue(message.payload()));
        push.put("alias", alias);
        message.topic().ifPresent(topic -> push.put("topic", topic));
        return push;
    }

    /** The answer to {@code info_status} and {@code /info/status}: the alias's topics and whether it is online. */
    public static ObjectNode status(List<String> topics, boolean online) {
        ObjectNode reply = PushJson.object();
        reply.set("list", strings(topics));
        reply.put("status", online ? "online" : "offline");
        return reply;
    }

    public static ArrayNode strings(Collection<String> values) {
        ArrayNode array = PushJson.JSON.array();
        values.forEach(array::add);
        return array;
    }
}
