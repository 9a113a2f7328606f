package io.alarmhub.video.mp4;

/**
 * One sample of a track, its duration known, waiting for its fragment.
 *
 * @param decodeTime when it starts, in its track's timescale, from the file's first keyframe
 * @param duration   until the next sample of its track, in the same timescale
 * @param data       its bytes as they go into {@code mdat}: held, not copied
 * @param sync       a sample a player may start decoding at
 */
record Sample(long decodeTime, long duration, byte[] data, boolean sync) {
}
