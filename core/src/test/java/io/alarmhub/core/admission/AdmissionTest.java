package io.alarmhub.core.admission;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdmissionTest {

    private final FakeHeap heap = new FakeHeap(1000);
    private final Admission admission = new Admission(2, HeapGuard.watch(0.8, heap, System::nanoTime));

    @Test
    void refusesPastTheBoundWithoutRunningTheWorkAndAdmitsAgainOnceWorkCompletes() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        assertThat(admission.admit("jovision", () -> first)).isSameAs(first);
        assertThat(admission.admit("tcp", () -> second)).isSameAs(second);
        assertThat(admission.inFlight()).isEqualTo(2);

        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<String> third = admission.admit("jovision", () -> {
            ran.incrementAndGet();
            return new CompletableFuture<>();
        });
        assertThat(ran).hasValue(0);
        assertBusy(third, Overload.IN_FLIGHT);
        assertThat(admission.refused(Overload.IN_FLIGHT, "jovision")).isEqualTo(1);
        assertThat(admission.refused(Overload.IN_FLIGHT, "tcp")).isZero();
        assertThat(admission.inFlight()).as("a refusal holds nothing").isEqualTo(2);

        first.complete("stored");
        assertThat(admission.inFlight()).isEqualTo(1);
        assertThat(admission.admit("jovision", () -> CompletableFuture.completedFuture("stored")))
                .isCompletedWithValue("stored");
        assertThat(admission.inFlight()).isEqualTo(1);
    }

    @Test
    void workThatFailsOrThrowsIsReleasedToo() {
        CompletableFuture<Void> failing = new CompletableFuture<>();
        admission.admit("rest", () -> failing);
        failing.completeExceptionally(new IllegalStateException("disk full"));
        CompletableFuture<Void> thrown = admission.admit("rest", () -> {
            throw new IllegalStateException("bug");
        });
        assertThat(thrown).isCompletedExceptionally();
        assertThat(admission.inFlight()).isZero();
    }

    @Test
    void refusesEverythingNewWhileTheHeapIsOverItsBound() {
        heap.collect(900);
        assertBusy(admission.admit("vstarcam", CompletableFuture::new), Overload.HEAP);
        assertThat(admission.refused(Overload.HEAP, "vstarcam")).isEqualTo(1);
        assertThat(admission.heapOver()).isTrue();
        assertThat(admission.inFlight()).isZero();

        heap.collect(100);
        assertThat(admission.admit("vstarcam", () -> CompletableFuture.completedFuture(1))).isCompletedWithValue(1);
    }

    @Test
    void carriedWorkIsNeverRefusedButCountsInFlight() {
        heap.collect(900);
        CompletableFuture<Void> offline = new CompletableFuture<>();
        assertThat(admission.carry(() -> offline)).isSameAs(offline);
        admission.carry(CompletableFuture::new);
        admission.carry(CompletableFuture::new);
        assertThat(admission.inFlight()).as("carried past the bound").isEqualTo(3);
        heap.collect(100);
        assertBusy(admission.admit("jovision", CompletableFuture::new), Overload.IN_FLIGHT);
        offline.complete(null);
        assertThat(admission.inFlight()).isEqualTo(2);
    }

    @Test
    void racingThreadsAdmitNoMoreThanTheBound() throws Exception {
        Admission gate = new Admission(100, HeapGuard.never());
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> admitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                admitted.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    for (int i = 0; i < 1000; i++) {
                        if (!gate.admit("tcp", CompletableFuture::new).isCompletedExceptionally()) {
                            mine++;
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> count : admitted) {
                total += count.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(100);
            assertThat(gate.inFlight()).isEqualTo(100);
            assertThat(gate.refused(Overload.IN_FLIGHT, "tcp")).isEqualTo(threads * 1000L - 100);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theBoundIsAtLeastOne() {
        assertThatThrownBy(() -> new Admission(0, HeapGuard.never())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnboundedGateAdmitsAndStillCounts() {
        Admission open = Admission.unbounded();
        for (int i = 0; i < 10_000; i++) {
            assertThat(open.admit("rest", CompletableFuture::new)).isNotCompleted();
        }
        assertThat(open.inFlight()).isEqualTo(10_000);
    }

    static void assertBusy(CompletableFuture<?> refused, Overload reason) {
        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).hasCauseInstanceOf(ServerBusyException.class)
                .cause().satisfies(cause -> {
                    assertThat(((ServerBusyException) cause).reason()).isEqualTo(reason);
                    assertThat(cause.getMessage()).startsWith("server busy: ");
                    assertThat(cause.getStackTrace()).as("no stack trace for a refusal").isEmpty();
                });
    }
}
