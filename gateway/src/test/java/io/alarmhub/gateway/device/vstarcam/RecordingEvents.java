package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.admission.Overload;
import io.alarmhub.core.admission.ServerBusyException;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.device.DeviceRefusedException;
import io.alarmhub.core.event.DeviceChange;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.store.StoreException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A stand-in for the intake: records what it is handed, and completes, fails or holds as told. */
final class RecordingEvents implements DeviceEvents {

    enum Mode {
        /** Durable at once. */
        COMPLETE,
        /** The store fails. */
        STORE_FAILS,
        /** The node is past its capacity: the admission gate refuses. */
        BUSY,
        /** The device is not allowed. */
        REFUSE,
        /** Durable when the test completes {@link #held}. */
        HOLD
    }

    volatile Mode mode = Mode.COMPLETE;
    /** Events accepted (durable, or held). */
    final List<DeviceEvent> accepted = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
    final Set<DeviceId> online = ConcurrentHashMap.newKeySet();
    final Map<DeviceId, Instant> seen = new ConcurrentHashMap<>();
    final List<String> acceptThreads = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    /** VStarcam never change owners or keep records of their own: a call here is a bug. */
    @Override
    public CompletableFuture<Void> accept(DeviceEvent event, DeviceChange change) {
        throw new AssertionError("VStarcam handed an event with a change: " + event);
    }

    @Override
    public CompletableFuture<Void> accept(DeviceEvent event) {
        acceptThreads.add(Thread.currentThread().getName());
        switch (mode) {
            case STORE_FAILS:
                return CompletableFuture.failedFuture(new StoreException("the test store is down"));
            case BUSY:
                return CompletableFuture.failedFuture(new ServerBusyException(Overload.IN_FLIGHT,
                        "server busy: the test's gate is full"));
            case REFUSE:
                return CompletableFuture.failedFuture(new DeviceRefusedException(event.device()));
            case HOLD: {
                accepted.add(event);
                CompletableFuture<Void> future = new CompletableFuture<>();
                held.add(future);
                return future.thenRun(() -> markOnline(event));
            }
            default:
                accepted.add(event);
                markOnline(event);
                return CompletableFuture.completedFuture(null);
        }
    }

    private void markOnline(DeviceEvent event) {
        if (event instanceof DeviceEvent.Online) {
            online.add(event.device());
        }
    }

    @Override
    public String nextId() {
        return "e" + ids.incrementAndGet();
    }

    @Override
    public boolean online(DeviceId device) {
        return online.contains(device);
    }

    @Override
    public void seen(DeviceId device, Instant at) {
        seen.put(device, at);
    }

    <T extends DeviceEvent> List<T> of(Class<T> kind) {
        return accepted.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
