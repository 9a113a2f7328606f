package io.alarmhub.video.mp4;

import java.util.ArrayList;
import java.util.List;

/**
 * The samples of one track between two fragments. MP4 gives each sample a duration, not a time, and the
 * duration is only known when the next sample arrives: so the newest sample is held back, and the ones before
 * it are ready for the next fragment.
 *
 * <p>Decode times only go forward: a sample that comes at or before the one held is placed one tick after it,
 * and the durations of the samples of a fragment then add up to the next fragment's start, so a reader never
 * sees two samples at one time.
 */
final class TrackQueue {

    private final List<Sample> ready = new ArrayList<>();
    private int readyBytes;
    private long readyDuration;
    private long end;
    private long writtenEnd;
    private long writtenLast;
    private int written;

    private boolean holding;
    private long heldTime;
    private byte[] heldData;
    private boolean heldSync;
    private long heldDuration;
    private long lastDuration;

    /**
     * Takes a sample at {@code time} ticks of the track's timescale.
     *
     * @param ownDuration what the sample says of its own duration (audio counts its samples), or 0 when only
     *                    the next sample can tell (video)
     */
    void add(long time, byte[] data, boolean sync, long ownDuration) {
        if (holding) {
            long at = Math.max(time, heldTime + 1);
            release(at - heldTime);
            time = at;
        } else {
            time = Math.max(time, end);
        }
        holding = true;
        heldTime = time;
        heldData = data;
        heldSync = sync;
        heldDuration = ownDuration;
    }

    /** Makes the held sample ready, at the end of a file: it lasts what it says, else what the one before did. */
    void releaseHeld(long fallback) {
        if (holding) {
            release(heldDuration > 0 ? heldDuration : lastDuration > 0 ? lastDuration : fallback);
        }
    }

    private void release(long duration) {
        ready.add(new Sample(heldTime, duration, heldData, heldSync));
        readyBytes += heldData.length;
        readyDuration += duration;
        lastDuration = duration;
        end = heldTime + duration;
        holding = false;
        heldData = null;
    }

    List<Sample> ready() {
        return ready;
    }

    int readyCount() {
        return ready.size();
    }

    int readyBytes() {
        return readyBytes;
    }

    long readyDuration() {
        return readyDuration;
    }

    /** Forgets the ready samples: they are in a fragment now. */
    void written() {
        written += ready.size();
        if (!ready.isEmpty()) {
            writtenEnd = end;
            writtenLast = ready.get(ready.size() - 1).decodeTime();
        }
        ready.clear();
        readyBytes = 0;
        readyDuration = 0;
    }

    /** Where the last sample in a fragment ends: the length of the track on disk. */
    long writtenEnd() {
        return writtenEnd;
    }

    /** Where the last sample in a fragment starts. */
    long writtenLast() {
        return writtenLast;
    }

    /** How many samples are in fragments. */
    int writtenCount() {
        return written;
    }
}
