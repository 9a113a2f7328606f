package io.alarmhub.video.live;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.codec.ParameterSets;

/**
 * One viewer's place at a {@link LiveFeed}: where it is in the stream and what it lost. A few fields and no frames:
 * what it cannot take now is gone, not kept for later.
 */
public final class Seat {

    private final Viewer viewer;
    /** Waiting for a keyframe: it joined before one came, could not take a frame, or the ring refused one. */
    private boolean waiting = true;
    /** The sets it was last sent; null before the first. */
    private ParameterSets sent;
    private boolean left;
    private volatile long skippedGops;

    Seat(Viewer viewer) {
        this.viewer = viewer;
    }

    public Viewer viewer() {
        return viewer;
    }

    /** GOPs it lost, wholly or their tail, because it was not ready for them. */
    public long skippedGops() {
        return skippedGops;
    }

    /** Sends {@code frame} when the viewer can take it and is at a GOP it can decode; {@code sets} are its keyframe's. */
    void offer(MediaFrame frame, ParameterSets sets) {
        if (left) {
            return;
        }
        boolean keyframe = frame instanceof VideoFrame video && video.keyframe();
        if (waiting) {
            if (!keyframe) {
                return;
            }
            if (!viewer.ready()) {
                skippedGops++;
                return;
            }
            waiting = false;
        } else if (!viewer.ready()) {
            waiting = true;
            skippedGops++;
            return;
        }
        if (keyframe && (sent == null || !sent.sameAs(sets))) {
            viewer.parameterSets(sets);
            sent = sets;
        }
        viewer.send(frame);
    }

    /** A frame of its GOP will never come (the ring had no room for it): wait for the next keyframe. */
    void interrupt() {
        waiting = true;
    }

    /** Its viewer left, maybe from inside a call of this very frame's: it is sent nothing more. */
    void leave() {
        left = true;
    }
}
