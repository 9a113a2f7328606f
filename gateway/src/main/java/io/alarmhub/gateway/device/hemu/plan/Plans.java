package io.alarmhub.gateway.device.hemu.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceChange;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.core.store.VendorRecord;
import io.alarmhub.gateway.device.hemu.HemuAdapter;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.platform.Camera;
import io.alarmhub.gateway.device.hemu.platform.CameraDirectory;
import io.alarmhub.gateway.device.hemu.platform.CameraLink;
import io.alarmhub.gateway.device.hemu.platform.PlatformException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The cameras' plans: what operators set for each ({@link OwnPlan}, vendor records of kind {@value #PLAN}), over
 * the configured plan, and what each camera's owners last heard of it (kind {@value #ANNOUNCED}). Both are loaded
 * at start and held in memory, one entry per registered camera at most: a camera's entries go when it is unbound.
 *
 * <p>A change is stored first, then told to the camera's live connection at once when it has one here
 * ({@code DevServerCmd} type 7 for the plan, 9 for the thumbnails), or by its next login answer otherwise. Its
 * owners hear of a new plan when the camera does, as a {@code status} event ({@code plan}, {@code device_status},
 * {@code service_days}) emitted on the camera's live connection: an event of a camera that is not connected
 * would make it look online, since the event model takes every event but an offline as a sign of presence.
 * Changes of one camera are made one at a time, in turn with its registration and unbinding.
 */
public final class Plans implements PlanBook {

    /** The kind of the records of what operators set. */
    public static final String PLAN = "plan";
    /** The kind of the records of what owners last heard: written with the status event that told them. */
    public static final String ANNOUNCED = "plan-announced";

    private static final Logger log = LoggerFactory.getLogger(Plans.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PushStore store;
    private final CameraDirectory directory;
    private final DeviceEvents events;
    private final CameraLink link;
    private final CameraPlan defaults;
    private final HemuMetrics metrics;
    /** Changed on the store's commit thread once durable, or when the camera is unbound. */
    private final Map<String, OwnPlan> own = new ConcurrentHashMap<>();
    /** Changed on the cameras' live connections as their status events are submitted, undone if they fail. */
    private final Map<String, CameraPlan.Terms> announced = new ConcurrentHashMap<>();

    private Plans(PushStore store, CameraDirectory directory, DeviceEvents events, CameraLink link,
                  CameraPlan defaults, HemuMetrics metrics) {
        this.store = store;
        this.directory = directory;
        this.events = events;
        this.link = link;
        this.defaults = defaults;
        this.metrics = metrics;
    }

    /**
     * Loads every camera's plan, once the directory has loaded the cameras: records of cameras no longer
     * registered (left by a stop between an unbinding and the deletion of its plan) are deleted.
     *
     * @param defaults the plan of a camera that has none of its own ({@code hemu.hedgw.plan}, {@code service-days},
     *                 {@code hemu.thumbnails})
     */
    public static CompletableFuture<Plans> load(PushStore store, CameraDirectory directory, DeviceEvents events,
                                                CameraLink link, CameraPlan defaults, HemuMetrics metrics) {
        Plans plans = new Plans(store, directory, events, link, defaults, metrics);
        List<String> orphans = new ArrayList<>();
        return plans.loadKind(PLAN, orphans, (key, json) -> plans.own.put(key, OwnPlan.of(json)))
                .thenCompose(x -> plans.loadKind(ANNOUNCED, orphans, (key, json) -> PlanStatus.of(
                        json.path("deviceStatus").asLong(-1)).ifPresent(status -> plans.announced.put(key,
                        new CameraPlan.Terms(status, Math.max(0, json.path("serviceDays").asInt()))))))
                .thenApply(x -> {
                    directory.onRemoved(plans::drop);
                    if (!orphans.isEmpty()) {
                        log.info("hemu: deleting the plans of {} cameras that are no longer registered", orphans.size());
                    }
                    log.info("hemu: {} cameras have a plan of their own; the others are told device_status {},"
                                    + " service_days {}, thumbnails {}", plans.own.size(), defaults.status().code(),
                            defaults.serviceDays(), describe(defaults.thumbnails()));
                    return plans;
                });
    }

    private CompletableFuture<Void> loadKind(String kind, List<String> orphans, BiConsumer<String, JsonNode> into) {
        CompletableFuture<List<VendorRecord>> loaded = new CompletableFuture<>();
        CompletableFuture<Void> done = loaded.thenAccept(records -> records.forEach(r -> {
            if (directory.camera(r.key()).isPresent()) {
                into.accept(r.key(), parse(r));
            } else {
                orphans.add(r.key());
                delete(kind, r.key());
            }
        }));
        store.submitOrFail(new StoreOp.LoadRecords(HemuAdapter.VENDOR, kind, loaded));
        return done;
    }

    @Override
    public CameraPlan planOf(String deviceId) {
        return own(deviceId).over(defaults);
    }

    /** What operators set for the camera; {@link OwnPlan#NONE} when nothing. */
    public OwnPlan own(String deviceId) {
        return own.getOrDefault(deviceId, OwnPlan.NONE);
    }

    /** The plan of cameras that have none of their own. */
    public CameraPlan defaults() {
        return defaults;
    }

    /** Whether the camera is registered: only registered cameras have plans. */
    public boolean registered(String deviceId) {
        return directory.camera(deviceId).isPresent();
    }

    /** Whether the camera has a live connection to this node now. */
    public boolean connected(String deviceId) {
        return link.connected(deviceId);
    }

    /** The outcome of a change: the camera's plan now, what is its own, and whether it was told at once. */
    public record Change(CameraPlan plan, OwnPlan own, boolean told) {
    }

    /**
     * An operator's change: stored, then told to the camera's live connection if it has one here. Fails with
     * {@link PlatformException} {@code NOT_FOUND} for a camera that is not registered, and with the store's
     * exception when the store cannot take it (nothing changed then).
     *
     * @param by the operator's app id, for the log
     */
    public CompletableFuture<Change> change(String deviceId, PlanRequest request, String by) {
        CompletableFuture<OwnPlan> stored = directory.serially(deviceId, () -> {
            Camera camera = directory.camera(deviceId).orElseThrow(() -> new PlatformException(
                    PlatformException.Reason.NOT_FOUND, "no camera " + deviceId));
            OwnPlan next = own(deviceId).with(request, planOf(deviceId));
            CompletableFuture<Void> written = new CompletableFuture<>();
            store.submitOrFail(new StoreOp.PutRecord(record(PLAN, deviceId, camera.owner(), next.json()), written));
            // On the commit thread, in commit order: a login reads the plan from memory only once it is durable.
            return written.thenApply(x -> {
                own.put(deviceId, next);
                return next;
            });
        });
        return stored.thenCompose(next -> link.onLiveConnection(deviceId, () -> tell(deviceId, request))
                .thenApply(told -> {
                    CameraPlan plan = next.over(defaults);
                    log.info("hemu: app {} changed the plan of camera {}: device_status {}, service_days {},"
                                    + " thumbnails {}; {}", by, deviceId, plan.status().code(), plan.serviceDays(),
                            describe(plan.thumbnails()), told ? "told at once" : "to be told at its next login");
                    return new Change(plan, next, told);
                }));
    }

    /** On the camera's live connection: what the change touched, with the plan as it is now. */
    private void tell(String deviceId, PlanRequest request) {
        CameraPlan plan = planOf(deviceId);
        if (request.touchesPlan()) {
            link.send(deviceId, plan.command());
            metrics.serverCommand("plan");
        }
        if (request.touchesThumbnails()) {
            link.send(deviceId, plan.thumbnails().command());
            metrics.serverCommand("thumbnails");
        }
        announce(deviceId, plan, "DevServerCmd");
    }

    @Override
    public void loggedIn(String deviceId, CameraPlan told) {
        if (told.thumbnails().wanted()) {
            link.send(deviceId, told.thumbnails().command());
            metrics.serverCommand("thumbnails");
        }
        announce(deviceId, told, "DevLoginResp");
    }

    /**
     * On the camera's live connection, just told {@code plan}: a status event to its owners when that is not what
     * they heard of last (for a camera they never heard of: the configured plan), stored with the record of it.
     */
    private void announce(String deviceId, CameraPlan plan, String toldIn) {
        CameraPlan.Terms terms = plan.terms();
        CameraPlan.Terms before = announced.get(deviceId);
        Optional<Camera> camera = directory.camera(deviceId);
        if (terms.equals(before == null ? defaults.terms() : before) || camera.isEmpty()) {
            return;
        }
        announced.put(deviceId, terms);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("plan", terms.status().word());
        values.put("device_status", Integer.toString(terms.status().code()));
        values.put("service_days", Integer.toString(terms.serviceDays()));
        ObjectNode raw = JSON.createObjectNode().put("message", toldIn).put("device_status", terms.status().code())
                .put("service_days", terms.serviceDays());
        ObjectNode record = JSON.createObjectNode().put("deviceStatus", terms.status().code())
                .put("serviceDays", terms.serviceDays());
        StoreOp put = new StoreOp.PutRecord(record(ANNOUNCED, deviceId, camera.get().owner(), record),
                new CompletableFuture<>());
        events.accept(new DeviceEvent.Status(events.nextId(), new DeviceId(HemuAdapter.VENDOR, deviceId),
                directory.now(), values, raw.toString()), DeviceChange.ops(put)).whenComplete((x, failure) -> {
                    if (failure != null) {
                        // Not heard of: the next time the camera is told, its owners are told again.
                        if (before == null) {
                            announced.remove(deviceId, terms);
                        } else {
                            announced.replace(deviceId, terms, before);
                        }
                        log.warn("hemu: the plan of camera {} was told to it, but the status event to its owners"
                                + " was not stored: {}", deviceId, failure.toString());
                    }
                });
    }

    /** The camera was unbound: its plan goes with it, and a camera registered again gets the configured one. */
    private void drop(String deviceId) {
        if (own.remove(deviceId) != null) {
            delete(PLAN, deviceId);
        }
        if (announced.remove(deviceId) != null) {
            delete(ANNOUNCED, deviceId);
        }
    }

    private void delete(String kind, String deviceId) {
        CompletableFuture<Boolean> deleted = new CompletableFuture<>();
        deleted.whenComplete((x, failure) -> {
            if (failure != null) {
                log.warn("hemu: the {} record of camera {} was not deleted, which the next start does: {}", kind,
                        deviceId, failure.toString());
            }
        });
        store.submitOrFail(new StoreOp.DeleteRecord(HemuAdapter.VENDOR, kind, deviceId, deleted));
    }

    private VendorRecord record(String kind, String deviceId, String owner, ObjectNode body) {
        return new VendorRecord(HemuAdapter.VENDOR, kind, deviceId, Optional.of(owner), body.toString(),
                directory.now());
    }

    private static JsonNode parse(VendorRecord record) {
        try {
            return JSON.readTree(record.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the store's " + record.kind() + " record " + record.key()
                    + " is not JSON", e);
        }
    }

    /** For the log: {@code none}, or {@code every 60 s, 640x360}. */
    static String describe(Thumbnails thumbnails) {
        return thumbnails.wanted() ? "every " + thumbnails.span() + " s, " + thumbnails.width() + "x"
                + thumbnails.height() : "none";
    }
}
