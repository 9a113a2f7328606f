package io.alarmhub.gateway.device.jovision;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.device.DeviceRefusedException;
import io.alarmhub.core.event.DeviceChange;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.store.StoreException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link DeviceEvents} for adapter tests: records what it is given and answers as told, at once or when
 * the test completes the held futures. Online state follows the events taken.
 */
final class RecordingDeviceEvents implements DeviceEvents {

    enum Answer {
        /** Complete at once. */
        TAKE,
        /** Hold the future until the test completes it. */
        HOLD,
        /** Fail with a StoreException. */
        FAIL,
        /** Fail with a DeviceRefusedException. */
        REFUSE
    }

    private final AtomicLong ids = new AtomicLong();
    private final List<DeviceEvent> accepted = new ArrayList<>();
    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private final Set<DeviceId> online = new HashSet<>();
    private final List<DeviceId> seen = new ArrayList<>();
    private volatile Answer answer = Answer.TAKE;

    void answer(Answer answer) {
        this.answer = answer;
    }

    /** Jovision never change owners or keep records of their own: a call here is a bug. */
    @Override
    public CompletableFuture<Void> accept(DeviceEvent event, DeviceChange change) {
        throw new AssertionError("Jovision handed an event with a change: " + event);
    }

    @Override
    public synchronized CompletableFuture<Void> accept(DeviceEvent event) {
        accepted.add(event);
        notifyAll();
        switch (answer) {
            case FAIL:
                return CompletableFuture.failedFuture(new StoreException("disk full (test)"));
            case REFUSE:
                return CompletableFuture.failedFuture(new DeviceRefusedException(event.device()));
            case HOLD:
                CompletableFuture<Void> future = new CompletableFuture<>();
                held.add(future);
                return future;
            default:
                track(event);
                return CompletableFuture.completedFuture(null);
        }
    }

    private void track(DeviceEvent event) {
        if (event instanceof DeviceEvent.Online) {
            online.add(event.device());
        } else if (event instanceof DeviceEvent.Offline) {
            online.remove(event.device());
        }
    }

    /** Completes the i-th held future (in the order they were handed out). */
    void complete(int i) {
        CompletableFuture<Void> future;
        synchronized (this) {
            future = held.get(i);
        }
        future.complete(null);
    }

    synchronized int heldCount() {
        return held.size();
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
    public synchronized void seen(DeviceId device, Instant at) {
        seen.add(device);
    }

    synchronized List<DeviceEvent> events() {
        return List.copyOf(accepted);
    }

    synchronized List<DeviceId> seen() {
        return List.copyOf(seen);
    }

    /** Waits up to 10 s until at least {@code count} events were accepted; returns them. */
    synchronized List<DeviceEvent> await(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (accepted.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " events, got " + accepted);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return List.copyOf(accepted);
    }
}
