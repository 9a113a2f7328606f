package io.alarmhub.gateway.device.hemu.recordings;

import io.alarmhub.core.log.RateLimitedLog;
import io.alarmhub.core.media.MediaException;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.alarmhub.core.media.MediaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The thumbnails cameras upload as {@code DevServerCmd} 9 asked ({@code package_type} 5, 5.2.7): each JPEG is kept
 * in the media store as a picture, on a writer thread of its own (the media store blocks on the disk), and the
 * latest of each camera is remembered, in memory only: a restart forgets it until the camera's next upload.
 *
 * <p>Bounds: a picture over {@link #MAX_BYTES} is refused; {@link #QUEUE} pictures may wait for the writer, more
 * are dropped; each is counted. A camera asked for one a minute would fill the media store with them and push the
 * alarms' pictures out, so a newer thumbnail discards the one two before it: the one before stays, as someone may
 * have just been given its URL.
 */
public final class CameraThumbnails {

    /** The largest thumbnail kept: a 640x360 JPEG is some 50 KiB. */
    public static final int MAX_BYTES = 512 * 1024;
    /** Thumbnails waiting for the writer; each holds at most {@link #MAX_BYTES}. */
    static final int QUEUE = 64;

    private static final Logger log = LoggerFactory.getLogger(CameraThumbnails.class);
    private static final String SPOOLED = ".part";

    /** A camera's latest thumbnail: when the camera took it, and a signed URL of it. */
    public record Thumbnail(Instant time, String url) {
    }

    private record Kept(Instant time, MediaRef ref) {
    }

    /** What is kept of a camera: its latest and the one before, which the next one discards. */
    private record Latest(Kept kept, Optional<Kept> before) {
    }

    private final MediaStore media;
    private final Predicate<String> registered;
    private final ExecutorService writer;
    private final Path spool;
    private final Consumer<String> outcomes;
    private final Clock clock;
    /** Changed on the writer thread only, and by an unbinding; read anywhere. */
    private final ConcurrentHashMap<String, Latest> latest = new ConcurrentHashMap<>();
    private final RateLimitedLog failures = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);

    /**
     * @param registered whether a camera is registered: an unbound one's thumbnails are not kept
     * @param writer     runs the media store's calls, one at a time, never on an event loop ({@link #writer()})
     * @param spool      where a picture is written before the media store takes it; created, and emptied of what
     *                   an earlier run left
     * @param outcomes   told each thumbnail's outcome, for {@code alarmhub.hemu.thumbnails}
     *                   ({@link io.alarmhub.gateway.device.hemu.VideoMeters#thumbnail})
     */
    public CameraThumbnails(MediaStore media, Predicate<String> registered, ExecutorService writer, Path spool,
                            Consumer<String> outcomes, Clock clock) throws IOException {
        this.media = media;
        this.registered = registered;
        this.writer = writer;
        this.spool = Files.createDirectories(spool);
        this.outcomes = outcomes;
        this.clock = clock;
        try (var left = Files.newDirectoryStream(spool, "*" + SPOOLED)) {
            for (Path file : left) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * One thread, started when a thumbnail comes and gone when idle, with room for {@link #QUEUE} waiting: one
     * thread keeps each camera's thumbnails in the order they came.
     */
    public static ExecutorService writer() {
        ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "hemu-thumbnail-writer");
                    thread.setDaemon(true);
                    return thread;
                });
        writer.allowCoreThreadTimeOut(true);
        return writer;
    }

    /**
     * A camera's thumbnail, on its connection's thread: handed to the writer, or refused and counted.
     *
     * @param ipcamTime when the camera took it, UTC milliseconds; -1 when it did not say (then: now)
     */
    public void accept(String deviceId, long ipcamTime, byte[] picture) {
        if (picture.length > MAX_BYTES) {
            outcomes.accept("too_large");
            return;
        }
        if (picture.length < 3 || (picture[0] & 0xff) != 0xff || (picture[1] & 0xff) != 0xd8) {
            outcomes.accept("not_jpeg"); // a JPEG starts with its SOI marker
            return;
        }
        Instant time = ipcamTime >= 0 ? Instant.ofEpochMilli(ipcamTime) : clock.instant();
        try {
            writer.execute(() -> keep(deviceId, time, picture));
        } catch (RejectedExecutionException e) {
            outcomes.accept("dropped");
        }
    }

    /**
     * The camera's latest thumbnail, with a fresh signed URL; empty when it sent none since the start, or the
     * media store no longer has it. Completes on the writer (a URL is signed for a file that exists); fails when the
     * writer is full.
     */
    public CompletableFuture<Optional<Thumbnail>> latest(String deviceId) {
        return CompletableFuture.supplyAsync(() -> Optional.ofNullable(latest.get(deviceId)).flatMap(l -> url(l.kept())
                .map(url -> new Thumbnail(l.kept().time(), url))), writer);
    }

    /**
     * The camera was unbound: its thumbnails go, from memory and from the media store, after those waiting for the
     * writer (which find it unbound and are not kept).
     */
    public void unbound(String deviceId) {
        try {
            writer.execute(() -> forget(deviceId));
        } catch (RejectedExecutionException e) {
            latest.remove(deviceId); // its pictures stay until the media store's retention
        }
    }

    private void forget(String deviceId) {
        Latest gone = latest.remove(deviceId);
        if (gone != null) {
            media.discard(gone.kept().ref());
            gone.before().ifPresent(before -> media.discard(before.ref()));
        }
    }

    /** Keeps the picture unless the camera has a newer one. Blocks on the disk: runs on the writer. */
    private void keep(String deviceId, Instant time, byte[] picture) {
        if (!registered.test(deviceId)) {
            outcomes.accept("dropped"); // unbound meanwhile: a new owner must not see it
            return;
        }
        Latest now = latest.get(deviceId);
        if (now != null && time.isBefore(now.kept().time())) {
            outcomes.accept("stale"); // an SD card's upload of an older one: the latest stays
            return;
        }
        MediaRef ref;
        try {
            Path file = Files.createTempFile(spool, "thumbnail-", SPOOLED);
            try {
                Files.write(file, picture);
                ref = media.keep(file, MediaKind.PICTURE, "jpg", "thumbnail-" + deviceId + ".jpg");
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException | MediaException e) {
            outcomes.accept("failed");
            failures.warn("hemu: a thumbnail of camera " + deviceId + " was not kept: " + e.getMessage());
            return;
        }
        latest.put(deviceId, new Latest(new Kept(time, ref), Optional.ofNullable(now).map(Latest::kept)));
        if (now != null) {
            now.before().ifPresent(old -> media.discard(old.ref()));
        }
        outcomes.accept("kept");
    }

    private Optional<String> url(Kept kept) {
        // A store without keys (a remote one) signs its own URLs once; a directory's are signed afresh.
        return kept.ref().key().isPresent() ? media.url(kept.ref().key().get()) : Optional.of(kept.ref().url());
    }
}
