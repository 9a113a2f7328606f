/**
 * Where a camera's packages enter: {@link io.alarmhub.video.ingest.CameraIngest}, one per camera connection, reads
 * each {@link io.alarmhub.video.ingest.CameraPackage} (video, parameter sets, audio), puts it on the connection's
 * timeline, and hands the frame to the camera's live feed (which keeps the ring) and to its recorder.
 *
 * <pre>
 * HEDGW handler ─► CameraIngest.accept(package)
 *                    ├─ codec.AccessUnits / audio.CameraAudio   (one frame)
 *                    ├─ timeline.Timeline, timeline.SequenceGaps (its time, lost packets)
 *                    ├─ live.LiveFeed.publish                   (ring + viewers)
 *                    └─ FrameListener                           (the recorder)
 * </pre>
 * Everything runs on the connection's thread; nothing here blocks.
 */
package io.alarmhub.video.ingest;
