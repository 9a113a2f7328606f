package io.alarmhub.core.device;

/** A device that is neither registered nor allowed to register itself (the allowlist is on). */
public class DeviceRefusedException extends RuntimeException {

    public DeviceRefusedException(DeviceId id) {
        super("device " + id + " is not registered and unknown devices are refused");
    }
}
