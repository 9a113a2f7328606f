package io.alarmhub.gateway.device.hemu.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A package an operator registered, as 5.2.9.14's upgrade command describes it to a camera, and alarmhub's copy
 * of it. Stored as a vendor record of kind {@value FirmwareStore#PACKAGE}, keyed by {@code id}.
 *
 * @param id          12 lower-case hex digits
 * @param serviceType {@code serviceType}: 1 a firmware ("FW") package, 2 a camera app package
 * @param version     {@code newServiceVersion}: the version a camera has once it is installed
 * @param models      the {@code deviceModelId}s it is for, lower case (as model ids are compared)
 * @param checkSum    {@code checkSum}: the package's MD5, 32 lower-case hex digits
 * @param size        its length in bytes
 * @param name        the name of the file it came from (uploaded, or the URL's last path segment), for people
 * @param mediaKey    the media store's key of alarmhub's copy (a lasting file), which cameras download
 * @param registered  when it was registered
 */
public record FirmwarePackage(String id, int serviceType, String version, List<String> models, String checkSum,
                              long size, String name, String mediaKey, Instant registered) {

    public FirmwarePackage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        models = List.copyOf(models);
        Objects.requireNonNull(checkSum, "checkSum");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaKey, "mediaKey");
        Objects.requireNonNull(registered, "registered");
    }

    /** Whether the package is for cameras of this model. */
    public boolean fits(String model) {
        return models.contains(FirmwareRequests.model(model));
    }

    /** What a camera that has this package installed reports of itself: its firmware's or its camera app's version. */
    public String installedVersion(String firmwareVersion, String cameraAppVersion) {
        return serviceType == 1 ? firmwareVersion : cameraAppVersion;
    }

    /** The stored form; also what operators are shown, but for the media key. */
    ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("id", id).put("serviceType", serviceType)
                .put("version", version);
        models.forEach(json.putArray("models")::add);
        return json.put("checkSum", checkSum).put("size", size).put("name", name).put("mediaKey", mediaKey)
                .put("registered", registered.toString());
    }

    /** What operators are shown. */
    public ObjectNode view() {
        ObjectNode json = json();
        json.remove("mediaKey");
        return json;
    }

    static FirmwarePackage of(JsonNode json) {
        List<String> models = new ArrayList<>();
        json.path("models").forEach(m -> models.add(m.asText()));
        return new FirmwarePackage(json.path("id").asText(), json.path("serviceType").asInt(),
                json.path("version").asText(), models, json.path("checkSum").asText(), json.path("size").asLong(),
                json.path("name").asText(), json.path("mediaKey").asText(),
                Instant.parse(json.path("registered").asText()));
    }
}
