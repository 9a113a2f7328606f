package io.alarmhub.gateway.device.hemu.openapi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The replay guard of the WSSE headers: a request is accepted once per username and nonce, and only while
 * its {@code Created} time is within {@code window} of this server's clock. A nonce is remembered until its
 * request would be stale anyway ({@code created + window}), and forgotten then, so that memory stays bounded
 * by the request rate; beyond {@code capacity} remembered nonces the cache refuses new ones ({@link Verdict#FULL})
 * rather than forget one early, which would let its replay through.
 *
 * <p>Expired entries are purged on each check, oldest expiry first, each at O(log n) once: cheap amortised.
 * Thread-safe.
 */
public final class NonceCache {

    /** What {@link #check} says of a request. */
    public enum Verdict {
        /** Not seen before, and now remembered: go on. */
        FRESH,
        /** Its time is more than the window away from this server's clock, either side: refuse it. */
        STALE,
        /** Seen before, within its window: refuse it. */
        REPLAYED,
        /** The cache is full of nonces still within their window: refuse it as unavailable (503). */
        FULL
    }

    private static final Duration MAX_WINDOW = Duration.ofDays(1);

    private record Key(String username, String nonce) {
    }

    private record Entry(Instant expiry, Key key) {
    }

    private final int capacity;
    private final Duration window;
    private final Clock clock;
    private final Set<Key> remembered = new HashSet<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(Comparator.comparing(Entry::expiry));

    /**
     * @param capacity how many nonces at most are remembered at once
     * @param window   how far a request's time may be from the clock, either side; positive, at most a day
     *                 (a nonce is remembered for up to two windows: a longer one is a configuration mistake)
     */
    public NonceCache(int capacity, Duration window, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " is not positive");
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window " + window + " is not within (0, " + MAX_WINDOW + "]");
        }
        this.capacity = capacity;
        this.window = window;
        this.clock = clock;
    }

    /** Checks a request's nonce and time, and remembers the nonce when it is {@link Verdict#FRESH}. */
    public synchronized Verdict check(String username, String nonce, OffsetDateTime created) {
        Instant now = clock.instant();
        Instant at = created.toInstant();
        if (Duration.between(now, at).abs().compareTo(window) > 0) {
            return Verdict.STALE;
        }
        forgetExpired(now);
        Key key = new Key(username, nonce);
        if (remembered.contains(key)) {
            return Verdict.REPLAYED;
        }
        if (remembered.size() >= capacity) {
            return Verdict.FULL;
        }
        remembered.add(key);
        byExpiry.add(new Entry(at.plus(window), key));
        return Verdict.FRESH;
    }

    /** How many nonces are remembered now, expired ones included until the next check purges them. */
    public synchronized int size() {
        return remembered.size();
    }

    private void forgetExpired(Instant now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiry().isBefore(now)) {
            remembered.remove(byExpiry.poll().key());
        }
    }
}
