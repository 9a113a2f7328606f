package io.alarmhub.gateway.device.hemu.recordings;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.Recording;
import io.alarmhub.core.store.RecordingKind;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.video.record.RecordingCatalog;
import io.alarmhub.video.record.RecordingFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The store's index of recorded files. A file is put when it opens (incomplete, so that a crash leaves it
 * findable) and again when it closes; a closed clip is then ready for its alarms, and each alarm's owners get a
 * {@code media} event whose URL plays it. Writes are asynchronous: the recorder thread never waits for the store.
 */
public final class RecordingIndex implements RecordingCatalog {

    private static final Logger log = LoggerFactory.getLogger(RecordingIndex.class);

    private final String vendor;
    private final PushStore store;
    private final DeviceEvents events;
    private final Path mediaRoot;
    private final Function<String, Optional<String>> urls;
    private final RecordingRetention retention;

    /**
     * @param mediaRoot the media directory: a file's key is its path under it
     * @param urls      a signed URL for a key, as the media listener serves it
     * @param retention told of each file closed, once indexed: it counts its bytes, or deletes it when its camera
     *                  was unbound meanwhile
     */
    public RecordingIndex(String vendor, PushStore store, DeviceEvents events, Path mediaRoot,
                          Function<String, Optional<String>> urls, RecordingRetention retention) {
        this.vendor = vendor;
        this.store = store;
        this.events = events;
        this.mediaRoot = mediaRoot.toAbsolutePath().normalize();
        this.urls = urls;
        this.retention = retention;
    }

    @Override
    public void opened(RecordingFile file) {
        put(file);
    }

    @Override
    public void closed(RecordingFile file) {
        put(file).thenRun(() -> {
            if (retention.closed(file)) {
                file.alarmRefs().forEach(ref -> ready(file, ref));
            }
        });
    }

    @Override
    public void discarded(RecordingFile file) {
        CompletableFuture<Integer> deleted = new CompletableFuture<>();
        store.submitOrFail(new StoreOp.DeleteRecordings(List.of(file.id()), deleted));
    }

    /** The key of a recorded file: its path under the media directory, with forward slashes. */
    public String key(Path file) {
        Path relative = mediaRoot.relativize(file.toAbsolutePath().normalize());
        return relative.toString().replace('\\', '/');
    }

    private CompletableFuture<Void> put(RecordingFile file) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            store.submitOrFail(new StoreOp.PutRecording(recording(file), done));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done.whenComplete((ignored, failure) -> {
            if (failure != null) {
                log.warn("video: recording {} of camera {} was not indexed: {}", file.path(), file.deviceId(),
                        failure.toString());
            }
        });
    }

    private Recording recording(RecordingFile file) {
        return new Recording(file.id(), new DeviceId(vendor, file.deviceId()),
                file.kind() == io.alarmhub.video.record.RecordingKind.SD_CARD ? Recording.SD_CARD : Recording.LIVE,
                RecordingKind.valueOf(file.kind().name()), file.videoCodec(), file.audioCodec(),
                Instant.ofEpochMilli(file.serverStart()), Instant.ofEpochMilli(file.serverEnd()),
                Instant.ofEpochMilli(file.cameraStart()), Instant.ofEpochMilli(file.cameraEnd()), file.bytes(),
                file.alarmRefs().stream().findFirst(), key(file.path()), file.complete());
    }

    private void ready(RecordingFile file, String ref) {
        String key = key(file.path());
        Optional<String> url = urls.apply(key);
        if (url.isEmpty()) {
            return;
        }
        MediaRef media = new MediaRef(MediaKind.VIDEO, file.path().getFileName().toString(), Optional.of(key),
                url.get());
        DeviceId device = new DeviceId(vendor, file.deviceId());
        events.accept(new DeviceEvent.AlarmMediaReady(events.nextId(), device, Instant.ofEpochMilli(file.serverEnd()),
                ref, media, "{\"clip\":\"" + file.id() + "\"}")).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        log.warn("video: the clip of alarm {} was not announced: {}", ref, failure.toString());
                    }
                });
    }
}
