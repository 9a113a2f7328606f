package io.alarmhub.gateway.device.hemu.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator's rollout: one package to the cameras the selection chose when it started. Each camera's part is
 * its {@link DeviceUpdate}; the rollout runs while any of them has not ended. Stored as a vendor record of kind
 * {@value FirmwareStore#ROLLOUT}, keyed by {@code id}.
 *
 * @param id        12 lower-case hex digits
 * @param packageId the package it sends
 * @param selection how the operator chose the cameras
 * @param created   when it started
 */
public record Rollout(String id, String packageId, Selection selection, Instant created) {

    public Rollout {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(created, "created");
    }

    ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("id", id).put("package", packageId);
        json.set("selection", selection.json());
        return json.put("created", created.toString());
    }

    static Rollout of(JsonNode json) {
        return new Rollout(json.path("id").asText(), json.path("package").asText(),
                Selection.of(json.path("selection")), Instant.parse(json.path("created").asText()));
    }
}
