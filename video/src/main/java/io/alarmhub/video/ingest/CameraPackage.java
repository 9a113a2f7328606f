package io.alarmhub.video.ingest;

import io.alarmhub.video.VideoException;

/**
 * One {@code TDMediaPackage} as the camera sent it (5.2.3).
 *
 * @param type        {@code package_type}: 1 audio, 2 video, 3 SPS/PPS (and VPS); 5, a thumbnail, is not media
 *                    for this path
 * @param sync        {@code sync}: 1 on keyframes
 * @param data        {@code data}
 * @param startTime   {@code start_time}, a uint32 millisecond clock that wraps (as protobuf's signed int or not)
 * @param seqNum      {@code seq_num}, per kind, wrapping
 * @param cameraTime  {@code ipcam_time}, the camera's UTC in milliseconds, or -1 when absent
 * @param controlFlag {@code control_flag}: 1 an event's upload, 2 an upload for viewers, 0 absent
 */
public record CameraPackage(int type, boolean sync, byte[] data, long startTime, long seqNum, long cameraTime,
                            int controlFlag) {

    public static final int AUDIO = 1;
    public static final int VIDEO = 2;
    public static final int PARAMETER_SETS = 3;
    public static final int THUMBNAIL = 5;

    public CameraPackage {
        if (type != AUDIO && type != VIDEO && type != PARAMETER_SETS) {
            throw new VideoException("package_type " + type + " is not audio, video or parameter sets");
        }
    }
}
