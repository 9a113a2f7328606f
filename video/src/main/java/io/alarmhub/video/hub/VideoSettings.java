package io.alarmhub.video.hub;

import io.alarmhub.video.audio.G726Format;
import io.alarmhub.video.record.RecorderSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of a node's video.
 *
 * @param retain            each camera's ring keeps at least this much (the pre-record, and the GOP around it)
 * @param maxRingBytes      and at most this many bytes per camera
 * @param ringBudget        all cameras' rings together
 * @param maxViewers        viewers of one camera at once
 * @param g726              how G.726 cameras pack their audio
 * @param recorder          where and how recordings are written
 */
public record VideoSettings(Duration retain, long maxRingBytes, long ringBudget, int maxViewers, G726Format g726,
                            RecorderSettings recorder) {

    public VideoSettings {
        Objects.requireNonNull(retain, "retain");
        Objects.requireNonNull(g726, "g726");
        Objects.requireNonNull(recorder, "recorder");
        if (maxRingBytes < 1 || ringBudget < maxRingBytes || maxViewers < 1) {
            throw new IllegalArgumentException("video bounds out of range");
        }
    }
}
