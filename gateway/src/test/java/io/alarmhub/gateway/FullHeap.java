package io.alarmhub.gateway;

import io.alarmhub.core.admission.Admission;
import io.alarmhub.core.admission.HeapGuard;
import io.alarmhub.core.admission.HeapSource;

import java.util.OptionalLong;
import java.util.function.LongConsumer;

/** A heap the last garbage collection left full: a node behind it refuses every new alarm and publish. */
public final class FullHeap implements HeapSource {

    /** A gate in front of this heap, which refuses all new work for {@code heap}. */
    public static Admission refusingAdmission() {
        return new Admission(800, HeapGuard.watch(0.8, new FullHeap(), System::nanoTime));
    }

    @Override
    public long max() {
        return 1000;
    }

    @Override
    public long usedNow() {
        return 1000;
    }

    @Override
    public OptionalLong lastCollection() {
        return OptionalLong.of(1000);
    }

    @Override
    public Subscription afterCollections(LongConsumer listener) {
        return () -> { };
    }
}
