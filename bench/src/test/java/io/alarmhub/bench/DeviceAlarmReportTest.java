package io.alarmhub.bench;

import io.alarmhub.bench.report.Machine;
import io.alarmhub.bench.report.Report;
import io.alarmhub.bench.scenario.Measurement;
import io.alarmhub.bench.stats.ServerStats;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceAlarmReportTest {

    @TempDir
    Path dir;

    @Test
    void theSweepHasARowPerRateAndNamesTheHighestRateUnderTheTarget() {
        List<DeviceAlarmRun.Result> sweep = List.of(
                result(1000, 2, 30, 0, 60),
                result(5000, 4, 40, 0, 60),
                result(10_000, 25, 55, 0, 60),
                result(15_000, 900, 70, 1200, 60));

        String md = DeviceAlarmReport.sweepMarkdown(sweep, 2000, "");

        assertThat(md).contains("## device-alarm sweep (jovision 2219 → tcp)", "fresh server", "2000 alarms at that rate",
                "Latency is of the delivered alarms only", "`rt:-1`")
                // 10,000/s: 55 µs of server CPU per alarm (0.55 CPU-seconds a second for 10,000), bench 20 µs
                .contains("| 10000 | 10000 | 10000 | ", " | 55.0 | 55.0 | 20.0 | 20.0 | 512 | 700 | 600000 / 600000 | 0 |")
                .contains("| 15000 |", "| 898800 / 900000 | 1200 |")
                .contains("highest rate whose p99 stayed under 10 ms", "**5000 alarms/s** (p99 4")
                .contains("**Target missed** (p99 not under 10 ms)")
                .contains("- 15000 alarms/s: 1200 device requests refused");
    }

    @Test
    void anOverloadAndTheRunAfterItAreTwoRowsOfOneTable() {
        String md = DeviceAlarmReport.recoveryMarkdown(
                List.of(result(15_000, 300, 70, 5000, 30), result(2000, 6, 60, 0, 30)), "");

        assertThat(md).contains("## device-alarm overload and recovery (jovision 2219 → tcp)",
                        "first 15000 alarms/s for 30 s, then, on the same server", "2000 alarms/s for 30 s")
                .contains("| 15000 |", "| 445000 / 450000 | 5000 |")
                .contains("| 2000 |", "| 60000 / 60000 | 0 |")
                .doesNotContain("Target");
        assertThat(DeviceAlarmReport.byRate(List.of(result(2000, 300, 70, 0, 30), result(2000, 6, 60, 0, 30))))
                .extracting(m -> m.system()).containsExactly("2000/s", "2000/s (run 2)");
    }

    @Test
    void aSweepWithoutTheTargetRateDoesNotJudgeIt() {
        String md = DeviceAlarmReport.sweepMarkdown(List.of(result(1000, 2, 30, 0, 10)), 100, "");

        assertThat(md).contains("**1000 alarms/s**", "**Target not judged**: the sweep has no run at 10000");
    }

    @Test
    void theTargetIsJudgedPartByPart() {
        assertThat(DeviceAlarmReport.verdict(result(10_000, 4, 50, 0, 60), "")).startsWith("**Target met**");
        assertThat(DeviceAlarmReport.verdict(result(10_000, 4, 50, 0, 10), ""))
                .startsWith("**Target not judged**: every part was met, but for 10 s");
        assertThat(DeviceAlarmReport.verdict(result(10_000, 4, 80, 0, 60), ""))
                .startsWith("**Target missed** (server CPU per alarm above 60 µs)");
        assertThat(DeviceAlarmReport.verdict(result(10_000, 4, 50, 10, 60), ""))
                .startsWith("**Target missed** (10 alarms were refused)");
        assertThat(DeviceAlarmReport.verdict(result(10_000, 25, 80, 0, 10), ""))
                .startsWith("**Target missed** (p99 not under 10 ms; server CPU per alarm above 60 µs)");
        assertThat(DeviceAlarmReport.verdict(result(2000, 4, 50, 0, 60), "")).startsWith("**Target not judged**");
    }

    @Test
    void theSweepsReportHasItsChartOfLatencyByRate() throws IOException {
        List<DeviceAlarmRun.Result> sweep = List.of(result(1000, 2, 30, 0, 1), result(2000, 30, 40, 0, 1));
        Report report = new Report(new Machine(2, 4096, "OpenJDK 17", "Linux", Instant.EPOCH, ""), "sweep", "");

        report.addText("device-alarm", DeviceAlarmReport.sweepMarkdown(sweep, 0, ""), DeviceAlarmReport.byRate(sweep),
                DeviceAlarmReport.sweepFigures(sweep));
        Path md = report.write(dir, "bench-sweep");

        assertThat(Files.readString(md)).contains("![p50, p99 and p99.9 by rate](bench-sweep-device-alarm-by-rate.png)",
                "![device-alarm](bench-sweep-device-alarm.png)");
        assertThat(Files.size(dir.resolve("bench-sweep-device-alarm-by-rate.png"))).isGreaterThan(1000);
    }

    /**
     * A run at {@code rate} for {@code seconds}, its pacer on time, every latency {@code p99Ms}, the server using
     * {@code cpuMicros} µs a delivered alarm and the bench 20; {@code refused} of its alarms refused.
     */
    private static DeviceAlarmRun.Result result(int rate, double p99Ms, double cpuMicros, long refused, int seconds) {
        int alarms = rate * seconds;
        long delivered = alarms - refused;
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount((long) (p99Ms * 1e6), delivered);
        long elapsed = 1_000_000_000L * seconds;
        ServerStats server = new ServerStats(cpuMicros * delivered / 1e6, seconds, OptionalDouble.of(700),
                OptionalDouble.of(512));
        ServerStats bench = new ServerStats(20 * delivered / 1e6, seconds, OptionalDouble.of(200), OptionalDouble.empty());
        Measurement m = new Measurement("alarmhub jovision 2219 → tcp", delivered, 0, alarms, refused, elapsed, latency,
                new long[] {delivered}, Optional.of(server), Optional.of(bench),
                (refused > 0 ? refused + " device requests refused (not answered rt:0): counted. " : "")
                        + "jovision 2219 → tcp: alarms");
        return new DeviceAlarmRun.Result(m, 100, rate, alarms, rate, refused, "2219", "tcp", "jovision");
    }
}
