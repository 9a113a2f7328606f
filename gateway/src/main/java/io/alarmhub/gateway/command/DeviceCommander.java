package io.alarmhub.gateway.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.CompletableFuture;

/** One vendor's way of sending app commands to its devices and bringing back their answers. */
public interface DeviceCommander {

    /**
     * Sends {@code command} (the vendor's own JSON form, documented with the vendor) to the device on behalf of
     * {@code alias}, which the face has already proven. Completes with the device's answer; fails with a
     * {@link CommandRefusal} when the command is refused before or after it reaches the device (bad value,
     * not the alias's device, device offline, no answer in time).
     */
    CompletableFuture<ObjectNode> send(String alias, String deviceId, JsonNode command);
}
