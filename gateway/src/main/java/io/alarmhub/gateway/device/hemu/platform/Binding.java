package io.alarmhub.gateway.device.hemu.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A wired binding an app user started (5.1.2): the camera with this {@code deviceId} or MAC that asks
 * ({@code MSG_P_THD_GET_CAMERA_BIND_INFO_REQ}) before it expires gets a registration token for the user.
 * Kept as a vendor record of kind {@code binding}, keyed {@code id:<deviceId>} or {@code mac:<mac>}.
 */
public record Binding(String key, String alias, String mobile, Instant expires) {

    static String byDeviceId(String deviceId) {
        return "id:" + deviceId;
    }

    static String byMac(String mac) {
        return "mac:" + mac;
    }

    public boolean liveAt(Instant now) {
        return now.isBefore(expires);
    }

    ObjectNode json() {
        return JsonNodeFactory.instance.objectNode().put("alias", alias).put("mobile", mobile)
                .put("expires", expires.toString());
    }

    static Binding of(String key, JsonNode json) {
        return new Binding(key, json.path("alias").asText(), json.path("mobile").asText(),
                Instant.parse(json.path("expires").asText()));
    }
}
