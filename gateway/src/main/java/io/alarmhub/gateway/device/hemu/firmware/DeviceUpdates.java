package io.alarmhub.gateway.device.hemu.firmware;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceChange;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.gateway.device.hemu.HemuAdapter;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.platform.AppCommand;
import io.alarmhub.gateway.device.hemu.platform.Camera;
import io.alarmhub.gateway.device.hemu.platform.CameraDirectory;
import io.alarmhub.gateway.device.hemu.platform.CameraLink;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;
import io.alarmhub.gateway.device.hemu.platform.Serial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The cameras' side of the rollouts: a waiting update's command is sent when its camera is online, progress
 * reports move the update the report's session names, a reported version confirms an installed update, and an
 * update under way past its deadline times out. The work on one camera runs one piece at a time
 * ({@link Serial}), each on the state the previous one left durable; every change is stored before anyone hears
 * of it, and what owners hear (a {@code status} event) is stored with it, in one transaction.
 */
final class DeviceUpdates {

    /** {@code request} of the upgrade command (5.2.9.14). */
    static final int UPGRADE = 4097;
    /** {@code src_device_id} of the commands alarmhub sends on its own behalf: the platform's. */
    static final String PLATFORM = "alarmhub";

    private static final Logger log = LoggerFactory.getLogger(DeviceUpdates.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RolloutBook book;
    private final PackageShelf shelf;
    private final CameraDirectory directory;
    private final CameraLink link;
    private final DeviceEvents events;
    private final FirmwareStore store;
    private final HemuMetrics metrics;
    private final Duration timeout;
    private final Serial serial = new Serial();
    private final SecureRandom random = new SecureRandom();

    DeviceUpdates(RolloutBook book, PackageShelf shelf, CameraDirectory directory, CameraLink link,
                  DeviceEvents events, FirmwareStore store, HemuMetrics metrics, Duration timeout) {
        this.book = book;
        this.shelf = shelf;
        this.directory = directory;
        this.link = link;
        this.events = events;
        this.store = store;
        this.metrics = metrics;
        this.timeout = timeout;
    }

    /** The camera logged in, or a rollout started: its waiting update's command goes out if it is connected. */
    CompletableFuture<Void> dispatch(String deviceId) {
        return serially(deviceId, "sending its firmware upgrade", () -> {
            Optional<DeviceUpdate> waiting = book.active(deviceId).filter(u -> u.state() == DeviceUpdate.State.WAITING);
            if (waiting.isEmpty() || !link.connected(deviceId)) {
                return done();
            }
            DeviceUpdate update = waiting.get();
            FirmwarePackage p = packageOf(update);
            Optional<String> url = shelf.downloadUrl(p);
            if (url.isEmpty()) {
                log.warn("hemu: firmware package {} is missing from the media directory: rollout {} cannot send it",
                        p.id(), update.rollout());
                return put(update.cancelled("alarmhub's copy of the package is missing", store.now()));
            }
            long session = 1 + random.nextInt(Integer.MAX_VALUE - 1);
            DeviceUpdate sent = update.sent(session, store.now(), timeout);
            return put(sent).thenCompose(x -> {
                if (link.send(deviceId, command(p, url.get(), session, store.now()))) {
                    metrics.firmware("started");
                    log.debug("hemu: camera {} was sent firmware package {} (rollout {}, msgSession {})", deviceId,
                            p.id(), update.rollout(), session);
                    return done();
                }
                return put(sent.unsent(store.now())); // it went away meanwhile: its next login sends it
            });
        });
    }

    /** A {@code DevIpCamCmd} type 1 (5.2.11.2) of the camera. */
    CompletableFuture<Void> progress(String deviceId, IpCamMessage.FirmwareProgress report) {
        return serially(deviceId, "storing its firmware progress", () -> {
            Optional<DeviceUpdate> matched = book.active(deviceId).filter(u -> u.matches(report.msgSession()));
            if (matched.isEmpty()) {
                metrics.firmwareUnmatched();
                log.debug("hemu: camera {} reported firmware progress of msgSession {}, which is no update of its",
                        deviceId, report.msgSession());
                return done();
            }
            DeviceUpdate update = matched.get();
            FirmwarePackage p = packageOf(update);
            Optional<DeviceUpdate> next = update.progress(report.status(), report.currentSize(), report.totalSize(),
                    report.comment(), installed(deviceId, p), store.now());
            if (next.isEmpty()) {
                return done();
            }
            ObjectNode raw = NODES.objectNode().put("message", "DevIpCamCmd").put("type", 1)
                    .put("request", IpCamMessage.FIRMWARE_PROGRESS).put("msgSession", report.msgSession())
                    .put("status", report.status()).put("currentSize", report.currentSize())
                    .put("totalSize", report.totalSize()).put("firmwareversion", report.firmwareVersion())
                    .put("cameraappversion", report.cameraAppVersion()).put("comment", report.comment());
            return told(next.get(), p, raw);
        });
    }

    /** The camera's version report is durable: an installed update of the package's version is confirmed. */
    CompletableFuture<Void> versionReported(String deviceId) {
        return serially(deviceId, "confirming its firmware update", () -> {
            Optional<DeviceUpdate> installed = book.active(deviceId)
                    .filter(u -> u.state() == DeviceUpdate.State.INSTALLED);
            if (installed.isEmpty()) {
                return done();
            }
            FirmwarePackage p = packageOf(installed.get());
            Optional<Camera> camera = directory.camera(deviceId);
            if (!installed(deviceId, p) || camera.isEmpty()) {
                return done();
            }
            ObjectNode raw = NODES.objectNode().put("msgType", "MSG_P_THD_SET_CAMERA_INFO_REQ")
                    .put("firmwareVersion", camera.get().firmwareVersion())
                    .put("cameraAppVersion", camera.get().cameraAppVersion());
            return told(installed.get().confirmed(store.now()), p, raw);
        });
    }

    /** Times out every update under way past its deadline. */
    CompletableFuture<Void> sweep() {
        Instant now = store.now();
        List<CompletableFuture<Void>> swept = book.activeUpdates().stream().filter(u -> u.overdue(now))
                .map(u -> serially(u.deviceId(), "timing its firmware update out", () -> {
                    Optional<DeviceUpdate> overdue = book.active(u.deviceId()).filter(x -> x.overdue(store.now()));
                    if (overdue.isEmpty()) {
                        return done();
                    }
                    DeviceUpdate update = overdue.get();
                    FirmwarePackage p = packageOf(update);
                    String why = update.state() == DeviceUpdate.State.INSTALLED
                            ? "installed (status 7), but the camera did not report version " + p.version()
                            : "not installed within " + timeout + " of the command" + (update.status() == 0
                            ? " (no progress reported)" : " (last status: " + update.statusWord() + ")");
                    ObjectNode raw = NODES.objectNode().put("reason", "hemu.firmware.device-timeout")
                            .put("deadline", update.deadline().map(Instant::toString).orElse(""));
                    return told(update.timedOut(why, store.now()), p, raw);
                })).toList();
        return CompletableFuture.allOf(swept.toArray(CompletableFuture[]::new));
    }

    /** Cancels the camera's update in the rollout if it is still waiting: the operator cancelled the rollout. */
    CompletableFuture<Void> cancelWaiting(String rolloutId, String deviceId) {
        return serially(deviceId, "cancelling its firmware update", () -> book.active(deviceId)
                .filter(u -> u.rollout().equals(rolloutId) && u.state() == DeviceUpdate.State.WAITING)
                .map(u -> put(u.cancelled("the rollout was cancelled", store.now()))).orElseGet(DeviceUpdates::done));
    }

    /** The camera was unbound: its update ends, whatever it was doing; its progress is nobody's any more. */
    CompletableFuture<Void> unbound(String deviceId) {
        return serially(deviceId, "ending the firmware update of an unbound camera", () -> book.active(deviceId)
                .map(u -> put(u.cancelled("the camera was unbound", store.now()))).orElseGet(DeviceUpdates::done));
    }

    /** Stores the next update with the status event that tells its owners, then counts how it ended. */
    private CompletableFuture<Void> told(DeviceUpdate next, FirmwarePackage p, ObjectNode raw) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("firmware", switch (next.state()) {
            case CONFIRMED -> "confirmed";
            case TIMED_OUT -> "timed_out";
            default -> next.statusWord();
        });
        values.put("version", p.version());
        values.put("serviceType", Integer.toString(p.serviceType()));
        values.put("rollout", next.rollout());
        if (next.status() > 0) {
            values.put("status", Integer.toString(next.status()));
        }
        if (next.totalSize() > 0) {
            values.put("current", Long.toString(next.currentSize()));
            values.put("total", Long.toString(next.totalSize()));
        }
        if (!next.comment().isEmpty()) {
            values.put("comment", next.comment());
        }
        DeviceEvent.Status event = new DeviceEvent.Status(events.nextId(), new DeviceId(HemuAdapter.VENDOR,
                next.deviceId()), store.now(), values, raw.toString());
        return events.accept(event, DeviceChange.ops(book.put(next, owner(next.deviceId())))).thenRun(() -> {
            switch (next.state()) {
                case CONFIRMED -> metrics.firmware("confirmed");
                case FAILED -> metrics.firmware("failed");
                case TIMED_OUT -> metrics.firmware("timed_out");
                default -> { }
            }
        });
    }

    /** Whether the camera reports the package's version now (firmware or camera app, by the package's kind). */
    private boolean installed(String deviceId, FirmwarePackage p) {
        return directory.camera(deviceId).map(c -> p.installedVersion(c.firmwareVersion(), c.cameraAppVersion()))
                .filter(p.version()::equals).isPresent();
    }

    private CompletableFuture<Void> put(DeviceUpdate update) {
        return store.commit(List.of(book.put(update, owner(update.deviceId()))));
    }

    private Optional<String> owner(String deviceId) {
        return directory.camera(deviceId).map(Camera::owner);
    }

    /** The package the update's rollout sends; a running rollout's package cannot be deleted. */
    private FirmwarePackage packageOf(DeviceUpdate update) {
        String id = book.rollout(update.rollout()).orElseThrow().packageId();
        return shelf.find(id).orElseThrow(() -> new IllegalStateException("package " + id + " of running rollout "
                + update.rollout() + " is gone"));
    }

    /** 5.2.9.14's command: {@code serviceType}, {@code url}, {@code newServiceVersion}, {@code checkSum}. */
    static AppCommand command(FirmwarePackage p, String url, long session, Instant now) {
        ObjectNode params = NODES.objectNode().put("serviceType", p.serviceType()).put("url", url)
                .put("newServiceVersion", p.version()).put("checkSum", p.checkSum());
        return new AppCommand(PLATFORM, (int) session, session, UPGRADE, OptionalInt.empty(), OptionalInt.empty(),
                params, now);
    }

    private CompletableFuture<Void> serially(String deviceId, String what, Supplier<CompletableFuture<Void>> work) {
        CompletableFuture<Void> result = serial.run(deviceId, work);
        result.whenComplete((x, failure) -> {
            if (failure != null) {
                log.warn("hemu: camera {}: {} failed: {}", deviceId, what, PackageShelf.cause(failure).toString());
            }
        });
        return result;
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
