package io.alarmhub.core.admission;

import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * What {@link HeapGuard} knows of the heap: the JVM's ({@link JvmHeap}), or a test's, which collects when the test
 * says so.
 */
public interface HeapSource {

    /** The most bytes the heap may grow to. */
    long max();

    /**
     * Bytes in use now, garbage included: never less than what the next collection will leave. Read at most once
     * a second, and only while the guard refuses.
     */
    long usedNow();

    /** Bytes in use after the last collection before now, if one has been seen. */
    OptionalLong lastCollection();

    /**
     * Calls {@code listener}, on a thread of the source's, with the bytes in use after each collection from now
     * on, until the returned subscription is closed.
     */
    Subscription afterCollections(LongConsumer listener);

    /** Ends what {@link #afterCollections} started. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
