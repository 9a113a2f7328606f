package io.alarmhub.gateway.device.hemu.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.device.hemu.platform.CamSettings;
import io.alarmhub.gateway.device.hemu.platform.Camera;

/** A camera as its owner's app sees it: everything the camera reported and its settings, never its token. */
final class CameraView {

    private CameraView() {
    }

    static ObjectNode of(Camera camera, boolean online) {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("deviceId", camera.deviceId())
                .put("deviceMacAddress", camera.mac())
                .put("deviceModelId", camera.model())
                .put("online", online)
                .put("registered", camera.registered().toString())
                .put("hardware", camera.hardware());
        long features = camera.features();
        json.putObject("features").put("value", features).put("wifi", (features & 0x1) != 0)
                .put("ptz", (features & 0x10) != 0).put("noMicrophone", (features & 0x200) != 0)
                .put("fisheye", (features & 0x800) != 0);
        ObjectNode flags = json.putObject("supportKey");
        camera.supportKey().forEach(flags::put);
        json.set("camRW", CamSettings.effective(camera.camRW()));
        json.set("camParam", camera.camParam());
        return json.put("firmwareVersion", camera.firmwareVersion()).put("cameraAppVersion", camera.cameraAppVersion());
    }
}
