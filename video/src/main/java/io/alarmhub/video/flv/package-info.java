/**
 * FLV for live view: each viewer of a camera gets its own FLV byte stream ({@link io.alarmhub.video.flv.FlvMuxer}),
 * sent over chunked HTTP or WebSocket and played by mpegts.js in browsers or by ffplay and native apps.
 *
 * <p>H.264 and G.711 A-law use classic FLV tags; H.265 and FLAC the enhanced ones of Enhanced RTMP (FourCC
 * {@code hvc1}, {@code fLaC}), since classic FLV has neither. Nothing here touches a socket: the gateway sends
 * the bytes.
 */
package io.alarmhub.video.flv;
