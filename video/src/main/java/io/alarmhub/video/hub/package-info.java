/**
 * The video of all cameras on this node: {@link io.alarmhub.video.hub.VideoHub} opens a
 * {@link io.alarmhub.video.hub.CameraSession} per camera connection (its ingest, ring, live feed and recorder, all
 * bounded by {@link io.alarmhub.video.hub.VideoSettings}) and finds a connected camera's live feed for viewers. A
 * camera's SD-card upload has a session of its own beside the live one, recorded but never watched.
 * The gateway's camera handler feeds a session; its live listeners read feeds.
 */
package io.alarmhub.video.hub;
