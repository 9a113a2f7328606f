package io.alarmhub.core.log;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A warning written at most once per interval, however often it happens: a full disk fails every request
 * until space is freed, and a line per request would flood the log (and fill the disk it is on). The
 * line written says how many were left out since the last one. Safe to call from any thread.
 */
public final class RateLimitedLog {

    /** The interval of every rate-limited warning of the server. */
    public static final Duration ONCE_A_MINUTE = Duration.ofMinutes(1);

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    /** When the last line was written; {@link Long#MIN_VALUE} until then. */
    private final AtomicLong lastWritten = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(Logger log, Duration interval) {
        this(log, interval, System::nanoTime);
    }

    /** As {@link #RateLimitedLog(Logger, Duration)}, with the clock it measures the interval with. */
    public RateLimitedLog(Logger log, Duration interval, LongSupplier nanoTime) {
        this.log = Objects.requireNonNull(log, "log");
        this.intervalNanos = interval.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
    }

    /**
     * Writes {@code message} as a warning if the interval has passed since the last one written, else
     * only counts it.
     *
     * @return whether it was written
     */
    public boolean warn(String message, Throwable cause) {
        long now = nanoTime.getAsLong();
        long last = lastWritten.get();
        boolean due = last == Long.MIN_VALUE || now - last >= intervalNanos;
        if (!due || !lastWritten.compareAndSet(last, now)) {
            suppressed.incrementAndGet();
            return false;
        }
        long left = suppressed.getAndSet(0);
        String line = left == 0 ? message
                : message + " (" + left + " more like it since the last of these lines)";
        if (cause == null) {
            log.warn(line);
        } else {
            log.warn(line, cause);
        }
        return true;
    }

    /** {@link #warn(String, Throwable)} without a cause. */
    public boolean warn(String message) {
        return warn(message, null);
    }
}
