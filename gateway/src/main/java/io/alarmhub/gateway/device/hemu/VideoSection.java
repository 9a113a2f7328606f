package io.alarmhub.gateway.device.hemu;

import io.alarmhub.gateway.device.Sections;
import io.alarmhub.gateway.device.hemu.recordings.RecordingRetention;
import io.alarmhub.video.audio.G726Format;
import io.alarmhub.video.audio.G726Packing;
import io.alarmhub.video.hub.VideoSettings;
import io.alarmhub.video.record.RecorderSettings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code hemu.video} section: how cameras' video is kept and recorded.
 *
 * @param enabled        whether this node takes video at all; without it, media packages are counted and dropped
 * @param retain         each camera's ring keeps at least this much: the longest pre-record and a GOP
 * @param maxRingBytes   and at most this many bytes per camera
 * @param ringBudget     all cameras' rings together
 * @param maxViewers     live viewers of one camera at once
 * @param segment        continuous recordings are cut at the first keyframe past this
 * @param preRecord      an alarm's clip starts at least this long before the alarm
 * @param postRecord     and ends this long after it
 * @param maxQueuedBytes frames waiting for the disk, per camera
 * @param g726BitRate    the bit rate of G.726 cameras' audio, kbit/s: 16, 24, 32 or 40
 * @param g726Packing    how they pack code words: {@code rfc3551} (least significant first) or {@code msb-first}
 * @param maxRecordingBytes  the most the recordings directory holds; past it, the oldest recordings of all
 *                           cameras are deleted
 * @param recordingRetention how long a camera's recordings stay when its plan's {@code service_days} is 0 (no
 *                           days told); other plans keep them their {@code service_days}
 * @param sweepInterval      how often retention runs
 */
public record VideoSection(boolean enabled, Duration retain, long maxRingBytes, long ringBudget, int maxViewers,
                           Duration segment, Duration preRecord, Duration postRecord, long maxQueuedBytes,
                           int g726BitRate, String g726Packing, long maxRecordingBytes, Duration recordingRetention,
                           Duration sweepInterval) {

    public static final VideoSection DEFAULT = new VideoSection(true, Duration.ofSeconds(15), 8L << 20, 512L << 20,
            16, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(10), 16L << 20, 32, "rfc3551",
            20L << 30, Duration.ofDays(30), Duration.ofMinutes(10));

    public VideoSection {
        Sections.positive("video.retain", retain);
        Sections.positive("video.max-viewers", maxViewers);
        Sections.positive("video.segment", segment);
        Sections.present("video.g726-packing", g726Packing);
        if (maxRingBytes < 1 || ringBudget < maxRingBytes) {
            throw new IllegalArgumentException("video.ring-budget must be at least video.max-ring-bytes, both positive");
        }
        if (preRecord.isNegative() || postRecord.isNegative() || retain.compareTo(preRecord) < 0) {
            throw new IllegalArgumentException("video.retain must cover video.pre-record; neither may be negative");
        }
        if (maxQueuedBytes < 1) {
            throw new IllegalArgumentException("video.max-queued-bytes must be positive");
        }
        Sections.positive("video.max-recording-bytes", maxRecordingBytes);
        Sections.positive("video.recording-retention", recordingRetention);
        Sections.positive("video.sweep-interval", sweepInterval);
        g726(g726BitRate, g726Packing);
    }

    /** The hub's settings, recording under {@code recordings}. */
    public VideoSettings settings(Path recordings) {
        return new VideoSettings(retain, maxRingBytes, ringBudget, maxViewers, g726(g726BitRate, g726Packing),
                new RecorderSettings(recordings, segment, preRecord, postRecord, maxQueuedBytes));
    }

    /** What retention keeps. */
    public RecordingRetention.Limits limits() {
        return new RecordingRetention.Limits(maxRecordingBytes, recordingRetention);
    }

    private static G726Format g726(int bitRate, String packing) {
        G726Packing order = switch (packing) {
            case "rfc3551" -> G726Packing.RFC3551;
            case "msb-first" -> G726Packing.MSB_FIRST;
            default -> throw new IllegalArgumentException("video.g726-packing: rfc3551 or msb-first, was " + packing);
        };
        return G726Format.ofBitRate(bitRate, order);
    }
}
