package io.alarmhub.video.live;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.codec.ParameterSets;

/**
 * One live viewer of a camera, as a {@link LiveFeed} sees it: typically a connection's writer (FLV over HTTP or
 * WebSocket). The feed calls it on the camera's thread with its lock held, so none of its methods may block, nor
 * call back into the feed except to {@link LiveFeed#leave leave} it; one that throws is made to leave.
 */
public interface Viewer {

    /** Whether it can take a frame now without queueing much (for a channel: whether it is writable). */
    boolean ready();

    /** The sets the following keyframe needs: before the first frame it is sent, and again when they change. */
    void parameterSets(ParameterSets sets);

    /** The next frame: a keyframe first, then in the camera's order, GOPs whole as far as they are sent. */
    void send(MediaFrame frame);
}
