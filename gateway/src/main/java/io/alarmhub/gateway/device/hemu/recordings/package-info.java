/**
 * Cameras' recordings and thumbnails as the rest of alarmhub sees them:
 * {@link io.alarmhub.gateway.device.hemu.recordings.RecordingIndex} keeps the store's index of the files the video
 * recorder writes, and tells an alarm's owners, as a {@code media} event with a signed URL, that its clip is ready;
 * {@link io.alarmhub.gateway.device.hemu.recordings.RecordingRetention} deletes them by plan, by disk and when their
 * camera is unbound, and finishes at start what a crash left incomplete; owners list them by
 * {@link io.alarmhub.gateway.device.hemu.recordings.RecordingRoutes}.
 * {@link io.alarmhub.gateway.device.hemu.recordings.CameraThumbnails} keeps the thumbnails cameras upload, and
 * {@link io.alarmhub.gateway.device.hemu.recordings.ThumbnailRoute} serves each camera's latest to its owner.
 */
package io.alarmhub.gateway.device.hemu.recordings;
