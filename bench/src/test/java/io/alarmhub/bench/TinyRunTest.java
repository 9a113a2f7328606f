package io.alarmhub.bench;

import io.alarmhub.bench.peer.AlarmhubPeer;
import io.alarmhub.bench.peer.AlarmhubServer;
import io.alarmhub.bench.peer.JetStreamPeer;
import io.alarmhub.bench.peer.MosquittoBroker;
import io.alarmhub.bench.peer.MosquittoPeer;
import io.alarmhub.bench.peer.NatsPeer;
import io.alarmhub.bench.peer.NettyForwarderPeer;
import io.alarmhub.bench.peer.Peer;
import io.alarmhub.bench.scenario.Measurement;
import io.alarmhub.bench.scenario.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Each scenario at a tiny scale against each system: it completes and its numbers are sane. How fast
 * it went is not checked: that is the benchmark's business, on a quiet machine. alarmhub runs from
 * its packaged jar, which the reactor builds before this module (the bench pom depends on the server
 * module for that); Mosquitto (1883) and NATS (4222) are the local servers, which the README's test
 * requirements ask for and {@code .ci/run} starts. Where any of them is missing the tests that need it
 * fail, saying what to do: none is skipped, so a green run has compared every system.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TinyRunTest {

    private static final Scenario ONE_TO_ONE = Scenario.oneToOne(4, 200, 256, 16);
    private static final Scenario FAN_OUT = Scenario.fanOut(20, 5, 256, 2);
    /** One-to-one from 4 publishers, each its own connection with its own window. */
    private static final Scenario SATURATE = Scenario.oneToOne("saturate", 4, 400, 256, 16, 4);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String NATS_START = "start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server"
            + " -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log";
    private static final Path JAR = Path.of(System.getProperty("alarmhub.jar", "../server/target/alarmhub.jar"));

    private AlarmhubServer server;

    @BeforeAll
    void startAlarmhub() throws Exception {
        if (Files.isRegularFile(JAR)) {
            server = AlarmhubServer.start(JAR, List.of("-Xmx256m"));
        }
    }

    /** The tests that need alarmhub fail where its packaged jar has not been built. */
    private void requireAlarmhub() {
        if (server == null) {
            fail("no alarmhub jar at " + JAR.toAbsolutePath() + ": build it first with"
                    + " `mvn -B verify` from the repository root (the reactor packages the server module before"
                    + " testing this one), or `mvn -B -pl server -am package -DskipTests`");
        }
    }

    @AfterAll
    void stopAlarmhub() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void alarmhubDeliversEveryDurablePushAndReportsItsServer() throws Exception {
        requireAlarmhub();
        try (Peer alarmhub = AlarmhubPeer.running("127.0.0.1", server.tcpPort(),
                OptionalLong.of(server.pid()), Optional.of(server.metricsUri()))) {
            Measurement oneToOne = Runner.run(alarmhub, ONE_TO_ONE, TIMEOUT);
            Measurement fanOut = Runner.run(alarmhub, FAN_OUT, TIMEOUT);

            assertSane(oneToOne, 200);
            assertSane(fanOut, 100);
            assertThat(oneToOne.server()).hasValueSatisfying(stats -> {
                assertThat(stats.rssMb().orElseThrow()).isPositive();
                assertThat(stats.cpuPercent()).isNotNegative();
                assertThat(stats.heapMb()).isPresent();
            });
            assertThat(oneToOne.serverMicrosPerMessage()).isPresent();
            assertBenchSampled(oneToOne);
        }
    }

    @Test
    void alarmhubTakesPublishesFromSeveralConnectionsAtOnce() throws Exception {
        requireAlarmhub();
        try (Peer alarmhub = AlarmhubPeer.running("127.0.0.1", server.tcpPort(),
                OptionalLong.of(server.pid()), Optional.of(server.metricsUri()))) {
            assertSane(Runner.run(alarmhub, SATURATE, TIMEOUT), 400);
        }
    }

    @Test
    void mosquittoAtQos1DeliversEveryMessage() throws Exception {
        requireListening(1883, "Mosquitto", "mosquitto -d -c /etc/mosquitto/mosquitto.conf");
        try (Peer mosquitto = new MosquittoPeer("tcp://127.0.0.1:1883")) {
            assertSane(Runner.run(mosquitto, ONE_TO_ONE, TIMEOUT), 200);
            assertSane(Runner.run(mosquitto, FAN_OUT, TIMEOUT), 100);
            assertSane(Runner.run(mosquitto, SATURATE, TIMEOUT), 400);
        }
    }

    @Test
    void aPersistentMosquittoOfTheBenchsOwnDeliversEveryMessageAndIsSampledByItsPid() throws Exception {
        // the broker is a child the bench starts (mosquitto on the PATH), not the one on 1883
        try (Peer persistent = MosquittoPeer.persistent(MosquittoBroker.start())) {
            Measurement oneToOne = Runner.run(persistent, ONE_TO_ONE, TIMEOUT);

            assertSane(oneToOne, 200);
            assertSane(Runner.run(persistent, FAN_OUT, TIMEOUT), 100);
            assertSane(Runner.run(persistent, SATURATE, TIMEOUT), 400);
            assertThat(persistent.name()).isEqualTo("mosquitto-persistent");
            assertThat(oneToOne.server()).hasValueSatisfying(stats -> assertThat(stats.rssMb()).isPresent());
            assertThat(oneToOne.note()).contains("autosave_on_changes true", "persistent sessions");
        }
    }

    @Test
    void jetStreamDeliversEveryMessageThroughAStreamOfItsRun() throws Exception {
        requireListening(4222, "NATS", NATS_START);
        try (Peer jetstream = new JetStreamPeer("nats://127.0.0.1:4222")) {
            Measurement oneToOne = Runner.run(jetstream, ONE_TO_ONE, TIMEOUT);

            assertSane(oneToOne, 200);
            assertSane(Runner.run(jetstream, FAN_OUT, TIMEOUT), 100);
            assertSane(Runner.run(jetstream, SATURATE, TIMEOUT), 400);
            assertThat(oneToOne.server()).isPresent();
            assertBenchSampled(oneToOne);
        }
    }

    @Test
    void natsCoreDeliversEveryMessage() throws Exception {
        requireListening(4222, "NATS", NATS_START);
        try (Peer nats = new NatsPeer("nats://127.0.0.1:4222")) {
            assertSane(Runner.run(nats, ONE_TO_ONE, TIMEOUT), 200);
            assertSane(Runner.run(nats, FAN_OUT, TIMEOUT), 100);
        }
    }

    @Test
    void theBareForwarderDeliversEveryMessage() throws Exception {
        try (Peer netty = new NettyForwarderPeer()) {
            Measurement oneToOne = Runner.run(netty, ONE_TO_ONE, TIMEOUT);

            assertSane(oneToOne, 200);
            assertSane(Runner.run(netty, FAN_OUT, TIMEOUT), 100);
            assertSane(Runner.run(netty, SATURATE, TIMEOUT), 400);
            // its server CPU is its own threads' in the bench's JVM: no process, so no RSS
            assertThat(oneToOne.server()).hasValueSatisfying(stats -> assertThat(stats.rssMb()).isEmpty());
            assertBenchSampled(oneToOne);
        }
    }

    @Test
    void theCommandWritesAReportWithAChartPerScenario(@TempDir Path out) throws Exception {
        requireAlarmhub();
        BenchOptions options = BenchOptions.parse(new String[] {"all", "--messages", "100", "--receivers", "2",
                "--subscribers", "5", "--publishes", "3", "--warmup", "10", "--systems", "alarmhub,netty",
                "--alarmhub", "127.0.0.1:" + server.tcpPort(), "--alarmhub-metrics", Integer.toString(server.metricsPort()),
                "--alarmhub-pid", Long.toString(server.pid()), "--out", out.toString(), "--timeout", "60"});

        Path report = Bench.run(options, "tiny");

        assertThat(Files.readString(report)).contains("## one-to-one", "## saturate", "## fan-out", "| alarmhub |",
                "| netty-forwarder |", "alarmhub as a ratio to each peer", "100 / 100", "15 / 15",
                "4 publishers (a connection each), window 256");
        try (Stream<Path> files = Files.list(out)) {
            List<Path> charts = files.filter(f -> f.toString().endsWith(".png")).toList();
            assertThat(charts).hasSize(3);
            for (Path chart : charts) {
                assertThat(Files.size(chart)).isGreaterThan(1000);
            }
        }
    }

    @Test
    void aDeviceAlarmSweepRunsEachRateOnItsOwnServerIntoOneReport(@TempDir Path out) throws Exception {
        requireAlarmhub();
        BenchOptions options = BenchOptions.parse(new String[] {"device-alarm", "--sweep", "200,400", "--duration", "1",
                "--devices", "2", "--warmup", "0", "--server-jar", JAR.toString(), "--server-jvm", "-Xmx256m",
                "--out", out.toString(), "--timeout", "60"});

        Path report = Bench.run(options, "tiny sweep");

        assertThat(Files.readString(report)).contains("## device-alarm sweep (jovision 2219 → tcp)", "| 200 |", "| 400 |",
                "200 / 200 | 0 |", "400 / 400 | 0 |", "**Target not judged**: the sweep has no run at 10000");
        assertThat(Files.size(out.resolve(report.getFileName().toString().replace(".md", "-device-alarm-by-rate.png"))))
                .isGreaterThan(1000);
    }

    @Test
    void deviceAlarmsReachTheirOwnersAppsAtAFixedRate() throws Exception {
        requireAlarmhub();
        try (AlarmhubServer devices = AlarmhubServer.start(JAR, List.of("-Xmx256m"), "", DeviceAlarmRun.config(2))) {
            DeviceAlarmRun.Result run = DeviceAlarmRun.run(devices, 2, 400, 500, TIMEOUT);

            assertSane(run.measurement(), 400);
            assertThat(run.refused()).isZero();
            // 400 alarms at 500/s take 0.8 s: the pacer holds the rate rather than sending in a burst
            assertThat(run.sentPerSecond()).isBetween(400.0, 600.0);
            assertThat(run.measurement().elapsedNanos()).isGreaterThan(700_000_000L);
            assertThat(run.measurement().server()).hasValueSatisfying(
                    stats -> assertThat(stats.rssMb().orElseThrow()).isPositive());
            assertBenchSampled(run.measurement());
            assertThat(run.sent()).isEqualTo(400);
            assertThat(DeviceAlarmReport.markdown(run, "")).contains("## device-alarm", "400 / 400", "Target not judged");
        }
    }

    @Test
    void jovision2221AlarmsReachAppsOnTheWebSocket() throws Exception {
        requireAlarmhub();
        try (AlarmhubServer devices = AlarmhubServer.start(JAR, List.of("-Xmx256m"), "", DeviceAlarmRun.config(2))) {
            DeviceAlarmRun.Result run = DeviceAlarmRun.run(devices, 2, 100, 200, TIMEOUT, "2221", "ws");

            assertSane(run.measurement(), 100);
            assertAcked(devices, 100);
            assertThat(run.refused()).isZero();
            assertThat(run.measurement().system()).isEqualTo("alarmhub jovision 2221 → ws");
            assertThat(DeviceAlarmReport.markdown(run, "")).contains("jovision 2221 → ws", "100 / 100");
        }
    }

    @Test
    void vstarcamMultipartAlarmsReachAppsOnPushServer() throws Exception {
        requireAlarmhub();
        try (AlarmhubServer cameras = AlarmhubServer.start(JAR, List.of("-Xmx256m"), "",
                DeviceAlarmRun.config(2, "vstarcam"))) {
            DeviceAlarmRun.Result run = DeviceAlarmRun.run(cameras, 2, 100, 200, TIMEOUT, "vstarcam", "2219", "tcp", 4096);

            // every alarm's send time came back in its picture's file name, kept in the event's raw
            assertSane(run.measurement(), 100);
            assertAcked(cameras, 100);
            assertThat(run.refused()).isZero();
            assertThat(run.measurement().system()).isEqualTo("alarmhub vstarcam → tcp");
            assertThat(DeviceAlarmReport.markdown(run, "")).contains("VStarcam cameras", "100 / 100", "picture's file name");
        }
    }

    @Test
    void mixedJovisionSchemesReachAppsOnPushServer() throws Exception {
        requireAlarmhub();
        try (AlarmhubServer devices = AlarmhubServer.start(JAR, List.of("-Xmx256m"), "", DeviceAlarmRun.config(2))) {
            DeviceAlarmRun.Result run = DeviceAlarmRun.run(devices, 2, 99, 200, TIMEOUT, "mixed", "tcp");

            assertSane(run.measurement(), 99);
            assertAcked(devices, 99);
            assertThat(run.refused()).isZero();
        }
    }

    @Test
    void mixedJovisionSchemesReachAppsOnSocketIo() throws Exception {
        requireAlarmhub();
        try (AlarmhubServer devices = AlarmhubServer.start(JAR, List.of("-Xmx256m"), "", DeviceAlarmRun.config(2))) {
            DeviceAlarmRun.Result run = DeviceAlarmRun.run(devices, 2, 99, 200, TIMEOUT, "mixed", "socketio");

            assertSane(run.measurement(), 99);
            assertAcked(devices, 99);
            assertThat(run.refused()).isZero();
            assertThat(run.measurement().errors()).isZero();
            assertThat(run.measurement().system()).isEqualTo("alarmhub jovision mixed → socketio");
        }
    }

    @Test
    void jovision2219AlarmsReachTheEnterpriseStream() throws Exception {
        requireAlarmhub();
        try (AlarmhubServer devices = AlarmhubServer.start(JAR, List.of("-Xmx256m"), "",
                DeviceAlarmRun.config(2, "jovision", true), DeviceAlarmRun.STREAM_CONFIG)) {
            DeviceAlarmRun.Result run = DeviceAlarmRun.run(devices, 2, 100, 200, TIMEOUT, "2219", "stream");

            // every raise matched to its alarm by did and created_at, and acked by delivery_id
            assertSane(run.measurement(), 100);
            assertThat(run.refused()).isZero();
            assertThat(run.measurement().errors()).isZero();
            assertThat(run.measurement().system()).isEqualTo("alarmhub jovision 2219 → stream");
            assertThat(DeviceAlarmReport.markdown(run, "")).contains("(jovision 2219 → stream)", "100 / 100", "`created_at`");
        }
    }

    @Test
    void idleConnectionsAreCountedAndWeighed() throws Exception {
        requireAlarmhub();
        try (AlarmhubServer idle = AlarmhubServer.start(JAR, List.of("-Xmx256m"), IdleRun.TCP_CONFIG, "")) {
            IdleRun.Result run = IdleRun.run(idle, 200, TIMEOUT);

            assertThat(run.target()).isEqualTo(200);
            assertThat(run.opened()).isEqualTo(200);
            assertThat(run.failed()).isZero();
            assertThat(run.addresses()).isEqualTo(4);
            assertThat(run.note()).isEmpty();
            assertThat(run.heapBeforeBytes()).isPositive();
            assertThat(run.heapPerConnection()).isPositive();
            assertThat(run.rssAfterKb()).isPositive();
            assertThat(IdleRun.markdown(run)).contains("## idle", "200 / 200");
        }
    }

    /** The server counts the apps' acknowledgements (alarmhub_messages_acked): each push was acked as its face says. */
    private static void assertAcked(AlarmhubServer server, long pushes) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        // the apps acked before the run ended, but the server may count the last acks a moment later
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            String metrics = http.send(java.net.http.HttpRequest.newBuilder(server.metricsUri()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            long acked = metrics.lines().filter(line -> line.startsWith("alarmhub_messages_acked_total "))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
            assertThat(acked).as("acks counted by the server").isGreaterThanOrEqualTo(pushes);
        });
    }

    /** The bench's own JVM was sampled over the run: it did work, and it has a resident set. */
    private static void assertBenchSampled(Measurement run) {
        assertThat(run.bench()).hasValueSatisfying(stats -> {
            assertThat(stats.cpuSeconds()).isNotNegative();
            assertThat(stats.rssMb().orElseThrow()).isPositive();
        });
        assertThat(run.benchMicrosPerMessage()).isPresent();
    }

    private static void assertSane(Measurement run, long deliveries) {
        assertThat(run.note()).doesNotContain("INCOMPLETE", "FAILED");
        assertThat(run.complete()).isTrue();
        assertThat(run.delivered()).isEqualTo(deliveries).isEqualTo(run.expected());
        assertThat(run.duplicates()).isZero();
        assertThat(run.latency().getTotalCount()).isEqualTo(deliveries);
        assertThat(run.messagesPerSecond()).isPositive();
        double p50 = run.percentileMillis(50);
        double p99 = run.percentileMillis(99);
        double p999 = run.percentileMillis(99.9);
        assertThat(p50).isPositive();
        assertThat(p50).isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(p999);
        assertThat(run.perTick()).isNotEmpty();
        assertThat(Arrays.stream(run.perTick()).sum()).isEqualTo(deliveries);
    }

    /** The local server the test compares against answers, or the test fails saying how to start it. */
    private static void requireListening(int port, String name, String start) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        } catch (IOException e) {
            fail(name + " is not listening on 127.0.0.1:" + port + " (" + e + "); the tests need it"
                    + " (README, test requirements; .ci/run starts it): start it with " + start);
        }
    }
}
