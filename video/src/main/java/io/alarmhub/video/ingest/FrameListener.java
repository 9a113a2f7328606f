package io.alarmhub.video.ingest;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.codec.ParameterSets;

/** What follows a camera's frames besides its live feed: its recorder. Called on the connection's thread. */
public interface FrameListener {

    /** The sets the next keyframe needs, when they change. */
    void parameterSets(ParameterSets sets);

    /**
     * One frame.
     *
     * @param frame       the frame, on the connection's timeline
     * @param serverTime  this node's clock when it arrived, epoch milliseconds
     * @param cameraTime  its {@code ipcam_time}, or -1
     * @param controlFlag its {@code control_flag}, 0 when absent
     */
    void frame(MediaFrame frame, long serverTime, long cameraTime, int controlFlag);

    /** A listener that wants nothing. */
    FrameListener NONE = new FrameListener() {
        @Override
        public void parameterSets(ParameterSets sets) {
        }

        @Override
        public void frame(MediaFrame frame, long serverTime, long cameraTime, int controlFlag) {
        }
    };
}
