package io.alarmhub.gateway.device.hemu.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alarmhub.core.event.DeviceChange;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.store.StoreOp;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.alarmhub.gateway.device.hemu.platform.PlatformException.Reason.NOT_FOUND;

/**
 * What app back ends ask of the platform for their users: registration tokens, wired bindings, their
 * cameras, settings and unbinding. A camera is found only through its owner's alias: another account's
 * camera is as unknown as a camera that does not exist.
 */
public final class AccountCalls {

    private final CameraDirectory directory;
    private final DeviceEvents events;
    private final Duration grantValidity;
    private final Duration bindingValidity;

    public AccountCalls(CameraDirectory directory, DeviceEvents events, Duration grantValidity,
                        Duration bindingValidity) {
        this.directory = directory;
        this.events = events;
        this.grantValidity = grantValidity;
        this.bindingValidity = bindingValidity;
    }

    /** A registration token for one user, for the QR code its app shows the camera. */
    public CompletableFuture<CameraDirectory.IssuedGrant> grant(String alias, String mobile) {
        return directory.issueGrant(alias, mobile, directory.now().plus(grantValidity));
    }

    /** Whether a registration token is live for this mobile number (to draw its QR code). */
    public boolean grantIsLive(String userToken, String mobile) {
        return directory.grant(userToken).filter(g -> g.mobile().equals(mobile)).isPresent();
    }

    /** A wired binding: the camera with this {@code deviceId} (or, without one, this MAC) that asks gets the user. */
    public CompletableFuture<Binding> startBinding(String alias, String mobile, Optional<String> deviceId,
                                                   Optional<String> mac) {
        String key = deviceId.map(Binding::byDeviceId).orElseGet(() -> Binding.byMac(mac.orElseThrow()));
        return directory.startBinding(key, alias, mobile, directory.now().plus(bindingValidity));
    }

    public List<Camera> cameras(String alias) {
        return directory.camerasOf(alias);
    }

    /** Whether the camera is online now (its last event was not an offline). */
    public boolean online(Camera camera) {
        return events.online(CameraCalls.device(camera.deviceId()));
    }

    /**
     * Changes a camera's online configuration: stored now, and what the camera is answered when it next asks
     * ({@code MSG_P_THD_GET_CAMERA_SETTINGS_REQ}); completes with the whole {@code camRW}.
     */
    public CompletableFuture<Camera> changeSettings(String alias, String deviceId, JsonNode camRW) {
        return directory.serially(deviceId, () -> {
            Camera camera = owned(alias, deviceId);
            Camera changed = camera.withSettings(CamSettings.merge(camera.camRW(), camRW), camera.camParam());
            return directory.commit(List.of(directory.put(changed))).thenApply(x -> changed);
        });
    }

    /**
     * Unbinds a camera from its owner: its token stops working at once, and it is free to be registered by
     * anyone. The camera goes {@code offline} (reason {@code unbound}), an event of its topic only, since it
     * has no owners any more. What it reported over time (people counts, daily statistics) was its owner's and
     * goes with it: a next owner reads only its own.
     */
    public CompletableFuture<Void> unbind(String alias, String deviceId) {
        return directory.serially(deviceId, () -> {
            owned(alias, deviceId);
            DeviceEvent.Offline offline = new DeviceEvent.Offline(events.nextId(), CameraCalls.device(deviceId),
                    directory.now(), "unbound", JsonNodeFactory.instance.objectNode().put("unbound_by", alias).toString());
            return events.accept(offline, DeviceChange.owners(List.of(), directory.remove(deviceId),
                    new StoreOp.DeleteReports(CameraCalls.device(deviceId), new CompletableFuture<>())));
        });
    }

    private Camera owned(String alias, String deviceId) {
        return directory.camera(deviceId).filter(c -> c.owner().equals(alias))
                .orElseThrow(() -> new PlatformException(NOT_FOUND, "no camera " + deviceId + " of " + alias));
    }
}
