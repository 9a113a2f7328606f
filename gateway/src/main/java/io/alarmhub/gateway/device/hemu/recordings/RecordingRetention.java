package io.alarmhub.gateway.device.hemu.recordings;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.log.RateLimitedLog;
import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.Recording;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.gateway.device.hemu.platform.Camera;
import io.alarmhub.gateway.device.hemu.platform.CameraDirectory;
import io.alarmhub.video.record.RecordingFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * How long recordings stay: each camera's complete recordings go once they ended more than its plan's
 * {@code service_days} ago ({@code service_days} 0: {@link Limits#keepWithoutServiceDays}), whatever its plan is now
 * (an expired plan records nothing new, and what it recorded before follows the days); then, while the recordings
 * directory holds more than {@link Limits#maxBytes}, the oldest of all cameras. An unbound camera's recordings all
 * go at once, and so does a file closed after its camera was unbound.
 *
 * <p>A recording's file is deleted before its index entry: a crash between them leaves an entry without a file,
 * which lists without a URL and which the next sweep deletes again (it is still expired, or still the oldest);
 * the other order would leave a file no entry names, which nothing would ever delete.
 *
 * <p>All of it blocks on the disk and the store, so it runs on a worker thread of its own ({@link #worker()}); the
 * event loop that schedules {@link #sweep} only hands it over.
 */
public final class RecordingRetention {

    /** Entries read and deleted at once. */
    static final int BATCH = 200;
    /** How often the count of the directory's bytes is corrected by a walk. */
    static final Duration RECOUNT = Duration.ofDays(1);
    /** Tasks waiting for the worker: sweeps (at most one), unbindings and files closed after one. */
    static final int QUEUE = 10_000;
    /** What {@link #count} counts. */
    static final List<String> COUNTS = List.of("expired", "disk", "unbound", "orphaned", "finished", "forgotten");

    private static final Logger log = LoggerFactory.getLogger(RecordingRetention.class);

    /**
     * @param maxBytes               the most the recordings directory holds ({@code hemu.video.max-recording-bytes})
     * @param keepWithoutServiceDays how long the recordings of a camera whose plan has {@code service_days} 0 stay
     *                               ({@code hemu.video.recording-retention})
     */
    public record Limits(long maxBytes, Duration keepWithoutServiceDays) {
        public Limits {
            if (maxBytes < 1 || keepWithoutServiceDays.isNegative() || keepWithoutServiceDays.isZero()) {
                throw new IllegalArgumentException("recording limits of " + maxBytes + " bytes, "
                        + keepWithoutServiceDays);
            }
        }
    }

    private final PushStore store;
    private final RecordingDisk disk;
    private final CameraDirectory directory;
    private final ToIntFunction<String> serviceDays;
    private final String vendor;
    private final Limits limits;
    private final Clock clock;
    private final ExecutorService worker;
    private final AtomicBoolean sweepWaiting = new AtomicBoolean();
    private final Map<String, LongAdder> counts = COUNTS.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), name -> new LongAdder()));
    private final RateLimitedLog failures = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);
    private Instant counted = Instant.MIN;

    /**
     * @param directory   the registered cameras, whose recordings are swept by their plans
     * @param serviceDays a camera's plan's {@code service_days}
     * @param worker      where it all runs, in order ({@link #worker()})
     */
    public RecordingRetention(PushStore store, RecordingDisk disk, CameraDirectory directory,
                              ToIntFunction<String> serviceDays, String vendor, Limits limits, Clock clock,
                              ExecutorService worker) {
        this.store = store;
        this.disk = disk;
        this.directory = directory;
        this.serviceDays = serviceDays;
        this.vendor = vendor;
        this.limits = limits;
        this.clock = clock;
        this.worker = worker;
    }

    /** One daemon thread, gone when idle, with room for {@link #QUEUE} tasks. */
    public static ExecutorService worker() {
        ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "hemu-recording-retention");
                    thread.setDaemon(true);
                    return thread;
                });
        worker.allowCoreThreadTimeOut(true);
        return worker;
    }

    /**
     * At start, before any camera records: finishes the recordings a crash left incomplete (see
     * {@link RecordingRecovery}) and counts the directory. Blocks.
     */
    public void start() {
        RecordingRecovery.Outcome outcome = new RecordingRecovery(store, disk).run();
        counts.get("finished").add(outcome.finished());
        counts.get("forgotten").add(outcome.forgotten());
        disk.measure();
        counted = clock.instant();
    }

    /** A sweep is due: hands one to the worker, unless one waits for it already. Never blocks. */
    public void sweep() {
        if (sweepWaiting.compareAndSet(false, true) && !run(() -> {
            sweepWaiting.set(false);
            sweepNow();
        }, "a sweep")) {
            sweepWaiting.set(false);
        }
    }

    /** The camera was unbound: every recording of it goes, files and entries. Never blocks. */
    public void unbound(String deviceId) {
        run(() -> {
            long freed = disk.deleteCamera(deviceId);
            CompletableFuture<List<Recording>> deleted = new CompletableFuture<>();
            store.submitOrFail(new StoreOp.DeleteDeviceRecordings(new DeviceId(vendor, deviceId), deleted));
            List<Recording> entries = deleted.join();
            for (Recording r : entries) {
                disk.file(r).ifPresent(this::deleteQuietly); // any that lay elsewhere than its directory
            }
            counts.get("unbound").add(entries.size());
            log.info("hemu: camera {} was unbound: its {} recordings ({} bytes) are deleted", deviceId,
                    entries.size(), freed);
        }, "deleting the recordings of unbound camera " + deviceId);
    }

    /**
     * A file the recorder closed is in the index. Called once that is durable, on the store's thread: its camera
     * unbound by then (an unbinding's deletion ran before this entry was written), it is deleted, entry and file.
     *
     * @return whether it stays: a clip that does not is announced to nobody
     */
    public boolean closed(RecordingFile file) {
        if (directory.camera(file.deviceId()).isPresent()) {
            disk.written(file.bytes());
            return true;
        }
        run(() -> {
            disk.delete(file.path());
            deleteEntries(List.of(file.id()));
            counts.get("orphaned").increment();
        }, "deleting a recording of unbound camera " + file.deviceId());
        return false;
    }

    /** How many recordings were deleted or recovered, by {@link #COUNTS}' name. */
    public long count(String what) {
        return counts.get(what).sum();
    }

    /** The bytes the recordings directory holds, as counted. */
    public long bytes() {
        return disk.bytes();
    }

    /** One sweep, on the calling thread: each registered camera's expired recordings, then room, then a recount. */
    void sweepNow() {
        Instant now = clock.instant();
        if (!now.isBefore(counted.plus(RECOUNT))) {
            disk.measure();
            counted = now;
        }
        for (Camera camera : directory.cameras()) {
            expire(camera.deviceId(), now);
        }
        makeRoom();
    }

    private void expire(String deviceId, Instant now) {
        int days = serviceDays.applyAsInt(deviceId);
        Instant before = now.minus(days > 0 ? Duration.ofDays(days) : limits.keepWithoutServiceDays());
        DeviceId device = new DeviceId(vendor, deviceId);
        List<Recording> batch;
        int deleted;
        do {
            CompletableFuture<List<Recording>> expired = new CompletableFuture<>();
            store.submitOrFail(new StoreOp.ExpiredRecordings(device, before, BATCH, expired));
            batch = expired.join();
            deleted = delete(batch, "expired");
        } while (batch.size() == BATCH && deleted > 0); // no progress: files that cannot be deleted stay for now
    }

    /** Deletes the oldest recordings of all cameras until the directory holds at most {@code maxBytes}. */
    private void makeRoom() {
        while (disk.bytes() > limits.maxBytes()) {
            CompletableFuture<List<Recording>> oldest = new CompletableFuture<>();
            store.submitOrFail(new StoreOp.OldestRecordings(BATCH, oldest));
            List<Recording> batch = oldest.join();
            List<Recording> enough = new ArrayList<>();
            long over = disk.bytes() - limits.maxBytes();
            for (Recording r : batch) {
                if (over <= 0) {
                    break;
                }
                enough.add(r);
                over -= r.bytes();
            }
            if (delete(enough, "disk") == 0) {
                return; // nothing left to delete, or nothing that can be: the next sweep tries again
            }
        }
    }

    /** Deletes each recording's file, then the entries of those whose file is gone; how many. */
    private int delete(List<Recording> recordings, String reason) {
        List<String> gone = new ArrayList<>();
        for (Recording r : recordings) {
            try {
                if (disk.file(r).isPresent()) {
                    disk.delete(disk.file(r).get());
                }
                gone.add(r.id());
            } catch (IOException e) {
                failures.warn("hemu: recording " + r.mediaKey() + " cannot be deleted, kept for now: " + e);
            }
        }
        deleteEntries(gone);
        counts.get(reason).add(gone.size());
        return gone.size();
    }

    private void deleteEntries(List<String> ids) {
        if (!ids.isEmpty()) {
            CompletableFuture<Integer> deleted = new CompletableFuture<>();
            store.submitOrFail(new StoreOp.DeleteRecordings(ids, deleted));
            deleted.join();
        }
    }

    private void deleteQuietly(Path file) {
        try {
            disk.delete(file);
        } catch (IOException e) {
            failures.warn("hemu: " + file + " cannot be deleted: " + e);
        }
    }

    /** Runs {@code task} on the worker, what fails logged; false when the worker has no room for it. */
    private boolean run(Task task, String what) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (IOException | RuntimeException e) {
                    failures.warn("hemu: recordings: " + what + " failed: " + e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            failures.warn("hemu: recordings: " + what + " was dropped: " + QUEUE + " tasks wait already");
            return false;
        }
    }

    @FunctionalInterface
    private interface Task {
        void run() throws IOException;
    }
}
