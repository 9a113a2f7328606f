package io.alarmhub.video.live;

/**
 * Told when a camera gains its first viewer and loses its last one: the edges on which the gateway asks the camera
 * to upload live video and to stop (HEDGW DevAppCmd 8 and 9). Called in order, with the feed's lock held, so it
 * must not block.
 */
public interface Audience {

    /** Tells nobody. */
    Audience NONE = new Audience() {
    };

    /** The camera had no viewer and now has one. */
    default void onFirstViewer() {
    }

    /** The camera's last viewer left. */
    default void onLastViewerLeft() {
    }
}
