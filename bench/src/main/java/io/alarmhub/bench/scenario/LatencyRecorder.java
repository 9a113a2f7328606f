package io.alarmhub.bench.scenario;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/**
 * What the receivers of one run read: the latency of every delivery (HdrHistogram, nanoseconds),
 * deliveries in each tenth of a second since the start, and when every expected delivery has arrived. Receivers of
 * every system call {@link #received} from their own threads.
 */
public final class LatencyRecorder {

    /** Longer than any sane delivery; slower ones are recorded as this, and the report shows it. */
    private static final long MAX_TRACKED_NANOS = TimeUnit.MINUTES.toNanos(5);
    /** Throughput over time is counted per tick: fine enough to show a run of a few seconds. */
    public static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Scenario scenario;
    private final Histogram histogram = new ConcurrentHistogram(MAX_TRACKED_NANOS, 3);
    private final AtomicIntegerArray perPublish;
    private final ConcurrentHashMap<Integer, LongAdder> perTick = new ConcurrentHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicInteger publishesDone = new AtomicInteger();
    private final AtomicLong lastNanos = new AtomicLong();
    private final CountDownLatch complete = new CountDownLatch(1);
    private final IntConsumer publishDelivered;
    private volatile long startNanos;

    /**
     * @param publishDelivered told the sequence number of each publish once all its receivers have
     *                         read it: the publisher's window for systems that do not acknowledge a publish
     */
    public LatencyRecorder(Scenario scenario, IntConsumer publishDelivered) {
        this.scenario = scenario;
        this.perPublish = new AtomicIntegerArray(scenario.publishes());
        this.publishDelivered = publishDelivered;
        this.startNanos = System.nanoTime();
    }

    /** The moment the first publish is about to be written: throughput counts from here. */
    public void start() {
        startNanos = System.nanoTime();
    }

    public long startNanos() {
        return startNanos;
    }

    /** A body a receiver has just read. */
    public void received(CharSequence body) {
        long now = System.nanoTime();
        OptionalLong sent = Payload.sentNanos(body);
        OptionalInt seq = Payload.seq(body);
        if (sent.isEmpty() || seq.isEmpty() || seq.getAsInt() < 0 || seq.getAsInt() >= scenario.publishes()) {
            unreadable.incrementAndGet();
            return;
        }
        int readers = perPublish.incrementAndGet(seq.getAsInt());
        if (readers > scenario.deliveriesPerPublish()) {
            // at-least-once systems may deliver twice; a repeat must not stand in for a missing delivery
            duplicates.incrementAndGet();
            return;
        }
        histogram.recordValue(Math.max(1, Math.min(MAX_TRACKED_NANOS, now - sent.getAsLong())));
        perTick.computeIfAbsent((int) ((now - startNanos) / TICK_NANOS), s -> new LongAdder()).increment();
        lastNanos.accumulateAndGet(now, Math::max);
        delivered.incrementAndGet();
        if (readers == scenario.deliveriesPerPublish()) {
            publishDelivered.accept(seq.getAsInt());
            if (publishesDone.incrementAndGet() == scenario.publishes()) {
                complete.countDown();
            }
        }
    }

    /** Waits until every expected delivery has been read; false if the time ran out first. */
    public boolean awaitAll(Duration timeout) throws InterruptedException {
        return complete.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long delivered() {
        return delivered.get();
    }

    /**
     * Reads of a publish beyond the receivers it has (a one-to-one message read twice, a fan-out
     * publish read more times than there are subscribers): not counted as delivered.
     */
    public long duplicates() {
        return duplicates.get();
    }

    /** Bodies read that did not carry a send time and sequence number of this run. */
    public long unreadable() {
        return unreadable.get();
    }

    /** From {@link #start()} to the last delivery read (or to now if none was). */
    public long elapsedNanos() {
        long last = lastNanos.get();
        return (last == 0 ? System.nanoTime() : last) - startNanos;
    }

    /** A copy of the latencies recorded so far, in nanoseconds. */
    public Histogram histogram() {
        return histogram.copy();
    }

    /** Deliveries read in each {@link #TICK_NANOS} since {@link #start()}. */
    public long[] perTick() {
        int ticks = perTick.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        long[] counts = new long[Math.max(0, ticks)];
        perTick.forEach((tick, count) -> {
            if (tick >= 0) {
                counts[tick] = count.sum();
            }
        });
        return counts;
    }
}
