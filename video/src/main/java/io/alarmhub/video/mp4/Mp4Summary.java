package io.alarmhub.video.mp4;

/**
 * What a file holds on disk, for a recording's index: the complete fragments written so far, or the whole file
 * once it is closed. Times are milliseconds on the camera's timeline, as the frames came.
 *
 * @param bytes          the file's length
 * @param firstTime      the time of the file's first frame, its first keyframe: the file's 0
 * @param lastTime       the time of its last frame, video or audio
 * @param durationMillis how long it plays: until its last frame ends
 * @param videoFrames    video frames in the file
 * @param audioFrames    audio frames in the file
 */
public record Mp4Summary(long bytes, long firstTime, long lastTime, long durationMillis, int videoFrames,
        int audioFrames) {

    /** No frame yet (no keyframe came): the file is its init segment alone, and the times are 0. */
    public boolean isEmpty() {
        return videoFrames == 0 && audioFrames == 0;
    }
}
