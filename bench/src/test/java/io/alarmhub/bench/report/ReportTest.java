package io.alarmhub.bench.report;

import io.alarmhub.bench.scenario.Measurement;
import io.alarmhub.bench.scenario.Scenario;
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

class ReportTest {

    private static final Machine MACHINE = new Machine(2, 4096, "OpenJDK 17", "Linux", Instant.parse("2026-01-01T00:00:00Z"), "3.50 2.00 1.00");

    @TempDir
    Path dir;

    @Test
    void theReportSetsAlarmhubBesideEachPeerAndSaysWhenItMissesTheTarget() throws IOException {
        Scenario scenario = Scenario.oneToOne(10, 1000, 256, 64);
        // alarmhub: 3 CPU-seconds in 2 s for 1000 messages; the bench 1 CPU-second
        Measurement alarmhub = run("alarmhub", 500, 2_000_000,
                Optional.of(new ServerStats(3, 2, OptionalDouble.of(300), OptionalDouble.of(80))));
        Measurement mosquitto = run("mosquitto", 1000, 1_000_000,
                Optional.of(new ServerStats(0.5, 1, OptionalDouble.of(10), OptionalDouble.empty())));

        Path md = new Report(MACHINE, "bench one-to-one", "shared machine").add(scenario, List.of(alarmhub, mosquitto))
                .write(dir, "bench-test");

        String text = Files.readString(md);
        assertThat(text).contains("2 cores, 4096 MB", "OpenJDK 17", "3.50 2.00 1.00 on 2 cores", "shared machine", "## one-to-one")
                .contains("| alarmhub | 500 | " + cells(alarmhub) + " | 150 | 3000 | 50.0 | 1000 | 80.0 | 300 | 1000 / 1000 |")
                .contains("| mosquitto | 1000 | " + cells(mosquitto) + " | 50.0 | 500 | 100 | 1000 | n/a | 10.0 | 1000 / 1000 |")
                .contains("server µs/msg", "bench µs/msg", "one publisher, window 64")
                .contains("| mosquitto | 0.50 | 2.00 |")
                .contains("**Target missed**")
                .doesNotContain("single burst")
                .contains("![one-to-one](bench-test-one-to-one.png)");
        assertThat(Files.size(dir.resolve("bench-test-one-to-one.png"))).isPositive();
    }

    @Test
    void aRunWhosePublishesAllFitInTheWindowIsCalledABurst() throws IOException {
        Scenario burst = Scenario.fanOut(1000, 20, 256, 64);

        Path md = new Report(MACHINE, "bench fan-out", "").add(burst,
                List.of(run("alarmhub", 500, 2_000_000, Optional.empty()))).write(dir, "bench-burst");

        assertThat(Files.readString(md)).contains("20 publishes to one topic with 1000 subscribers", "a single burst");
    }

    @Test
    void aRunWithSeveralPublishersSaysHowItLoadsAlarmhub() throws IOException {
        Scenario saturate = Scenario.oneToOne("saturate", 10, 1000, 256, 256, 4);

        Path md = new Report(MACHINE, "bench saturate", "").add(saturate,
                List.of(run("alarmhub", 500, 2_000_000, Optional.empty()))).write(dir, "bench-saturate");

        assertThat(Files.readString(md)).contains("## saturate", "4 publishers (a connection each), window 256"
                + " publishes in flight on each", "`tcp.max-in-flight` (64)", "| alarmhub | 500 |", "| n/a | n/a | n/a | n/a |");
    }

    @Test
    void jetStreamIsJudgedOnOneToOneAndOnlyTheSaturatedRunWithoutACaveat() {
        Measurement alarmhub = run("alarmhub", 2000, 1_000_000, Optional.empty());
        Measurement jetstream = run("jetstream", 2500, 1_000_000, Optional.empty());

        assertThat(Report.jetStreamVerdict(alarmhub, jetstream, true)).startsWith("**JetStream target missed**")
                .contains("ratio 0.80").doesNotContain("saturate run");
        assertThat(Report.jetStreamVerdict(jetstream, alarmhub, false)).startsWith("**JetStream target met**")
                .contains("the saturate run is the one that judges it");
    }

    @Test
    void aFasterAlarmhubMeetsTheTarget() {
        assertThat(Report.verdict(run("alarmhub", 2000, 1_000_000, Optional.empty()),
                run("mosquitto", 1000, 1_000_000, Optional.empty()))).startsWith("**Target met**");
    }

    @Test
    void fasterThanMosquittoButNotTwiceMissesTheTarget() {
        assertThat(Report.verdict(run("alarmhub", 1900, 1_000_000, Optional.empty()),
                run("mosquitto", 1000, 1_000_000, Optional.empty()))).startsWith("**Target missed**")
                .contains("ratio 1.90");
    }

    @Test
    void anIncompleteRunIsNotJudged() {
        Measurement failed = Measurement.failed("mosquitto", 1000, "connection refused");

        assertThat(Report.verdict(run("alarmhub", 2000, 1_000_000, Optional.empty()), failed))
                .startsWith("**Target not judged**");
    }

    /** p50, p99 and p99.9 as the table shows them (HdrHistogram rounds to its buckets). */
    private static String cells(Measurement run) {
        return Report.number(run.percentileMillis(50)) + " | " + Report.number(run.percentileMillis(99)) + " | "
                + Report.number(run.percentileMillis(99.9));
    }

    /** 1000 deliveries at {@code perSecond}, every latency {@code nanos}. */
    private static Measurement run(String system, long perSecond, long nanos, Optional<ServerStats> stats) {
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount(nanos, 1000);
        Optional<ServerStats> bench = stats.map(s -> new ServerStats(1, s.seconds(), OptionalDouble.of(100),
                OptionalDouble.empty()));
        return new Measurement(system, 1000, 0, 1000, 0, 1_000_000_000L * 1000 / perSecond, latency,
                new long[] {100, 900}, stats, bench, "");
    }
}
