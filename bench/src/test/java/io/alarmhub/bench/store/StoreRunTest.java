package io.alarmhub.bench.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreRunTest {

    @Test
    void everyAlarmIsStoredDeliveredAndAcknowledgedAndTheWritersWorkIsMeasured() throws Exception {
        StoreRun.Result r = StoreRun.run(3, 300, 16, Duration.ofMillis(1), Duration.ofMinutes(1));

        assertThat(r.alarms()).isEqualTo(300);
        assertThat(r.commits()).isPositive();
        // each alarm is one operation (event and push together) and so is each ack
        assertThat(r.operations()).isEqualTo(600);
        assertThat(r.writerCpuSeconds()).isPositive();
        assertThat(r.processCpuSeconds()).isGreaterThanOrEqualTo(r.writerCpuSeconds());
        assertThat(r.operationsPerCommit()).isEqualTo(600.0 / r.commits());
    }

    @Test
    void optionsHaveDefaultsAndTakeCommitDelaysInMilliseconds() {
        StoreBench.Options defaults = StoreBench.Options.parse(List.of());
        assertThat(defaults.alarms()).isEqualTo(200_000);
        assertThat(defaults.commitDelays()).containsExactly(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(2));
        assertThat(defaults.out()).isEqualTo(Path.of("bench/reports"));

        StoreBench.Options given = StoreBench.Options.parse(List.of("--alarms", "5000", "--commit-delays", "0,5"));
        assertThat(given.alarms()).isEqualTo(5000);
        assertThat(given.commitDelays()).containsExactly(Duration.ZERO, Duration.ofMillis(5));

        assertThatThrownBy(() -> StoreBench.Options.parse(List.of("--rate", "5")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreBench.Options.parse(List.of("--alarms", "0")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReportHasARowPerCommitDelay() {
        StoreRun.Result r = new StoreRun.Result(Duration.ofMillis(1), 1000, 0.5, 0.04, 0.05, 4, 2000);
        String md = StoreBench.markdown(StoreBench.Options.parse(List.of("--alarms", "1000")), List.of(r));

        assertThat(md).contains("| 1 ms | 2000 | 40.0 | 50.0 | 4.0 | 500 |");
    }
}
