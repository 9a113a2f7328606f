package io.alarmhub.gateway.device.hemu.platform;

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
}
