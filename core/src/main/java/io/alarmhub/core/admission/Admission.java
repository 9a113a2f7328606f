package io.alarmhub.core.admission;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The node's gate for new work. Past its capacity the node refuses new alarms and publishes at once, with a
 * {@link ServerBusyException}, rather than queueing them: a queue that grows without bound makes every answer
 * late (seconds, at twice the capacity) and the heap grow, while a refusal is answered within the time it takes
 * to read the request, and the device or client tries again.
 *
 * <p>Two rules, checked in this order when work is {@link #admit admitted}:
 * <ol>
 *   <li>{@link Overload#HEAP}: the heap left after the last garbage collection is above its bound
 *   ({@link HeapGuard});</li>
 *   <li>{@link Overload#IN_FLIGHT}: {@code maxInFlight} pieces of work are in flight: handed over and not yet
 *   completed (for a device event or a publish: committed by the store and dispatched).</li>
 * </ol>
 * The time admitted work waits is then bounded by the in-flight bound divided by the store's throughput (Little's
 * law), whatever the offered load. Work that must not be refused (an offline event, an alarm's end) is
 * {@link #carry carried}: counted in flight, never refused. Thread-safe; nothing blocks.
 */
public final class Admission {

    private final int maxInFlight;
    private final HeapGuard heap;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Refusals per source, each an array indexed by {@link Overload#ordinal()}. */
    private final Map<String, LongAdder[]> refused = new ConcurrentHashMap<>();

    /**
     * @param maxInFlight the most pieces of new work in flight at once; at least 1
     * @param heap        refuses while the heap is above its bound
     */
    public Admission(int maxInFlight, HeapGuard heap) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.heap = heap;
    }

    /** A gate that admits everything (still counting what is in flight): for tests and tools. */
    public static Admission unbounded() {
        return new Admission(Integer.MAX_VALUE, HeapGuard.never());
    }

    /**
     * Runs new work unless the node is past its capacity. The work is counted in flight from now until the future
     * it returns completes, normally or not.
     *
     * @param source who asked, for the refusal counts: the vendor of a device event, the face of a publish
     * @return the work's future; or, refused, a future failed with {@link ServerBusyException}, the work not run
     */
    public <T> CompletableFuture<T> admit(String source, Supplier<CompletableFuture<T>> work) {
        if (heap.over()) {
            return refuse(source, Overload.HEAP, "server busy: " + heap.describe());
        }
        int before = inFlight.getAndUpdate(n -> n < maxInFlight ? n + 1 : n);
        if (before >= maxInFlight) {
            return refuse(source, Overload.IN_FLIGHT, "server busy: " + maxInFlight + " alarms and publishes are "
                    + "already waiting for the store, the most admitted at once");
        }
        return run(work);
    }

    /**
     * Runs work that is never refused (it reduces work, or must not be lost), counting it in flight like admitted
     * work: new work waits for the store behind it all the same.
     */
    public <T> CompletableFuture<T> carry(Supplier<CompletableFuture<T>> work) {
        inFlight.incrementAndGet();
        return run(work);
    }

    /** Work in flight now, carried work included. */
    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    /** Whether the heap guard refuses new work now. */
    public boolean heapOver() {
        return heap.over();
    }

    /** Refusals of {@code source}'s work for {@code reason} since start. */
    public long refused(Overload reason, String source) {
        LongAdder[] counts = refused.get(source);
        return counts == null ? 0 : counts[reason.ordinal()].sum();
    }

    private <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> started;
        try {
            started = work.get();
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            return CompletableFuture.failedFuture(e);
        }
        started.whenComplete((result, failure) -> inFlight.decrementAndGet());
        return started;
    }

    private <T> CompletableFuture<T> refuse(String source, Overload reason, String message) {
        refused.computeIfAbsent(source, s -> newCounts())[reason.ordinal()].increment();
        return CompletableFuture.failedFuture(new ServerBusyException(reason, message));
    }

    private static LongAdder[] newCounts() {
        LongAdder[] counts = new LongAdder[Overload.values().length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
        return counts;
    }
}
