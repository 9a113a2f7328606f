package io.alarmhub.core.stream;

import io.alarmhub.core.device.DeviceId;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * An enterprise back end that receives the events of its devices over the stream.
 *
 * @param devices   devices that belong to it
 * @param vendors   vendors all of whose devices belong to it
 * @param retention how long an event waits for the enterprise to acknowledge it before it is dropped
 */
public record Enterprise(String id, SecretHash secret, Set<DeviceId> devices, Set<String> vendors,
                         Duration retention) {

    public Enterprise {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        devices = Set.copyOf(devices);
        vendors = Set.copyOf(vendors);
        Objects.requireNonNull(retention, "retention");
    }

    public boolean owns(DeviceId device) {
        return devices.contains(device) || vendors.contains(device.vendor());
    }
}
