package io.alarmhub.core.device;

import java.util.Objects;

/**
 * A device as its vendor names it.
 *
 * @param vendor the adapter's name in lower case: {@code jovision}, {@code vstarcam}
 * @param id     the vendor's device id: a CloudSEE number ({@code dguid}), a VStarcam {@code vuid}
 */
public record DeviceId(String vendor, String id) {

    public DeviceId {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(id, "id");
        if (vendor.isEmpty() || id.isEmpty()) {
            throw new IllegalArgumentException("a device id has a vendor and an id");
        }
    }

    @Override
    public String toString() {
        return vendor + "/" + id;
    }
}
