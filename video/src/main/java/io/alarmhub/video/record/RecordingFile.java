package io.alarmhub.video.record;

import java.nio.file.Path;
import java.util.List;

/**
 * One recorded file as the index keeps it.
 *
 * @param id          unique, made when the file opens
 * @param deviceId    the camera's device id
 * @param kind        segment, clip or SD card
 * @param videoCodec  {@code h264} or {@code h265}
 * @param audioCodec  {@code flac} or {@code none}
 * @param path        the file
 * @param serverStart this node's clock at its first frame, epoch milliseconds
 * @param serverEnd   at its last frame
 * @param cameraStart the camera's {@code ipcam_time} at its first frame, or {@code serverStart} when it sends none
 * @param cameraEnd   at its last frame
 * @param bytes       its length on disk
 * @param alarmRefs   the alarms a clip belongs to (empty for segments)
 * @param complete    whether it is closed; a file still being written is indexed incomplete
 */
public record RecordingFile(String id, String deviceId, RecordingKind kind, String videoCodec, String audioCodec,
                            Path path, long serverStart, long serverEnd, long cameraStart, long cameraEnd, long bytes,
                            List<String> alarmRefs, boolean complete) {

    public RecordingFile {
        alarmRefs = List.copyOf(alarmRefs);
    }
}
