package io.alarmhub.video.record;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.codec.ParameterSets;

/**
 * What records one camera connection's frames, on the recorder thread only (a {@link RecorderQueue} hands them
 * over): the live channel's {@link CameraRecorder}, by plan, or the SD card's {@link SdCardRecorder}.
 */
public sealed interface Recorder permits CameraRecorder, SdCardRecorder {

    /** The sets the next keyframe needs. */
    void parameterSets(ParameterSets sets);

    /**
     * One frame.
     *
     * @param serverTime  this node's clock when it arrived, epoch milliseconds
     * @param cameraTime  its {@code ipcam_time}, or -1
     * @param controlFlag its {@code control_flag}, 0 when absent
     */
    void frame(MediaFrame frame, long serverTime, long cameraTime, int controlFlag);

    /** An alarm of the camera started; only the live channel records alarms. */
    default void alarmStarted(String ref) {
    }

    /** An alarm of the camera ended. */
    default void alarmEnded(String ref) {
    }

    /** The camera's plan changed: what it no longer asks for closes now. */
    void mode(RecordingMode mode);

    /** The connection ended: every file closes with what it has. */
    void close();

    /** Files that could not be written. */
    long failures();

    /** Files closed and indexed. */
    long closedFiles();
}
