package io.alarmhub.gateway.device.hemu.platform;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceChange;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.gateway.device.hemu.Manufacturers.Manufacturer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static io.alarmhub.gateway.device.hemu.platform.PlatformException.Reason.BOUND_TO_OTHER;
import static io.alarmhub.gateway.device.hemu.platform.PlatformException.Reason.CREDENTIALS;
import static io.alarmhub.gateway.device.hemu.platform.PlatformException.Reason.UNKNOWN_MODEL;

/**
 * What cameras ask of the platform through the OpenAPI (5.1), each answered once what it changes is durable.
 * The work on one camera runs one request at a time ({@link CameraDirectory#serially}). Refusals fail the
 * future with {@link PlatformException}; a store that cannot take the change fails it with the store's
 * exception.
 */
public final class CameraCalls {

    /** The vendor id, the first part of every Hemu camera's device id. */
    public static final String VENDOR = CameraDirectory.VENDOR;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CameraDirectory directory;
    private final DeviceEvents events;
    private final Duration bindingGrantValidity;
    private final List<Consumer<String>> versionWatchers = new CopyOnWriteArrayList<>();

    /** @param bindingGrantValidity how long the token a wired binding hands its camera stays usable */
    public CameraCalls(CameraDirectory directory, DeviceEvents events, Duration bindingGrantValidity) {
        this.directory = directory;
        this.events = events;
        this.bindingGrantValidity = bindingGrantValidity;
    }

    /** Registered: the token the camera uses from now on, and its account's id. */
    public record Registered(String deviceToken, String unifiedId) {
        @Override
        public String toString() {
            return "Registered[" + unifiedId + "]";
        }
    }

    /**
     * {@code MSG_P_THD_ADD_CAMERA_REQ}: the camera belongs to the user whose registration token it presents.
     * The first registration (or the first after an unbind) is an {@code online} event to its new owner;
     * a registration again by the same owner gives a new token and no event.
     */
    public CompletableFuture<Registered> register(Manufacturer maker, Registration call) {
        if (!maker.makes(call.model())) {
            return CompletableFuture.failedFuture(new PlatformException(UNKNOWN_MODEL,
                    "deviceModelId " + call.model() + " is not one of " + maker.name() + "'s models"));
        }
        return directory.serially(call.deviceId(), () -> registerNow(call));
    }

    private CompletableFuture<Registered> registerNow(Registration call) {
        Grant grant = directory.grant(call.userToken()).filter(g -> g.mobile().equals(call.userMobile()))
                .orElseThrow(() -> new PlatformException(CREDENTIALS,
                        "userToken is not a live registration token for this userMobile"));
        Optional<Camera> known = directory.camera(call.deviceId());
        if (known.isPresent() && !known.get().owner().equals(grant.alias())) {
            throw new PlatformException(BOUND_TO_OTHER, "the camera is registered to another account");
        }
        String token = Secrets.deviceToken();
        Instant now = directory.now();
        List<StoreOp> ops = new ArrayList<>(directory.endBindings(call.deviceId(), call.mac()));
        Camera camera;
        if (known.isPresent()) {
            camera = known.get().reregistered(call.mac(), call.model(), Secrets.hash(token), call.hardware(),
                    call.features(), now);
            ops.add(directory.put(camera));
            return durable(ops).thenApply(x -> new Registered(token, camera.unifiedId()));
        }
        CameraDirectory.Account account = directory.account(grant.alias(), grant.mobile());
        account.create().ifPresent(ops::add);
        camera = Camera.registered(call.deviceId(), call.accessKey(), call.mac(), call.model(), grant.alias(),
                grant.mobile(), account.unifiedId(), Secrets.hash(token), call.hardware(), call.features(), now);
        ops.add(directory.put(camera));
        DeviceEvent.Online online = new DeviceEvent.Online(events.nextId(), device(call.deviceId()), now,
                Optional.empty(), call.address(), registrationRaw(call).toString());
        return events.accept(online, new DeviceChange(Optional.of(List.of(grant.alias())), ops,
                Optional.of(call.mac())))
                .thenApply(x -> new Registered(token, camera.unifiedId()));
    }

    /**
     * {@code MSG_P_THD_GET_CAMERA_BIND_INFO_REQ}: a registration token for the user who started a wired
     * binding of this camera, or empty while nobody has. Each answer carries a new token, so that the
     * platform never keeps one it could hand out again.
     */
    public CompletableFuture<Optional<CameraDirectory.IssuedGrant>> bindInfo(String deviceId, Optional<String> mac) {
        Optional<Binding> binding = directory.binding(deviceId, mac);
        if (binding.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Binding b = binding.get();
        return directory.issueGrant(b.alias(), b.mobile(), directory.now().plus(bindingGrantValidity))
                .thenApply(Optional::of);
    }

    /** The camera, when its token is the one it was last given; refused {@code CREDENTIALS} otherwise. */
    public Camera authenticated(String accessKey, String deviceId, String deviceToken) {
        return directory.authenticated(deviceId, deviceToken).filter(c -> c.accessKey().equals(accessKey))
                .orElseThrow(() -> new PlatformException(CREDENTIALS,
                        "deviceToken is not this camera's (not registered, unbound, or registered again since)"));
    }

    /** {@code MSG_P_THD_SET_CAMERA_CAPACITY_REQ}: the ten flags, stored as the camera reports them. */
    public CompletableFuture<Void> capacity(String accessKey, String deviceId, String deviceToken,
                                            Map<String, Integer> supportKey) {
        return directory.serially(deviceId, () -> durable(List.of(directory.put(
                authenticated(accessKey, deviceId, deviceToken).withSupportKey(supportKey)))));
    }

    /** {@code MSG_P_THD_GET_CAMERA_SETTINGS_REQ}: every field of {@code camRW}, defaults where nothing is set. */
    public ObjectNode settings(String accessKey, String deviceId, String deviceToken) {
        return CamSettings.effective(authenticated(accessKey, deviceId, deviceToken).camRW());
    }

    /**
     * {@code MSG_P_THD_SET_CAMERA_SETTINGS_REQ}: merged into what is stored ({@code status} and
     * {@code personStatus} into {@code camRW}, the rest into the camera's reported state). A change of
     * {@code status} or {@code sdcardStatus} is a {@code status} event to the owners.
     */
    public CompletableFuture<Void> report(String accessKey, String deviceId, String deviceToken, CameraReport report) {
        return directory.serially(deviceId, () -> {
            Camera camera = authenticated(accessKey, deviceId, deviceToken);
            ObjectNode camRW = camera.camRW();
            ObjectNode camParam = camera.camParam();
            Map<String, String> changed = new LinkedHashMap<>();
            report.status().ifPresent(v -> note(changed, "status", camRW, "status", v));
            report.personStatus().ifPresent(v -> camRW.put("personStatus", v));
            report.sdcardStatus().ifPresent(v -> note(changed, "sdcardStatus", camParam, "sdcardStatus",
                    Integer.toString(v)));
            report.wifiSSID().ifPresent(v -> camParam.put("wifiSSID", v));
            report.binoParam().ifPresent(v -> camParam.put("binoParam", v));
            report.deviceAngle().ifPresent(v -> camParam.put("deviceAngle", v));
            StoreOp put = directory.put(camera.withSettings(camRW, camParam));
            if (changed.isEmpty()) {
                return durable(List.of(put));
            }
            ObjectNode raw = NODES.objectNode().put("msgType", "MSG_P_THD_SET_CAMERA_SETTINGS_REQ");
            changed.forEach(raw::put);
            if (changed.containsKey("sdcardStatus")) {
                changed.put("sdcard", sdcard(report.sdcardStatus().orElseThrow()));
            }
            return events.accept(new DeviceEvent.Status(events.nextId(), device(deviceId), directory.now(), changed,
                    raw.toString()), DeviceChange.ops(put));
        });
    }

    /**
     * {@code MSG_P_THD_SET_CAMERA_INFO_REQ}: the versions, which firmware updates go by; once they are durable,
     * whatever watches version reports ({@link #onVersions}) hears of the camera.
     */
    public CompletableFuture<Void> versions(String accessKey, String deviceId, String deviceToken, String firmware,
                                            String app) {
        CompletableFuture<Void> stored = directory.serially(deviceId, () -> durable(List.of(directory.put(
                authenticated(accessKey, deviceId, deviceToken).withVersions(firmware, app)))));
        stored.thenRun(() -> versionWatchers.forEach(watcher -> watcher.accept(deviceId)));
        return stored;
    }

    /**
     * Calls {@code watcher} with the {@code deviceId} of each camera whose version report is durable from now on
     * (a firmware update is confirmed by the new version); it must not block.
     */
    public void onVersions(Consumer<String> watcher) {
        versionWatchers.add(watcher);
    }

    private static void note(Map<String, String> changed, String name, ObjectNode into, String field, String value) {
        if (!value.equals(into.path(field).asText(null))) {
            changed.put(name, value);
        }
        into.put(field, value);
    }

    private static String sdcard(int status) {
        return switch (status) {
            case 1 -> "none";
            case 2 -> "fault";
            default -> "ok";
        };
    }

    static DeviceId device(String deviceId) {
        return new DeviceId(VENDOR, deviceId);
    }

    private static ObjectNode registrationRaw(Registration call) {
        ObjectNode raw = NODES.objectNode().put("msgType", "MSG_P_THD_ADD_CAMERA_REQ")
                .put("deviceId", call.deviceId()).put("deviceMacAddress", call.mac())
                .put("deviceModelId", call.model()).put("userMobile", call.userMobile());
        call.registMode().ifPresent(m -> raw.put("registMode", m));
        raw.putObject("comment").put("HW", call.hardware()).put("FEATURE", call.features());
        return raw;
    }

    private CompletableFuture<Void> durable(List<StoreOp> ops) {
        return directory.commit(ops);
    }

}
