package io.alarmhub.gateway.fuzz;

import io.alarmhub.core.event.DeviceChange;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.device.DeviceId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The device intake of the adapter fuzz tests: takes every event at once, checks what every event must
 * carry, and keeps online state as the real intake does. Shared by the connections of one input, so that
 * a connection's input reaches its neighbours only through here, as in the server.
 */
final class TakingDeviceEvents implements DeviceEvents {

    private final AtomicLong ids = new AtomicLong();
    private final Set<DeviceId> online = new HashSet<>();
    private final List<DeviceEvent> taken = new ArrayList<>();

    /** the fuzzed vendors never change owners or keep records of their own: a call here is a bug. */
    @Override
    public CompletableFuture<Void> accept(DeviceEvent event, DeviceChange change) {
        throw new AssertionError("the fuzzed vendors handed an event with a change: " + event);
    }

    @Override
    public synchronized CompletableFuture<Void> accept(DeviceEvent event) {
        if (event == null || event.device() == null || event.device().vendor().isEmpty()
                || event.device().id() == null || event.id() == null) {
            throw new AssertionError("an adapter handed on an incomplete event: " + event);
        }
        taken.add(event);
        if (event instanceof DeviceEvent.Online) {
            online.add(event.device());
        } else if (event instanceof DeviceEvent.Offline) {
            online.remove(event.device());
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String nextId() {
        return "e" + ids.incrementAndGet();
    }

    @Override
    public synchronized boolean online(DeviceId device) {
        return online.contains(device);
    }

    @Override
    public void seen(DeviceId device, Instant at) {
    }

    synchronized List<DeviceEvent> taken() {
        return List.copyOf(taken);
    }
}
