package io.alarmhub.core.message;

import java.time.Clock;

/**
 * Makes message ids that are unique across the nodes of a cluster and increase with time on one node:
 * 41 bits of milliseconds since 2024-01-01, 10 bits of node number, 12 bits of sequence. When a
 * millisecond's 4,096 ids are used up, the generator borrows from the next millisecond rather than
 * waiting, so ids never repeat even under a burst or a clock that steps back.
 */
public final class MessageIds {

    private static final long EPOCH_MILLIS = 1_704_067_200_000L;
    private static final int NODE_BITS = 10;
    private static final int SEQUENCE_BITS = 12;
    public static final int MAX_NODE = (1 << NODE_BITS) - 1;

    private final Clock clock;
    private final long node;
    private long last;

    public MessageIds(Clock clock, int node) {
        if (node < 0 || node > MAX_NODE) {
            throw new IllegalArgumentException("node must be within 0.." + MAX_NODE + ", was " + node);
        }
        this.clock = clock;
        this.node = node;
    }

    public synchronized String next() {
        long candidate = ((clock.millis() - EPOCH_MILLIS) << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS);
        long next = Math.max(candidate, nextAfter(last));
        last = next;
        return Long.toString(next);
    }

    private long nextAfter(long id) {
        long sequence = (id & ((1L << SEQUENCE_BITS) - 1)) + 1;
        if (sequence < (1L << SEQUENCE_BITS)) {
            return id + 1;
        }
        long millis = (id >>> (NODE_BITS + SEQUENCE_BITS)) + 1;
        return (millis << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS);
    }
}
