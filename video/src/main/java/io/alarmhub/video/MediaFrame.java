package io.alarmhub.video;

/**
 * One frame on a camera's timeline: a video access unit or a packet of audio.
 * {@link #time()} is milliseconds on the camera's unwrapped timeline (see {@code timeline}), never negative and
 * never running backwards within one kind.
 */
public sealed interface MediaFrame permits VideoFrame, AudioFrame {

    /** Milliseconds on the camera's timeline. */
    long time();

    /** The bytes it holds in memory, for the ring's bounds. */
    int bytes();
}
