package io.alarmhub.core.device;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the registry knows of one device.
 *
 * @param owners     aliases that receive the device's events
 * @param lastSeen   the last time the device said anything
 * @param firstAlarm the time of its first alarm
 * @param lastAlarm  the time of its latest alarm
 * @param mac        its MAC address, when its vendor's protocol registers one (a Hemu camera's
 *                   {@code deviceMacAddress}); the enterprise stream's {@code mac}
 */
public record Device(DeviceId id, String name, List<String> owners, boolean online, Optional<Instant> lastSeen,
                     Optional<Instant> firstAlarm, Optional<Instant> lastAlarm, Optional<String> mac) {

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        owners = List.copyOf(owners);
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(firstAlarm, "firstAlarm");
        Objects.requireNonNull(lastAlarm, "lastAlarm");
        Objects.requireNonNull(mac, "mac");
    }

    /** A device met for the first time. */
    public static Device unknown(DeviceId id, List<String> owners) {
        return new Device(id, "", owners, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The same device, with the MAC its vendor registered. */
    public Device withMac(String newMac) {
        return new Device(id, name, owners, online, lastSeen, firstAlarm, lastAlarm, Optional.of(newMac));
    }
}
