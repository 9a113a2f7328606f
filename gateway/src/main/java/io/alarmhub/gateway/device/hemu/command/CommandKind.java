package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * One command of the catalogue: its name for apps, the document's numbers, its parameters' shape, what the
 * camera must be capable of, and the online-configuration field an acknowledged setting is stored into.
 *
 * @param name       what a named command calls it, e.g. {@code night_vision}
 * @param request    1793 set, 1792 query, 1815 camera on/off
 * @param subRequest the setting or query; empty for 1815, which has none
 * @param versioned  whether it carries {@code msgVersion} 1, as the document's example does
 * @param setting    where the camera's acknowledgement is kept in {@code camRW}, when it is a setting kept there
 */
public record CommandKind(String name, int request, OptionalInt subRequest, boolean versioned, Params params,
                   Optional<Capability> needs, Optional<Setting> setting) {

    public CommandKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(params, "params");
    }

    /** How refusals of a raw command name it: {@code 1793/21}, or {@code 1815}. */
    public String numbers() {
        return request + (subRequest.isPresent() ? "/" + subRequest.getAsInt() : "");
    }

    /**
     * A field of the online configuration ({@code camRW}, 5.1.5) and its value for the {@code requestParams}
     * the camera acknowledged.
     */
    public record Setting(String field, Function<ObjectNode, JsonNode> value) {
    }
}
