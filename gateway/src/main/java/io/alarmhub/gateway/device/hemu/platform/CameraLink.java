package io.alarmhub.gateway.device.hemu.platform;

import java.util.concurrent.CompletableFuture;

/**
 * How the platform reaches a camera logged in to this node's HEDGW: the gateway implements it, so that the
 * platform's classes send commands without knowing protobuf or Netty.
 */
public interface CameraLink {

    /** Whether the camera has a live connection (channel 0) here. */
    boolean connected(String deviceId);

    /**
     * Sends a {@code DevAppCmd} of type 33 to the camera's live connection. False when it has none here:
     * nothing was sent.
     */
    boolean send(String deviceId, AppCommand command);

    /** Sends a {@code DevServerCmd} to the camera's live connection; false when it has none here. */
    boolean send(String deviceId, ServerCommand command);

    /**
     * Runs {@code work} on the camera's live connection here, in turn with what the connection itself does: its
     * login answer, and its end with the camera's {@code offline} event, come wholly before or after it. So work
     * that tells the camera something and emits an event of it may take the camera to be online. Completes with
     * whether it ran: false, without running it, when the camera has no live connection here by then.
     */
    CompletableFuture<Boolean> onLiveConnection(String deviceId, Runnable work);
}
