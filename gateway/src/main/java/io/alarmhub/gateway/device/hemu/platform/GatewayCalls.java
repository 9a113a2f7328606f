package io.alarmhub.gateway.device.hemu.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.event.AlarmType;
import io.alarmhub.core.event.DeviceChange;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.device.hemu.Manufacturers.Manufacturer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What cameras ask of the platform through the HEDGW signalling gateway (5.2): to log in with what the
 * OpenAPI gave them, and to say what they detect. No protobuf here: the gateway's handler turns its messages
 * into these calls.
 */
public final class GatewayCalls {

    /** {@code DevLoginResp.result} (5.2.1). */
    public static final int OK = 0;
    public static final int AUTH_FAILED = 2001;
    public static final int REFUSED_FOR_NOW = 2008;
    public static final int DELETED = 2026;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CameraDirectory directory;
    private final Manufacturers manufacturers;
    private final DeviceEvents events;
    private final List<Consumer<String>> loginWatchers = new CopyOnWriteArrayList<>();

    public GatewayCalls(CameraDirectory directory, Manufacturers manufacturers, DeviceEvents events) {
        this.directory = directory;
        this.manufacturers = manufacturers;
        this.events = events;
    }

    /**
     * What a {@code DevLoginReq} says of who logs in.
     *
     * @param deviceId the camera's id, when it sends one (field 7, which the document's sample code sets)
     */
    public record Login(String accessKey, String accessSecret, String userName, String deviceToken, String unifiedId,
                        String deviceMac, Optional<String> deviceId) {
        /** Never the secret or the token: this may be logged. */
        @Override
        public String toString() {
            return "Login[" + accessKey + ", " + deviceId.orElse("?") + "]";
        }
    }

    /** The login's result code, the camera when it is {@link #OK}, and why not otherwise (for the log). */
    public record Verdict(int result, Optional<Camera> camera, String why) {
        static Verdict refused(int result, String why) {
            return new Verdict(result, Optional.empty(), why);
        }
    }

    /**
     * Checks a login: the manufacturer's key and secret, the token the OpenAPI gave the camera, its account's
     * {@code unifiedId}, its MAC as registered, and the user ({@code user_name}: the owner's mobile number or
     * alias). A camera that was registered and has since been unbound is {@link #DELETED}; anything else that
     * does not match is {@link #AUTH_FAILED}.
     */
    public Verdict login(Login login) {
        Optional<Manufacturer> maker = manufacturers.find(login.accessKey())
                .filter(m -> same(m.accessSecret(), login.accessSecret()));
        if (maker.isEmpty()) {
            return Verdict.refused(AUTH_FAILED, "unknown access_key or wrong access_secret");
        }
        Optional<Camera> camera = directory.byToken(login.deviceToken());
        if (camera.isEmpty()) {
            boolean unbound = login.deviceId().filter(id -> directory.camera(id).isEmpty()).isPresent();
            return unbound ? Verdict.refused(DELETED, "the camera is not registered (deleted or unbound)")
                    : Verdict.refused(AUTH_FAILED, "device_token is not a registered camera's");
        }
        Camera c = camera.get();
        if (!c.accessKey().equals(login.accessKey()) || !c.unifiedId().equals(login.unifiedId())
                || !c.mac().equalsIgnoreCase(login.deviceMac())
                || login.deviceId().filter(id -> !id.equals(c.deviceId())).isPresent()
                || !(login.userName().equals(c.userMobile()) || login.userName().equals(c.owner()))) {
            return Verdict.refused(AUTH_FAILED, "unified_id, device_mac, device_id or user_name is not the camera's");
        }
        return new Verdict(OK, camera, "");
    }

    /** Calls {@code watcher} with each camera unbound from now on (see {@link CameraDirectory#onRemoved}). */
    public void onUnbound(Consumer<String> watcher) {
        directory.onRemoved(watcher);
    }

    /**
     * Calls {@code watcher} with the {@code deviceId} of each camera whose login on the live channel has been
     * answered from now on: what waited for the camera to be connected (a firmware update) may be sent. It runs
     * on the connection's thread and must not block.
     */
    public void onLoggedIn(Consumer<String> watcher) {
        loginWatchers.add(watcher);
    }

    /** The camera's live login was answered: tells those who wait for it ({@link #onLoggedIn}). */
    public void loggedIn(String deviceId) {
        loginWatchers.forEach(watcher -> watcher.accept(deviceId));
    }

    /** The camera logged in on its live channel: an {@code online} event to its owners. */
    public CompletableFuture<Void> online(Camera camera, Optional<String> address, int channel) {
        ObjectNode raw = JSON.createObjectNode().put("message", "DevLoginReq").put("channel_id", channel)
                .put("device_mac", camera.mac());
        return events.accept(new DeviceEvent.Online(events.nextId(), CameraCalls.device(camera.deviceId()),
                directory.now(), Optional.empty(), address, raw.toString()), DeviceChange.mac(camera.mac()));
    }

    /** The camera's live connection ended: an {@code offline} event, {@code reason} saying how. */
    public CompletableFuture<Void> offline(String deviceId, String reason) {
        return events.accept(new DeviceEvent.Offline(events.nextId(), CameraCalls.device(deviceId), directory.now(),
                reason, JSON.createObjectNode().put("reason", reason).toString()));
    }

    /** The {@code ref} of an alarm a camera raises: what its end names, and what its media will name. */
    public static String alarmRef(String deviceId, int type, long ipcamTime) {
        return deviceId + ":" + type + ":" + ipcamTime;
    }

    /**
     * A {@code DevEventCmd} (5.2.6). Types 1 motion, 2 sound, 3 face and 5 humanoid: {@code status} 1 is an
     * alarm with the ref {@link #alarmRef} gives, 0 its end (an {@link DeviceEvent.AlarmEnd} naming the alarm's
     * ref when the camera raised one on this connection, else a status event {@code alarm_end}); type 4 people
     * counting: a status event with the counts. Events of
     * the SD-card channel happened while the camera was cut off: they keep their time and say {@code delayed}.
     *
     * @param raised for an end, the ref of the alarm of its type the camera raised last
     */
    public CompletableFuture<Void> event(String deviceId, int type, int status, long ipcamTime, Optional<String> msg,
                                         boolean delayed, Optional<String> raised) {
        Instant time = ipcamTime > 0 ? Instant.ofEpochMilli(ipcamTime) : directory.now();
        ObjectNode raw = JSON.createObjectNode().put("message", "DevEventCmd").put("type", type).put("status", status)
                .put("ipcam_time", ipcamTime).put("received", directory.now().toString());
        msg.ifPresent(m -> raw.put("msg", m));
        if (delayed) {
            raw.put("delayed", true);
        }
        if (type == 4) {
            return peopleCount(deviceId, time, msg, delayed, raw);
        }
        AlarmType alarm = alarmType(type);
        if (status == 0) {
            if (raised.isPresent()) {
                return events.accept(new DeviceEvent.AlarmEnd(events.nextId(), CameraCalls.device(deviceId), time,
                        alarm, Integer.toString(type), raised.get(), "device", raw.toString()));
            }
            // The end of an alarm raised before this connection: said, though it names no alarm.
            return events.accept(new DeviceEvent.Status(events.nextId(), CameraCalls.device(deviceId), time,
                    Map.of("alarm_end", alarm.wireName()), raw.toString()));
        }
        return events.accept(new DeviceEvent.Alarm(events.nextId(), CameraCalls.device(deviceId), time, 0, alarm,
                Integer.toString(type), Optional.of(alarmRef(deviceId, type, ipcamTime)), Optional.empty(), List.of(),
                Optional.empty(), raw.toString()));
    }

    /**
     * The camera's alarm {@code ref} of {@code type} ends without the camera saying so, {@code reason}:
     * {@code disconnected} (its connection ended while the alarm was raised: nothing will end it any more) or
     * {@code superseded} (it raised another alarm of the type without ending this one).
     */
    public CompletableFuture<Void> ended(String deviceId, int type, String ref, String reason) {
        ObjectNode raw = JSON.createObjectNode().put("message", reason).put("type", type).put("ref", ref);
        return events.accept(new DeviceEvent.AlarmEnd(events.nextId(), CameraCalls.device(deviceId), directory.now(),
                alarmType(type), Integer.toString(type), ref, reason, raw.toString()));
    }

    private static AlarmType alarmType(int type) {
        return switch (type) {
            case 1 -> AlarmType.MOTION;
            case 2 -> AlarmType.SOUND;
            case 3 -> AlarmType.FACE;
            case 5 -> AlarmType.HUMANOID;
            default -> AlarmType.OTHER;
        };
    }

    /**
     * 5.2.6's people count: a status event with the counts, and the count in the device's time series
     * ({@code people_count}), in one transaction. A count that cannot be read is a status event saying so,
     * and nothing is added to the series.
     */
    private CompletableFuture<Void> peopleCount(String deviceId, Instant time, Optional<String> msg, boolean delayed,
                                                ObjectNode raw) {
        Optional<CountedPeople> count = CountedPeople.read(msg);
        DeviceEvent.Status status = new DeviceEvent.Status(events.nextId(), CameraCalls.device(deviceId), time,
                CountedPeople.values(count, delayed), raw.toString());
        return count.map(c -> events.accept(status, DeviceChange.ops(new StoreOp.PutPeopleCount(
                c.row(CameraCalls.device(deviceId), delayed, directory.now()), new CompletableFuture<>()))))
                .orElseGet(() -> events.accept(status));
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
