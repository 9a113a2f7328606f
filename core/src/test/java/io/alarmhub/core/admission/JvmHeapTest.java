package io.alarmhub.core.admission;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** This JVM's own collections reach the listener, with a plausible heap in use after each. */
class JvmHeapTest {

    @Test
    void aCollectionIsReportedWithWhatItLeft() {
        JvmHeap heap = new JvmHeap();
        AtomicLong reported = new AtomicLong(-1);
        try (HeapSource.Subscription ignored = heap.afterCollections(reported::set)) {
            System.gc();
            await().atMost(Duration.ofSeconds(30)).until(() -> reported.get() >= 0);
        }
        assertThat(reported.get()).isPositive().isLessThanOrEqualTo(heap.max());
        assertThat(heap.lastCollection()).isPresent();
        assertThat(heap.usedNow()).isPositive();
    }
}
