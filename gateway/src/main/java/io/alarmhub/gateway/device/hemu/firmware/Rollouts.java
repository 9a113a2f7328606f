package io.alarmhub.gateway.device.hemu.firmware;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.gateway.device.hemu.platform.Camera;
import io.alarmhub.gateway.device.hemu.platform.CameraDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The operators' side of the rollouts: start one (its cameras chosen by id, or by model and current version),
 * cancel what of it still waits, and show it with each camera's update. A camera already in another rollout's
 * update that has not ended is skipped, not sent a second command. At most {@value #MAX_ROLLOUTS} rollouts are
 * kept: a new one beyond that makes the oldest that has ended go, and is refused while every one still runs.
 */
final class Rollouts {

    static final int MAX_ROLLOUTS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(Rollouts.class);

    private final RolloutBook book;
    private final PackageShelf shelf;
    private final CameraDirectory directory;
    private final FirmwareStore store;
    private final DeviceUpdates devices;
    private final SecureRandom random = new SecureRandom();
    /** Cameras a rollout being stored takes, so that two starting at once do not both take one. */
    private final Set<String> reserved = new HashSet<>();

    Rollouts(RolloutBook book, PackageShelf shelf, CameraDirectory directory, FirmwareStore store,
             DeviceUpdates devices) {
        this.book = book;
        this.shelf = shelf;
        this.directory = directory;
        this.store = store;
        this.devices = devices;
    }

    /** Starts a rollout once it is durable; the cameras connected now are sent their commands at once. */
    CompletableFuture<Rollout> start(String packageId, Selection selection) {
        FirmwarePackage p = shelf.find(packageId).orElseThrow(() -> new FirmwareRefusal(FirmwareRefusal.Kind.NOT_FOUND,
                "package: no such package"));
        List<Camera> chosen = choose(p, selection);
        Instant now = store.now();
        Rollout rollout = new Rollout(newId(), p.id(), selection, now);
        List<StoreOp> ops = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        synchronized (reserved) {
            ops.addAll(room());
            ops.add(book.put(rollout));
            for (Camera camera : chosen) {
                Optional<DeviceUpdate> busy = book.active(camera.deviceId());
                DeviceUpdate update;
                if (busy.isPresent() || reserved.contains(camera.deviceId())) {
                    update = DeviceUpdate.skipped(rollout.id(), camera.deviceId(), camera.model(), "busy with"
                            + busy.map(b -> " rollout " + b.rollout()).orElse(" another rollout"), now);
                } else {
                    update = DeviceUpdate.waiting(rollout.id(), camera.deviceId(), camera.model(), now);
                    waiting.add(camera.deviceId());
                }
                ops.add(book.put(update, Optional.of(camera.owner())));
            }
            reserved.addAll(waiting);
        }
        return store.commit(ops).whenComplete((x, failure) -> {
            synchronized (reserved) {
                waiting.forEach(reserved::remove);
            }
        }).thenApply(x -> {
            log.info("hemu: firmware rollout {} started: package {} (version {}) to {} cameras, {} of them skipped",
                    rollout.id(), p.id(), p.version(), chosen.size(), chosen.size() - waiting.size());
            waiting.forEach(devices::dispatch);
            return rollout;
        });
    }

    /** Cancels the rollout's updates that still wait for their cameras; those sent go on. */
    CompletableFuture<Rollout> cancel(String rolloutId) {
        Rollout rollout = find(rolloutId);
        List<CompletableFuture<Void>> cancelled = book.updates(rolloutId).stream()
                .filter(u -> u.state() == DeviceUpdate.State.WAITING)
                .map(u -> devices.cancelWaiting(rolloutId, u.deviceId())).toList();
        return CompletableFuture.allOf(cancelled.toArray(CompletableFuture[]::new)).thenApply(x -> rollout);
    }

    Rollout find(String rolloutId) {
        return book.rollout(rolloutId).orElseThrow(() -> new FirmwareRefusal(FirmwareRefusal.Kind.NOT_FOUND,
                "no such rollout"));
    }

    List<Rollout> list() {
        return book.rollouts();
    }

    /** Whether a running rollout sends the package: it may not be deleted. */
    boolean sends(String packageId) {
        return book.sends(packageId);
    }

    /**
     * The rollout as operators see it: its package, selection, whether it runs, how many of its cameras are in
     * each state, and (with {@code devices}) each camera's update.
     */
    ObjectNode view(Rollout rollout, boolean devices) {
        ObjectNode json = rollout.json();
        json.remove("package");
        json.set("package", shelf.find(rollout.packageId()).map(FirmwarePackage::view)
                .orElseGet(() -> json.objectNode().put("id", rollout.packageId()).put("deleted", true)));
        List<DeviceUpdate> updates = book.updates(rollout.id());
        json.put("state", updates.stream().anyMatch(u -> !u.state().ended()) ? "running" : "ended");
        Map<String, Integer> counts = new TreeMap<>();
        updates.forEach(u -> counts.merge(u.state().word(), 1, Integer::sum));
        ObjectNode countsJson = json.putObject("counts");
        counts.forEach(countsJson::put);
        if (devices) {
            ArrayNode list = json.putArray("devices");
            updates.forEach(u -> {
                ObjectNode device = u.json();
                device.remove("rollout");
                if (!u.statusWord().isEmpty()) {
                    device.put("progress", u.statusWord());
                }
                list.add(device);
            });
        }
        return json;
    }

    /** The cameras a selection chooses; refused when it names a camera that is not registered, or none. */
    private List<Camera> choose(FirmwarePackage p, Selection selection) {
        if (selection instanceof Selection.Devices ids) {
            List<Camera> cameras = new ArrayList<>();
            for (String id : ids.deviceIds()) {
                Camera camera = directory.camera(id).orElseThrow(() -> new FirmwareRefusal(
                        FirmwareRefusal.Kind.NOT_FOUND, "devices: " + id + " is not a registered camera"));
                if (!p.fits(camera.model())) {
                    throw FirmwareRefusal.bad("devices: " + id + " is a " + camera.model()
                            + ", which the package is not for");
                }
                cameras.add(camera);
            }
            return cameras;
        }
        Selection.Model model = (Selection.Model) selection;
        if (!p.models().contains(model.model())) {
            throw FirmwareRefusal.bad("model: the package is not for this model");
        }
        List<Camera> cameras = directory.cameras().stream()
                .filter(c -> FirmwareRequests.model(c.model()).equals(model.model()))
                .filter(c -> model.version().map(v -> v.equals(p.installedVersion(c.firmwareVersion(),
                        c.cameraAppVersion()))).orElse(true))
                .toList();
        if (cameras.isEmpty()) {
            throw new FirmwareRefusal(FirmwareRefusal.Kind.NOT_FOUND, "no registered camera of this model"
                    + (model.version().isPresent() ? " has this version" : ""));
        }
        return cameras;
    }

    /** Room for one more rollout: the oldest that has ended goes when there are {@value #MAX_ROLLOUTS}. */
    private List<StoreOp> room() {
        List<Rollout> all = book.rollouts();
        if (all.size() < MAX_ROLLOUTS) {
            return List.of();
        }
        Rollout oldest = all.stream().filter(r -> !book.running(r.id())).findFirst()
                .orElseThrow(() -> new FirmwareRefusal(FirmwareRefusal.Kind.UNAVAILABLE, MAX_ROLLOUTS
                        + " rollouts are running; cancel one, or wait for one to end"));
        return book.forget(oldest);
    }

    private String newId() {
        byte[] bits = new byte[6];
        random.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }
}
