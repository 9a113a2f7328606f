package io.alarmhub.gateway.device.hemu.live;

/**
 * Whether an alias may watch a camera: the node answers from the accounts the camera is bound to. Called on an
 * event loop, so it must answer from memory.
 */
@FunctionalInterface
public interface LiveAccess {

    /** True when {@code alias} owns the camera {@code deviceId} (or shares it, as the platform allows). */
    boolean owns(String alias, String deviceId);
}
