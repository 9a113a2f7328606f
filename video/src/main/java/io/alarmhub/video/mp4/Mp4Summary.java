package io.alarmhub.video.mp4;

/**
 * What a file holds on disk, for a recording's index: the complete fragments written so far, or the whole file
 * once it is closed.
 *
 * @param bytes       the file's length
 * @param startTime   the camera time (milliseconds on its timeline) of the file's first keyframe: its 0
 * @param endTime     the camera time where its last sample ends; {@code endTime - startTime} is its duration
 * @param videoFrames video frames in the file
 * @param audioFrames audio frames in the file
 */
public record Mp4Summary(long bytes, long startTime, long endTime, int videoFrames, int audioFrames) {

    /** No frame yet: no keyframe came, and the file is its init segment alone. */
    public boolean isEmpty() {
        return videoFrames == 0 && audioFrames == 0;
    }

    public long durationMillis() {
        return endTime - startTime;
    }
}
