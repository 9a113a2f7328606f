/**
 * Cameras' recordings as the rest of alarmhub sees them: {@link io.alarmhub.gateway.device.hemu.recordings.RecordingIndex}
 * keeps the store's index of the files the video recorder writes, and tells an alarm's owners, as a
 * {@code media} event with a signed URL, that its clip is ready.
 */
package io.alarmhub.gateway.device.hemu.recordings;
