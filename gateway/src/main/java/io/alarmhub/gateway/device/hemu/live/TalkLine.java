package io.alarmhub.gateway.device.hemu.live;

/**
 * The way to the speakers of the cameras connected to this node: their HEDGW live connections. Called on the
 * talker's event loop, so it must answer from memory and never block.
 */
public interface TalkLine {

    /** Whether {@code deviceId} has a live connection here now. */
    boolean connected(String deviceId);

    /**
     * Sends one package to the camera; false when it was dropped instead (the camera is not connected, or its
     * connection is not writable).
     */
    boolean send(String deviceId, TalkPacket packet);
}
