/**
 * The video scenario's parts: Hemu cameras simulated over their own HEDGW connections ({@link
 * io.alarmhub.bench.video.CameraFleet}), HTTP-FLV viewers that read and discard ({@link
 * io.alarmhub.bench.video.ViewerCrowd}), FFmpeg recording the same inputs as the peer ({@link
 * io.alarmhub.bench.video.FfmpegPeer}), what the server did over a step ({@link io.alarmhub.bench.video.ServerProbe}),
 * a JFR profile of its largest step ({@link io.alarmhub.bench.video.JfrProfile}) and the report's section.
 */
package io.alarmhub.bench.video;
