package io.alarmhub.core.admission;

import java.util.OptionalLong;
import java.util.function.LongConsumer;

/** A heap whose collections happen when the test says, and leave what the test says (shared as core's test jar). */
public final class FakeHeap implements HeapSource {

    private final long max;
    private volatile long usedNow;
    private volatile LongConsumer listener = used -> { };
    private volatile boolean closed;

    public FakeHeap(long max) {
        this.max = max;
    }

    /** A collection that leaves {@code used} bytes. */
    public void collect(long used) {
        usedNow = used;
        listener.accept(used);
    }

    /** The heap grows (or the collector frees regions) without a collection reported. */
    public void useNow(long used) {
        usedNow = used;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public long max() {
        return max;
    }

    @Override
    public long usedNow() {
        return usedNow;
    }

    @Override
    public OptionalLong lastCollection() {
        return OptionalLong.empty();
    }

    @Override
    public Subscription afterCollections(LongConsumer listener) {
        this.listener = listener;
        return () -> closed = true;
    }
}
