package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.video.live.LiveFeed;

import java.util.Optional;

/**
 * The cameras that can be watched: a camera's feed exists from its HEDGW login to the end of that connection,
 * whether or not it is uploading video yet (a camera on an on-demand plan starts when its first viewer joins).
 * Called on an event loop, so it must answer from memory.
 */
@FunctionalInterface
public interface LiveCameras {

    /** The feed of {@code deviceId}, empty when the camera is not connected to this node. */
    Optional<LiveFeed> feed(String deviceId);
}
