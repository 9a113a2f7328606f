package io.alarmhub.bench.stats;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

class ServerStatsTest {

    @Test
    void cpuPerMessageIsTheRunsCpuSecondsOverTheMessagesDelivered() {
        // 3 CPU-seconds over a 2 s run: 150 % of a core; for 6,000 messages, 500 µs each
        ServerStats stats = new ServerStats(3, 2, OptionalDouble.empty(), OptionalDouble.empty());

        assertThat(stats.cpuPercent()).isEqualTo(150.0);
        assertThat(stats.microsPer(6000)).hasValue(500.0);
        assertThat(stats.microsPer(0)).isEmpty();
        assertThat(new ServerStats(1, 0, OptionalDouble.empty(), OptionalDouble.empty()).cpuPercent()).isZero();
    }

    @Test
    void oneClockLessAnotherIsWhatTheFirstUsedApartFromTheSecond() {
        CpuClock jvm = () -> OptionalLong.of(900);
        CpuClock forwarder = () -> OptionalLong.of(250);
        CpuClock unknown = OptionalLong::empty;

        assertThat(jvm.minus(forwarder).nanos()).hasValue(650);
        assertThat(jvm.minus(unknown).nanos()).isEmpty();
        assertThat(unknown.minus(forwarder).nanos()).isEmpty();
    }

    @Test
    void threadCpuCountsTheThreadsItMade() {
        ThreadCpu threads = new ThreadCpu(Executors.defaultThreadFactory());
        AtomicBoolean stop = new AtomicBoolean();
        assertThat(threads.nanos()).hasValue(0);
        Thread busy = threads.newThread(() -> {
            long spin = 0;
            while (!stop.get()) {
                spin += System.nanoTime() % 7;
            }
            assertThat(spin).isNotNegative();
        });
        busy.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> threads.nanos().orElse(0) > 0);
        } finally {
            stop.set(true);
        }
    }

    @Test
    void aSamplerOfThisProcessReadsItsCpuAndResidentSet() {
        assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
        ServerStats stats = ProcessSampler.bench(java.util.Optional.empty()).start().stop().orElseThrow();

        assertThat(stats.cpuSeconds()).isNotNegative();
        assertThat(stats.rssMb().orElseThrow()).isPositive();
        assertThat(stats.heapMb()).isEmpty();
    }
}
