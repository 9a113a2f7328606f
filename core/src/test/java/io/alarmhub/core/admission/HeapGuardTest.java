package io.alarmhub.core.admission;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeapGuardTest {

    private static final long MAX = 1000;

    private final FakeHeap heap = new FakeHeap(MAX);
    private final AtomicLong nanos = new AtomicLong(5_000);
    private final HeapGuard guard = HeapGuard.watch(0.8, heap, nanos::get);

    @Test
    void refusesFromACollectionThatLeavesMoreThanTheBoundUntilOneLeavesLess() {
        assertThat(guard.bound()).isEqualTo(800);
        assertThat(guard.over()).as("before any collection").isFalse();
        heap.collect(800);
        assertThat(guard.over()).as("at the bound").isFalse();
        heap.collect(801);
        assertThat(guard.over()).isTrue();
        assertThat(guard.usedAfterCollection()).isEqualTo(801);
        heap.collect(500);
        assertThat(guard.over()).isFalse();
    }

    @Test
    void whileRefusingReadsTheHeapInUseAtMostOnceASecond() {
        heap.collect(900);
        heap.useNow(100); // the collector freed regions without a collection it reports
        assertThat(guard.over()).as("the first reading while refusing").isFalse();

        heap.collect(900);
        assertThat(guard.over()).as("read a moment ago: not again yet").isTrue();
        heap.useNow(100);
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(guard.over()).isTrue();
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(guard.over()).isFalse();
    }

    @Test
    void theHeapInUseOverTheBoundKeepsRefusing() {
        heap.collect(900);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(guard.over()).as("garbage included, 900 is in use now").isTrue();
    }

    @Test
    void startsFromWhatTheLastCollectionBeforeItLeft() {
        HeapSource collectedBefore = new HeapSource() {
            @Override
            public long max() {
                return MAX;
            }

            @Override
            public long usedNow() {
                return 950;
            }

            @Override
            public OptionalLong lastCollection() {
                return OptionalLong.of(950);
            }

            @Override
            public Subscription afterCollections(LongConsumer listener) {
                return () -> { };
            }
        };
        assertThat(HeapGuard.watch(0.8, collectedBefore, nanos::get).over()).isTrue();
    }

    @Test
    void aFractionOfOneNeverRefusesAndCloseStopsListening() {
        HeapGuard whole = HeapGuard.watch(1, heap, nanos::get);
        heap.collect(MAX);
        assertThat(whole.over()).isFalse();
        whole.close();
        assertThat(heap.closed()).isTrue();
    }

    @Test
    void theFractionMustBeAPartOfTheHeap() {
        assertThatThrownBy(() -> HeapGuard.watch(0, heap, nanos::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeapGuard.watch(1.01, heap, nanos::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeapGuard.watch(Double.NaN, heap, nanos::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
