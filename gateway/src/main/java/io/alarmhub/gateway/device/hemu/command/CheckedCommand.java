package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * An app's command read and checked: what the camera will get, nothing of the app's JSON but the values that
 * passed.
 *
 * @param named whether the app named it ({@code "command"}) rather than giving the document's numbers
 */
public record CheckedCommand(CommandKind kind, ObjectNode requestParams, boolean named) {

    public CheckedCommand {
        requestParams = requestParams.deepCopy();
    }

    @Override
    public ObjectNode requestParams() {
        return requestParams.deepCopy();
    }

    public String name() {
        return kind.name();
    }

    public int request() {
        return kind.request();
    }

    public OptionalInt subRequest() {
        return kind.subRequest();
    }

    /** {@code msgVersion} 1 for the commands whose examples carry it. */
    public OptionalInt msgVersion() {
        return kind.versioned() ? OptionalInt.of(1) : OptionalInt.empty();
    }

    public Optional<Capability> needs() {
        return kind.needs();
    }

    /** The change to the camera's {@code camRW} once the camera has acknowledged it; empty when nothing is kept. */
    public Optional<ObjectNode> camRW() {
        return kind.setting().map(s -> {
            ObjectNode change = JsonNodeFactory.instance.objectNode();
            change.set(s.field(), s.value().apply(requestParams));
            return change;
        });
    }

    /** The same command in the raw form, which reads back to this one. */
    public ObjectNode raw() {
        ObjectNode raw = JsonNodeFactory.instance.objectNode().put("request", request());
        subRequest().ifPresent(s -> raw.put("subRequest", s));
        raw.set("requestParams", requestParams.deepCopy());
        return raw;
    }
}
