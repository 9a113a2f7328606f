package io.alarmhub.gateway.device.hemu.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One registered camera as the platform keeps it: who owns it, the hash of its {@code deviceToken}, what it
 * reported of itself, and its online configuration. Stored as a vendor record of kind {@code camera}, keyed
 * by {@code deviceId}.
 *
 * @param deviceId         the 15-digit {@code deviceId}
 * @param accessKey        the manufacturer's key it registered with
 * @param mac              {@code deviceMacAddress}, lower case
 * @param model            {@code deviceModelId} as the camera sent it
 * @param owner            the alias of the app user it belongs to
 * @param userMobile       that user's mobile number, as the registration gave it
 * @param unifiedId        the account's {@code unifiedId}, which the camera logs in to HEDGW with
 * @param tokenHash        SHA-256 of its {@code deviceToken} (the token itself is never kept)
 * @param hardware         the {@code HW} of its {@code comment}
 * @param features         the {@code FEATURE} bits of its {@code comment}, fixed at registration
 * @param registered       when it (last) registered
 * @param supportKey       the ten capacity flags it reported ({@code MSG_P_THD_SET_CAMERA_CAPACITY_REQ})
 * @param camRW            its online configuration as far as it differs from the defaults
 * @param camParam         what it reported of its state ({@code MSG_P_THD_SET_CAMERA_SETTINGS_REQ}) other than
 *                         the settings it shares with {@code camRW}
 * @param firmwareVersion  its {@code firmwareVersion}, empty until reported
 * @param cameraAppVersion its {@code cameraAppVersion}, empty until reported
 */
public record Camera(String deviceId, String accessKey, String mac, String model, String owner, String userMobile,
                     String unifiedId, String tokenHash, String hardware, long features, Instant registered,
                     Map<String, Integer> supportKey, ObjectNode camRW, ObjectNode camParam, String firmwareVersion,
                     String cameraAppVersion) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public Camera {
        Objects.requireNonNull(deviceId, "deviceId");
        supportKey = Map.copyOf(supportKey);
        camRW = camRW.deepCopy();
        camParam = camParam.deepCopy();
    }

    @Override
    public ObjectNode camRW() {
        return camRW.deepCopy();
    }

    @Override
    public ObjectNode camParam() {
        return camParam.deepCopy();
    }

    /** A camera just registered: nothing reported yet. */
    public static Camera registered(String deviceId, String accessKey, String mac, String model, String owner,
                                    String userMobile, String unifiedId, String tokenHash, String hardware,
                                    long features, Instant at) {
        return new Camera(deviceId, accessKey, mac, model, owner, userMobile, unifiedId, tokenHash, hardware, features,
                at, Map.of(), NODES.objectNode(), NODES.objectNode(), "", "");
    }

    /** The same camera registered again by its owner: a new token, what it reported kept. */
    public Camera reregistered(String newMac, String newModel, String newTokenHash, String newHardware,
                               long newFeatures, Instant at) {
        return new Camera(deviceId, accessKey, newMac, newModel, owner, userMobile, unifiedId, newTokenHash,
                newHardware, newFeatures, at, supportKey, camRW, camParam, firmwareVersion, cameraAppVersion);
    }

    public Camera withSupportKey(Map<String, Integer> flags) {
        return new Camera(deviceId, accessKey, mac, model, owner, userMobile, unifiedId, tokenHash, hardware, features,
                registered, flags, camRW, camParam, firmwareVersion, cameraAppVersion);
    }

    public Camera withSettings(ObjectNode newCamRW, ObjectNode newCamParam) {
        return new Camera(deviceId, accessKey, mac, model, owner, userMobile, unifiedId, tokenHash, hardware, features,
                registered, supportKey, newCamRW, newCamParam, firmwareVersion, cameraAppVersion);
    }

    public Camera withVersions(String firmware, String app) {
        return new Camera(deviceId, accessKey, mac, model, owner, userMobile, unifiedId, tokenHash, hardware, features,
                registered, supportKey, camRW, camParam, firmware, app);
    }

    /** As stored. */
    public ObjectNode json() {
        ObjectNode json = NODES.objectNode()
                .put("deviceId", deviceId).put("accessKey", accessKey).put("mac", mac).put("model", model)
                .put("owner", owner).put("userMobile", userMobile).put("unifiedId", unifiedId)
                .put("tokenHash", tokenHash).put("hardware", hardware).put("features", features)
                .put("registered", registered.toString())
                .put("firmwareVersion", firmwareVersion).put("cameraAppVersion", cameraAppVersion);
        ObjectNode flags = json.putObject("supportKey");
        supportKey.forEach(flags::put);
        json.set("camRW", camRW.deepCopy());
        json.set("camParam", camParam.deepCopy());
        return json;
    }

    /** From what {@link #json()} stored. */
    public static Camera of(JsonNode json) {
        Map<String, Integer> flags = new LinkedHashMap<>();
        json.path("supportKey").fields().forEachRemaining(e -> flags.put(e.getKey(), e.getValue().asInt()));
        return new Camera(json.path("deviceId").asText(), json.path("accessKey").asText(), json.path("mac").asText(),
                json.path("model").asText(), json.path("owner").asText(), json.path("userMobile").asText(),
                json.path("unifiedId").asText(), json.path("tokenHash").asText(), json.path("hardware").asText(),
                json.path("features").asLong(), Instant.parse(json.path("registered").asText()), flags,
                object(json.path("camRW")), object(json.path("camParam")), json.path("firmwareVersion").asText(),
                json.path("cameraAppVersion").asText());
    }

    private static ObjectNode object(JsonNode node) {
        return node instanceof ObjectNode o ? o.deepCopy() : NODES.objectNode();
    }

    /** Never the token hash or the Wi-Fi name: this may be logged. */
    @Override
    public String toString() {
        return "Camera[" + deviceId + ", " + model + ", owner " + owner + "]";
    }
}
