package io.alarmhub.bench.video;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerProbeTest {

    private static final List<String> SCRAPE = List.of(
            "# HELP alarmhub_hemu_media_packages_total Hemu cameras' media packages, by kind",
            "# TYPE alarmhub_hemu_media_packages_total counter",
            "alarmhub_hemu_media_packages_total{kind=\"audio\",vendor=\"hemu\"} 1500.0",
            "alarmhub_hemu_media_packages_total{kind=\"video\",vendor=\"hemu\"} 750.0",
            "alarmhub_hemu_media_packages_total_created{kind=\"video\",vendor=\"hemu\"} 1.7E9",
            "alarmhub_hemu_recorder_dropped_total{vendor=\"hemu\"} 0.0",
            "alarmhub_hemu_media_lost_total 3.0");

    @Test
    void aSeriesIsReadByItsNameAndLabel() throws IOException {
        assertThat(ServerProbe.sum(SCRAPE, ServerProbe.PACKAGES, "kind=\"video\"")).isEqualTo(750);
        assertThat(ServerProbe.sum(SCRAPE, ServerProbe.PACKAGES, "")).isEqualTo(2250);
        assertThat(ServerProbe.sum(SCRAPE, ServerProbe.RECORDER_DROPPED, "")).isZero();
        assertThat(ServerProbe.sum(SCRAPE, ServerProbe.LOST, "")).isEqualTo(3);
    }

    @Test
    void aSeriesTheServerDoesNotHaveFailsRatherThanReadingAsZero() {
        assertThatThrownBy(() -> ServerProbe.sum(SCRAPE, ServerProbe.SKIPPED_GOPS, ""))
                .isInstanceOf(IOException.class).hasMessageContaining(ServerProbe.SKIPPED_GOPS);
    }

    @Test
    void theRecordingsAreWeighedFileByFile(@TempDir Path dir) throws IOException {
        Path day = Files.createDirectories(dir.resolve("recordings").resolve("900000000000000").resolve("2026-12-07"));
        Files.write(day.resolve("a.mp4"), new byte[1000]);
        Files.write(day.resolve("b.mp4"), new byte[24]);

        assertThat(ServerProbe.directoryBytes(dir.resolve("recordings"))).isEqualTo(1024);
        assertThat(ServerProbe.directoryBytes(dir.resolve("none yet"))).isZero();
    }

    @Test
    void theMachinesTicksHaveAnIdlePartWithinThem() {
        long[] ticks = ServerProbe.machineTicks();

        assertThat(ticks[0]).isPositive();
        assertThat(ticks[1]).isBetween(0L, ticks[0]);
    }
}
