package io.alarmhub.video.timeline;

import io.alarmhub.video.VideoException;

import java.time.Duration;

/**
 * One camera connection's clock: the packages' {@code start_time} (uint32 ms, wrapping) as 64-bit milliseconds
 * from the connection's first package, one origin for audio and video. The rules are in {@code package-info}.
 *
 * <p>Fed by one thread, the connection's; the counters may be read from any thread.
 */
public final class Timeline {

    /** How far sample-counted audio time may drift from the camera's stamps before it is set back onto them. */
    public static final Duration AUDIO_RESYNC = Duration.ofMillis(200);

    /** Camera audio is 8 kHz. */
    public static final int AUDIO_RATE = 8_000;

    /** The most samples one audio package may hold: a second; cameras send 160 or 320. */
    public static final int MAX_AUDIO_SAMPLES = AUDIO_RATE;

    private static final long RESYNC_MS = AUDIO_RESYNC.toMillis();

    private final Stamps videoStamps = new Stamps();
    private final Stamps audioStamps = new Stamps();
    private long origin;
    private long lastVideo = -1;
    private long lastAudio = -1;
    private long audioAnchor;
    private long audioSamplesSinceAnchor;
    private volatile long resyncs;
    private volatile long nudged;

    /**
     * The time of a video package.
     *
     * @param startTime its {@code start_time}: 0..2^32-1, or the signed {@code int} protobuf makes of it
     * @return milliseconds from the origin, later than the previous video package's
     * @throws VideoException when {@code startTime} is no uint32
     */
    public long video(long startTime) {
        long stamp = stamp(videoStamps, audioStamps, startTime);
        lastVideo = later(stamp, lastVideo);
        return lastVideo;
    }

    /**
     * The time of an audio package: counted from samples, set back onto {@code startTime} past
     * {@link #AUDIO_RESYNC}.
     *
     * @param startTime its {@code start_time}: 0..2^32-1, or the signed {@code int} protobuf makes of it
     * @param samples   how many samples it holds, 1..{@link #MAX_AUDIO_SAMPLES}
     * @return milliseconds from the origin, later than the previous audio package's
     * @throws VideoException when {@code startTime} is no uint32 or {@code samples} is out of range
     */
    public long audio(long startTime, int samples) {
        if (samples < 1 || samples > MAX_AUDIO_SAMPLES) {
            throw new VideoException("an audio package of " + samples + " samples");
        }
        long stamp = stamp(audioStamps, videoStamps, startTime);
        boolean first = lastAudio < 0;
        long counted = audioAnchor + audioSamplesSinceAnchor * 1000 / AUDIO_RATE;
        if (first || Math.abs(counted - stamp) > RESYNC_MS) {
            if (!first) {
                resyncs++;
            }
            audioAnchor = later(stamp, lastAudio);
            audioSamplesSinceAnchor = 0;
            lastAudio = audioAnchor;
        } else {
            lastAudio = later(counted, lastAudio);
        }
        audioSamplesSinceAnchor += samples;
        return lastAudio;
    }

    /** How often audio drifted past {@link #AUDIO_RESYNC} and was set back onto the camera's stamps. */
    public long audioResyncs() {
        return resyncs;
    }

    /** How many packets of either kind were moved forward so as not to run back (or sit before the origin). */
    public long nudged() {
        return nudged;
    }

    /** The package's stamp in ms from the origin; the first package of all sets the origin. */
    private long stamp(Stamps kind, Stamps other, long startTime) {
        long raw = Uint32.of(startTime, "start_time");
        if (kind.seen) {
            kind.last = Uint32.nearest(kind.last, raw);
        } else if (other.seen) {
            // The same camera clock: this kind's first package lies near the other kind's latest.
            kind.last = Uint32.nearest(other.last, raw);
        } else {
            origin = raw;
            kind.last = raw;
        }
        kind.seen = true;
        return kind.last - origin;
    }

    private long later(long time, long previous) {
        if (time > previous) {
            return time;
        }
        nudged++;
        return previous + 1;
    }

    /** One kind's latest {@code start_time}, unwrapped onto 64 bits. */
    private static final class Stamps {
        boolean seen;
        long last;
    }
}
