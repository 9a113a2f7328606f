package io.alarmhub.video.record;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How cameras are recorded.
 *
 * @param root           the directory of recordings: {@code <root>/<deviceId>/<yyyy-mm-dd>/<start>-<kind>.mp4}
 * @param segmentLength  continuous segments are cut at the first keyframe past this length (60 s)
 * @param preRecord      a clip starts at the last keyframe at least this long before its alarm (5 s)
 * @param postRecord     and ends this long after its last alarm's end (10 s)
 * @param maxQueuedBytes frames waiting for the recorder thread, per camera; past it, frames are dropped up to the
 *                       next keyframe
 */
public record RecorderSettings(Path root, Duration segmentLength, Duration preRecord, Duration postRecord,
                               long maxQueuedBytes) {

    public RecorderSettings {
        Objects.requireNonNull(root, "root");
        if (segmentLength.toSeconds() < 1 || preRecord.isNegative() || postRecord.isNegative() || maxQueuedBytes < 1) {
            throw new IllegalArgumentException("recorder settings out of range");
        }
    }

    /** 60 s segments, 5 s before and 10 s after alarms, 16 MiB queued per camera. */
    public static RecorderSettings defaults(Path root) {
        return new RecorderSettings(root, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(10),
                16L * 1024 * 1024);
    }
}
