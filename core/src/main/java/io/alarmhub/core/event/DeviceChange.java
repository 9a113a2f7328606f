package io.alarmhub.core.event;

import io.alarmhub.core.store.StoreOp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What else an event changes, stored in the same transaction as the event: for vendors whose devices are
 * bound to accounts through the vendor's own protocol (a Hemu camera registered by its owner's app), and
 * that keep records of their own beside the event.
 *
 * @param owners the device's owners from now on, when the event changes them; the event already reaches
 *               the new owners. A device that {@code devices.known} names keeps the owners named there.
 * @param ops    the vendor's own store operations (its records), committed with the event or not at all
 * @param mac    the device's MAC from now on, when the vendor's protocol registered one
 */
public record DeviceChange(Optional<List<String>> owners, List<StoreOp> ops, Optional<String> mac) {

    public DeviceChange {
        owners = Objects.requireNonNull(owners, "owners").map(List::copyOf);
        ops = List.copyOf(ops);
        Objects.requireNonNull(mac, "mac");
        if (ops.stream().anyMatch(op -> op instanceof StoreOp.Atomic)) {
            throw new IllegalArgumentException("atomic operations do not nest");
        }
    }

    /** The vendor's operations, owners unchanged. */
    public static DeviceChange ops(StoreOp... ops) {
        return new DeviceChange(Optional.empty(), List.of(ops), Optional.empty());
    }

    /** New owners, with the vendor's operations. */
    public static DeviceChange owners(List<String> owners, StoreOp... ops) {
        return new DeviceChange(Optional.of(owners), List.of(ops), Optional.empty());
    }

    /** Nothing but the device's MAC, from now on. */
    public static DeviceChange mac(String mac) {
        return new DeviceChange(Optional.empty(), List.of(), Optional.of(mac));
    }

    /** The same change, and the device's MAC from now on. */
    public DeviceChange withMac(String newMac) {
        return new DeviceChange(owners, ops, Optional.of(newMac));
    }
}
