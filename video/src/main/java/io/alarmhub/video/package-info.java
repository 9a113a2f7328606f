/**
 * Camera video, with no Netty and no JDBC in it: what a camera uploads becomes {@link io.alarmhub.video.MediaFrame}s
 * on one timeline, kept in a keyframe-aligned ring, written as FLV for live viewers and as fragmented MP4 for
 * recordings and event clips.
 *
 * <p>The path, one package per step:
 * <pre>
 * camera package ─► codec (parameter sets, access units)  ─┐
 *                ─► audio (G.711 / G.726 → PCM → FLAC)     ─┼─► timeline ─► ring ─┬─► flv  (live viewers)
 *                                                          │                     └─► mp4  (recorder: segments, clips)
 * </pre>
 * The gateway feeds packages in and drains the writers' bytes out; nothing here opens a socket.
 */
package io.alarmhub.video;
