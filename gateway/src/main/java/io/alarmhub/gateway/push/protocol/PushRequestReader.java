package io.alarmhub.gateway.push.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.message.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Turns one JSON value into a {@link PushRequest}, naming the first thing that is wrong with it. */
final class PushRequestReader {

    private final JsonNode json;
    private final PushLimits limits;
    private final Optional<JsonNode> num;

    PushRequestReader(JsonNode json, PushLimits limits) {
        this.json = json;
        this.limits = limits;
        this.num = json.isObject() ? Optional.ofNullable(json.get("num")) : Optional.empty();
    }

    PushRequest read() {
        if (!json.isObject()) {
            return invalid("a request is a JSON object");
        }
        JsonNode t = json.get("t");
        if (t == null || !(t.isIntegralNumber() && t.canConvertToInt() || isIntegralText(t))) {
            return invalid("missing or non-integer t");
        }
        try {
            return switch (t.asInt()) {
                case 1 -> new PushRequest.Heartbeat(name("alias"), num);
                case 2 -> new PushRequest.Register(names("topic"), Optional.ofNullable(json.get("info")), num);
                case 3 -> new PushRequest.GetTopic(num);
                case 4 -> new PushRequest.Pull(num);
                case -5 -> new PushRequest.Ack(name("mid"), num);
                case 6 -> publish();
                case 7 -> new PushRequest.ServerInfo(num);
                case 8 -> new PushRequest.DoorOpen(name("r"), name("u"), num);
                case 9 -> new PushRequest.RegisterPhone(name("r"), name("u"), num);
                case 10 -> new PushRequest.RegisterDoor(name("r"), name("u"), num);
                case 14 -> new PushRequest.Connect(name("alias"), num);
                case 20 -> deviceCommand();
                case 21 -> new PushRequest.ProveAlias(checkedName("token", text("token")), num);
                default -> invalid("unknown type t:" + t.asText());
            };
        } catch (BadField e) {
            return invalid(e.getMessage());
        }
    }

    private PushRequest publish() {
        String method = text("method");
        Target target = switch (method) {
            case "publish" -> new Target.Topics(names("topic"));
            case "publish_to_alias" -> new Target.Aliases(names("alias"));
            default -> throw new BadField("method must be publish or publish_to_alias");
        };
        JsonNode msg = json.get("msg");
        if (msg == null || msg.isNull()) {
            throw new BadField("missing field: msg");
        }
        String text = msg.toString();
        if (text.length() > limits.maxMessageLength()) {
            throw new BadField("msg longer than " + limits.maxMessageLength() + " characters");
        }
        return new PushRequest.Publish(target, text, timeToLive(), num);
    }

    private PushRequest deviceCommand() {
        String vendor = name("vendor");
        String device = name("device");
        JsonNode command = json.get("command");
        if (command == null || command.isNull()) {
            throw new BadField("missing field: command");
        }
        if (!command.isObject()) {
            throw new BadField("command must be a JSON object");
        }
        if (command.toString().length() > limits.maxMessageLength()) {
            throw new BadField("command longer than " + limits.maxMessageLength() + " characters");
        }
        return new PushRequest.DeviceCommand(vendor, device, (ObjectNode) command, num);
    }

    private Optional<Duration> timeToLive() {
        JsonNode opts = json.get("opts");
        if (opts == null || opts.isNull()) {
            return Optional.empty();
        }
        if (!opts.isObject()) {
            throw new BadField("opts must be an object");
        }
        JsonNode ttl = opts.get("time_to_live");
        if (ttl == null || ttl.isNull()) {
            return Optional.empty();
        }
        if (!(ttl.isIntegralNumber() || isIntegralText(ttl)) || !ttl.canConvertToLong() || ttl.asLong() < 0) {
            throw new BadField("opts.time_to_live must be a whole number of seconds, 0 or more");
        }
        return Optional.of(Duration.ofSeconds(ttl.asLong()));
    }

    private String text(String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual()) {
            throw new BadField("missing field: " + field);
        }
        return node.asText();
    }

    private String name(String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) {
            throw new BadField("missing field: " + field);
        }
        return checkedName(field, node.asText());
    }

    private List<String> names(String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            throw new BadField("missing field: " + field);
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        if (items.isEmpty()) {
            throw new BadField(field + " is empty");
        }
        if (items.size() > limits.maxTargets()) {
            throw new BadField(field + " names more than " + limits.maxTargets());
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (JsonNode item : items) {
            if (!item.isTextual() && !item.isNumber()) {
                throw new BadField(field + " must hold strings");
            }
            names.add(checkedName(field, item.asText()));
        }
        return List.copyOf(names);
    }

    private String checkedName(String field, String value) {
        if (value.isEmpty()) {
            throw new BadField(field + " is empty");
        }
        if (value.length() > limits.maxNameLength()) {
            throw new BadField(field + " longer than " + limits.maxNameLength() + " characters");
        }
        return value;
    }

    private static boolean isIntegralText(JsonNode node) {
        return node.isTextual() && node.asText().matches("-?\\d{1,9}");
    }

    private PushRequest invalid(String error) {
        return new PushRequest.Invalid(error, num);
    }

    /** Thrown and caught within this reader only, to leave a field check early. */
    private static final class BadField extends RuntimeException {
        BadField(String message) {
            super(message, null, false, false);
        }
    }
}
