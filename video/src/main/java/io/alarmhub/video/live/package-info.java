/**
 * Live view without Netty: {@link io.alarmhub.video.live.LiveFeed} hands each camera's frames to the
 * {@link io.alarmhub.video.live.Viewer}s watching it, starting each one on a keyframe with its parameter sets.
 *
 * <p>A viewer that cannot take a frame when it comes (its connection is not writable) loses that frame and the rest
 * of its GOP, and picks up again at the next keyframe it can take. The feed keeps no queue per viewer: a viewer
 * that never reads costs a few fields, not memory that grows, and it never holds back the camera or the other
 * viewers. Whole GOPs are lost rather than single frames because a decoder shows garbage after a gap until the
 * next keyframe anyway.
 *
 * <p>The first viewer to join and the last to leave are told to an {@link io.alarmhub.video.live.Audience}: the
 * gateway asks the camera to start and stop uploading on those edges.
 */
package io.alarmhub.video.live;
