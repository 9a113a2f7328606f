package io.alarmhub.core.event;

import io.alarmhub.core.device.DeviceId;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Where device adapters hand their events. {@link #accept} completes once the event, the device's new
 * state and the pushes to its watchers are durable: only then may the adapter answer the device "ok".
 * It fails with {@link io.alarmhub.core.device.DeviceRefusedException} for a device that may not
 * register, and with {@link io.alarmhub.core.store.StoreException} when the store cannot take it (answer
 * the protocol's failure code), among them {@link io.alarmhub.core.admission.ServerBusyException} when the node
 * is past its capacity (answer "busy, try again").
 */
public interface DeviceEvents {

    CompletableFuture<Void> accept(DeviceEvent event);

    /**
     * As {@link #accept(DeviceEvent)}, for an event that changes more than the device's state: its owners,
     * the vendor's own records. All of it is durable when the future completes, or none of it is.
     */
    CompletableFuture<Void> accept(DeviceEvent event, DeviceChange change);

    /** A new event id; ids increase with time. */
    String nextId();

    /** Whether a device is known as online (to avoid repeating online events on every heartbeat). */
    boolean online(DeviceId device);

    /** Notes that a device said something without it being an event worth storing (a heartbeat). */
    void seen(DeviceId device, Instant at);
}
