/**
 * Recording by plan: a camera's frames written as fragmented MP4 files, continuous segments of about a minute cut
 * at keyframes, and event clips from before an alarm's start to after its end
 * ({@link io.alarmhub.video.record.CameraRecorder}); and what a camera uploads from its SD card after an outage,
 * in segments placed at the camera's own times ({@link io.alarmhub.video.record.SdCardRecorder}). Each file is
 * told to a {@link io.alarmhub.video.record.RecordingCatalog} when it opens (so that a crash leaves it findable)
 * and when it closes (its end and size), which keeps the index in the store.
 *
 * <pre>
 * connection thread ─► RecorderQueue (bounded) ─► recorder thread ─► Recorder ─► FragmentedMp4Writer
 *                                                                    └─► RecordingCatalog (index)
 * </pre>
 * Disk I/O never runs on a connection's thread: frames cross to the recorder thread through a queue bounded in
 * bytes; past it, frames are dropped up to the next keyframe and counted.
 */
package io.alarmhub.video.record;
