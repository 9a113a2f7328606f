/**
 * The recent past of each camera, in memory: {@link io.alarmhub.video.ring.CameraRing} keeps whole GOPs
 * ({@link io.alarmhub.video.ring.Gop}: a keyframe, the frames after it, and the parameter sets it needs), so that
 * a live viewer can start on the last keyframe and an event clip can begin a few seconds before the event.
 *
 * <p>Bounds, in the order they win: a camera's {@code maxBytes}, then the {@link io.alarmhub.video.ring.RingBudget}
 * all cameras share, then {@code retain}. Memory is the hard limit; {@code retain} is how much the ring keeps when
 * memory allows, and trimming by it is what keeps a quiet server's rings small. A GOP is only ever dropped whole
 * from the old end; when the GOP being received cannot grow, its tail is dropped up to the next keyframe, since a
 * frame after a missing one cannot be decoded.
 *
 * <p>Threads: one writer per ring (the camera's connection) and any number of readers. Every method holds the
 * ring's lock briefly; readers get immutable copies, so they never see a GOP change under them.
 */
package io.alarmhub.video.ring;
