/**
 * Live view of Hemu cameras for apps and browsers: each viewer gets the camera's video (and audio, as FLAC,
 * G.711 A-law or none) as one FLV stream, over plain HTTP ({@code GET /live/{deviceId}.flv}, chunked, for
 * mpegts.js, ffplay and native players) or over a WebSocket at the same URL (each FLV piece one binary message).
 *
 * <p>A viewer shows either a signed, expiring URL that an app back end asked for
 * ({@link io.alarmhub.gateway.device.hemu.live.LiveRoute}, {@code POST /hemu/live/{deviceId}/{token}}), or an
 * alias with its alias token, the alias owning the camera ({@link io.alarmhub.gateway.device.hemu.live.LiveAccess}).
 * The URL is checked when the viewer connects only: one who keeps watching past its expiry is not cut off.
 *
 * <p>The camera's frames reach viewers through its {@link io.alarmhub.video.live.LiveFeed}, which the node hands
 * out while the camera is connected ({@link io.alarmhub.gateway.device.hemu.live.LiveCameras}). A viewer that
 * cannot keep up loses whole GOPs there; here, its connection holds at most the write buffer's high watermark
 * and one more frame ({@link io.alarmhub.gateway.device.hemu.live.ViewerChannel}).
 *
 * <p>The same listener carries two-way talk (5.2.5): the owner's voice, over a WebSocket at
 * {@code /talk/{deviceId}} with the same credentials, goes to the camera's speaker as 20 ms RTP packets of G.711
 * A-law in {@code TDMediaPackage}s ({@link io.alarmhub.gateway.device.hemu.live.TalkSession}), one talker a camera
 * at a time ({@link io.alarmhub.gateway.device.hemu.live.TalkLine} is the way to the camera).
 */
package io.alarmhub.gateway.device.hemu.live;
