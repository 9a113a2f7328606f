package io.alarmhub.gateway.device.hemu.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which cameras a rollout is for, as the operator chose them. */
public sealed interface Selection {

    /** These cameras, by {@code deviceId}. */
    record Devices(List<String> deviceIds) implements Selection {
        public Devices {
            deviceIds = List.copyOf(deviceIds);
        }
    }

    /**
     * Every camera of this model (lower case) that has the package's version of the other kind now: its
     * {@code firmwareVersion} for a firmware package, its {@code cameraAppVersion} for a camera app package;
     * any version when {@code version} is empty.
     */
    record Model(String model, Optional<String> version) implements Selection {
    }

    /** As stored and shown: {@code {"devices":[…]}} or {@code {"model":…,"version":…}}. */
    default ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (this instanceof Devices d) {
            d.deviceIds().forEach(json.putArray("devices")::add);
        } else if (this instanceof Model m) {
            json.put("model", m.model());
            m.version().ifPresent(v -> json.put("version", v));
        }
        return json;
    }

    static Selection of(JsonNode json) {
        if (json.has("devices")) {
            List<String> ids = new ArrayList<>();
            json.path("devices").forEach(id -> ids.add(id.asText()));
            return new Devices(ids);
        }
        return new Model(json.path("model").asText(), json.has("version")
                ? Optional.of(json.path("version").asText()) : Optional.empty());
    }
}
