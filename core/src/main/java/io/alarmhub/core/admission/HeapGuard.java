package io.alarmhub.core.admission;

import io.alarmhub.core.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Whether the heap left after the last garbage collection is above a fraction of the most it may grow to. What
 * a collection leaves is what the server holds on to; past the bound, new work is refused until a collection
 * leaves less, so that the heap stays bounded whatever piles up elsewhere (connections' buffers, replays).
 *
 * <p>The guard learns the heap's state from the collections themselves ({@link HeapSource#afterCollections}),
 * not by reading it for each request. While it refuses, it also reads the heap in use now, at most once a
 * second: when even that, garbage included, is under the bound, it opens again without waiting for a collection
 * (the collector may already have freed whole regions without a collection it reports).
 */
public final class HeapGuard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeapGuard.class);
    private static final long RECHECK_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long MB = 1024 * 1024;

    private final double fraction;
    private final long max;
    private final long bound;
    private final HeapSource source;
    private final LongSupplier nanoTime;
    private final RateLimitedLog overLog = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);
    private final AtomicLong checkedAt;
    private volatile HeapSource.Subscription subscription = () -> { };
    private volatile boolean over;
    private volatile long usedAfterCollection;

    private HeapGuard(double fraction, HeapSource source, LongSupplier nanoTime) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be within (0, 1], was " + fraction);
        }
        this.fraction = fraction;
        this.source = source;
        this.nanoTime = nanoTime;
        this.max = source.max();
        this.bound = (long) (fraction * max);
        this.checkedAt = new AtomicLong(nanoTime.getAsLong() - RECHECK_NANOS);
    }

    /**
     * A guard of {@code source}'s heap, which refuses while more than {@code fraction} of its maximum is left after
     * a collection; {@link #close} stops it listening.
     *
     * @param fraction within (0, 1]; 1 never refuses, since no collection leaves more than the maximum
     * @param nanoTime the clock of the once-a-second reading while refusing
     */
    public static HeapGuard watch(double fraction, HeapSource source, LongSupplier nanoTime) {
        HeapGuard guard = new HeapGuard(fraction, source, nanoTime);
        source.lastCollection().ifPresent(guard::collected);
        guard.subscription = source.afterCollections(guard::collected);
        return guard;
    }

    /** A guard that never refuses and watches nothing. */
    public static HeapGuard never() {
        return watch(1, NO_HEAP, System::nanoTime);
    }

    /** Whether new work is to be refused now. */
    public boolean over() {
        if (!over) {
            return false;
        }
        long now = nanoTime.getAsLong();
        long last = checkedAt.get();
        if (now - last >= RECHECK_NANOS && checkedAt.compareAndSet(last, now)) {
            long used = source.usedNow();
            if (used <= bound) {
                over = false;
                log.debug("heap: {} MB in use now, under the bound of {} MB: new work is admitted again",
                        used / MB, bound / MB);
            }
        }
        return over;
    }

    /** The bytes a collection may leave before new work is refused. */
    public long bound() {
        return bound;
    }

    /** Bytes in use after the last collection seen; 0 before the first. */
    public long usedAfterCollection() {
        return usedAfterCollection;
    }

    /** Why work is refused, for the refusal's message. */
    String describe() {
        return "the heap left after the last garbage collection (" + usedAfterCollection / MB
                + " MB) is above " + Math.round(fraction * 100) + " % of its maximum (" + max / MB + " MB)";
    }

    /** A collection left {@code used} bytes of heap. */
    void collected(long used) {
        usedAfterCollection = used;
        boolean wasOver = over;
        over = used > bound;
        if (over && !wasOver) {
            overLog.warn("heap: " + describe() + "; new alarms and publishes are refused until a collection "
                    + "leaves less");
        } else if (wasOver && !over) {
            log.debug("heap: a collection left {} MB, under the bound of {} MB: new work is admitted again",
                    used / MB, bound / MB);
        }
    }

    @Override
    public void close() {
        subscription.close();
    }

    private static final HeapSource NO_HEAP = new HeapSource() {
        @Override
        public long max() {
            return Long.MAX_VALUE;
        }

        @Override
        public long usedNow() {
            return 0;
        }

        @Override
        public OptionalLong lastCollection() {
            return OptionalLong.empty();
        }

        @Override
        public Subscription afterCollections(LongConsumer listener) {
            return () -> { };
        }
    };
}
