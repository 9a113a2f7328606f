package io.alarmhub.video.record;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.codec.ParameterSets;
import io.alarmhub.video.mp4.FlacTrack;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one camera's recorder: opened and indexed, written, closed and indexed again. A failure costs the
 * file it happened in, never the recorder: it is logged and counted, and the caller's field becomes null.
 */
final class RecordingFiles {

    private static final Logger log = LoggerFactory.getLogger(RecordingFiles.class);

    private final String deviceId;
    private final RecorderSettings settings;
    private final RecordingCatalog catalog;
    private final Optional<FlacTrack> audio;
    private long failures;
    private long closedFiles;

    RecordingFiles(String deviceId, RecorderSettings settings, RecordingCatalog catalog, Optional<FlacTrack> audio) {
        this.deviceId = deviceId;
        this.settings = settings;
        this.catalog = catalog;
        this.audio = audio;
    }

    /** A new file for frames coded with {@code sets}; null when there are none yet or it cannot be made. */
    OpenFile open(ParameterSets sets, RecordingKind kind, long time, long serverTime, long camera) {
        if (sets == null) {
            return null; // no parameter sets yet: nothing can be decoded, nothing is recorded
        }
        try {
            OpenFile file = OpenFile.open(settings.root(), deviceId, kind, sets, audio, time, serverTime, camera);
            catalog.opened(file.opened());
            return file;
        } catch (IOException e) {
            failed("open a " + kind.name().toLowerCase() + " file", e);
            return null;
        }
    }

    /** Writes {@code frame} to {@code file}; the file, or null when it failed and was closed. */
    OpenFile write(OpenFile file, MediaFrame frame, long serverTime, long camera) {
        if (file == null) {
            return null;
        }
        try {
            file.write(frame, serverTime, camera);
            return file;
        } catch (IOException | RuntimeException e) {
            failed("write " + file.opened().path(), e);
            return finish(file);
        }
    }

    /** Closes {@code file} and indexes it; an empty one is deleted. Always null, for the caller's field. */
    OpenFile finish(OpenFile file) {
        if (file == null) {
            return null;
        }
        try {
            boolean empty = file.isEmpty();
            RecordingFile done = file.close();
            if (empty) {
                Files.deleteIfExists(done.path());
                catalog.discarded(done);
            } else {
                closedFiles++;
                catalog.closed(done);
            }
        } catch (IOException | RuntimeException e) {
            failed("close " + file.opened().path(), e);
            catalog.closed(file.describe(true));
        }
        return null;
    }

    long failures() {
        return failures;
    }

    long closedFiles() {
        return closedFiles;
    }

    private void failed(String what, Exception e) {
        failures++;
        log.warn("video: cannot {} for camera {}: {}", what, deviceId, e.toString());
    }
}
