package io.alarmhub.video.ring;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all cameras' rings may hold together (a few hundred MiB): with many cameras the per-camera bound alone
 * would let the sum outgrow the heap. Thread-safe; shared by every {@link CameraRing} of a server.
 */
public final class RingBudget {

    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();

    /** @param maxBytes what all rings may hold together, more than 0 */
    public RingBudget(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("a ring budget of " + maxBytes + " bytes");
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** What the rings hold now. */
    public long used() {
        return used.get();
    }

    /** Takes {@code bytes} from the budget, or nothing and {@code false} when they would not fit. */
    boolean reserve(long bytes) {
        long now;
        do {
            now = used.get();
            if (now + bytes > maxBytes) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    /** Gives back what a ring no longer holds. */
    void release(long bytes) {
        used.addAndGet(-bytes);
    }
}
