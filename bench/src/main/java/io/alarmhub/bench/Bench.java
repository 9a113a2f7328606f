package io.alarmhub.bench;

import io.alarmhub.bench.peer.AlarmhubPeer;
import io.alarmhub.bench.peer.AlarmhubServer;
import io.alarmhub.bench.peer.JetStreamPeer;
import io.alarmhub.bench.peer.MosquittoBroker;
import io.alarmhub.bench.peer.MosquittoPeer;
import io.alarmhub.bench.peer.NatsPeer;
import io.alarmhub.bench.peer.NettyForwarderPeer;
import io.alarmhub.bench.peer.Peer;
import io.alarmhub.bench.report.Machine;
import io.alarmhub.bench.report.Report;
import io.alarmhub.bench.scenario.Measurement;
import io.alarmhub.bench.scenario.Scenario;
import io.alarmhub.bench.store.StoreBench;
import io.alarmhub.bench.video.VideoReport;
import io.alarmhub.bench.video.VideoRun;

import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code java -jar alarmhub-bench.jar <one-to-one|saturate|fan-out|all> [options]}: runs the scenario against
 * every system, one after the other on the same machine and payload, and writes the report; device-alarm,
 * idle and video run alarmhub alone.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (args.length > 0 && args[0].equals("store")) {
            store(Arrays.asList(args).subList(1, args.length), args);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        List<String> quoted = Arrays.stream(args).map(arg -> arg.contains(" ") ? "'" + arg + "'" : arg).toList();
        Path report = run(options, "java -jar bench/target/alarmhub-bench.jar " + String.join(" ", quoted));
        System.out.println("report: " + report.toAbsolutePath());
        // client libraries (Paho, jnats) may leave non-daemon threads behind
        System.exit(0);
    }

    /** The {@code store} scenario has options of its own ({@link StoreBench}). */
    private static void store(List<String> options, String[] args) throws Exception {
        try {
            Path report = StoreBench.run(options, "java -jar bench/target/alarmhub-bench.jar " + String.join(" ", args));
            System.out.println("report: " + report.toAbsolutePath());
            System.exit(0);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + StoreBench.USAGE);
            System.exit(2);
        }
    }

    /** Runs every scenario of {@code options} against every system; returns the Markdown report. */
    static Path run(BenchOptions options, String command) throws Exception {
        Machine machine = Machine.current();
        Report report = new Report(machine, command, options.remark());
        if (BenchOptions.ALARMHUB_ONLY.containsAll(options.scenarios())) {
            return alarmhubOnly(options, report, machine);
        }
        Map<String, Peer> peers = new LinkedHashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        try {
            for (String system : options.systems()) {
                try {
                    peers.put(system, open(system, options));
                } catch (Exception e) {
                    unavailable.put(system, e.toString());
                    System.err.println(system + " unavailable: " + e);
                }
            }
            for (String name : options.scenarios()) {
                Scenario scenario = scenario(name, options);
                List<Measurement> runs = new ArrayList<>();
                for (String system : options.systems()) {
                    Measurement run = peers.containsKey(system)
                            ? measure(peers.get(system), scenario, options)
                            : Measurement.failed(system, scenario.expectedDeliveries(), unavailable.get(system));
                    System.out.println(summary(name, run));
                    runs.add(run);
                }
                report.add(scenario, runs);
            }
        } finally {
            peers.values().forEach(Peer::close);
        }
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String which = options.scenarios().size() == 1 ? options.scenarios().get(0) : "all";
        return report.write(options.out(), "bench-" + which + "-" + stamp);
    }

    /** device-alarm, idle or video: alarmhub alone, on a server started with the configuration the scenario needs. */
    private static Path alarmhubOnly(BenchOptions options, Report report, Machine machine) throws Exception {
        String name = options.scenarios().get(0);
        if (name.equals("video")) {
            return video(options, report, machine);
        }
        if (name.equals("device-alarm")) {
            DeviceAlarmSweep.addTo(report, options, DeviceAlarmSweep.run(options, System.out::println), machine);
        } else {
            try (AlarmhubServer server = AlarmhubServer.start(options.serverJar(), options.serverJvmOptions(),
                    IdleRun.TCP_CONFIG, "")) {
                IdleRun.Result r = IdleRun.run(server, options.connections(), options.timeout());
                System.out.println(String.format(Locale.ROOT, "idle %d/%d connections, heap %.0f B each, RSS %.0f B each",
                        r.opened(), r.target(), r.heapPerConnection(), r.rssPerConnection()));
                report.addText(name, IdleRun.markdown(r), List.of());
            }
        }
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return report.write(options.out(), "bench-" + name + "-" + stamp);
    }

    /** The video scenario starts its own server (it needs the inputs first) and FFmpeg beside it. */
    private static Path video(BenchOptions options, Report report, Machine machine) throws Exception {
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path jfr = Path.of(System.getProperty("java.io.tmpdir"), "alarmhub-bench-video-" + stamp + ".jfr");
        long start = System.nanoTime();
        VideoRun.Result result = VideoRun.run(options.serverJar(), options.serverJvmOptions(), options.video(),
                machine.cores(), jfr, line -> System.out.printf(Locale.ROOT, "video %4d s  %s%n",
                        (System.nanoTime() - start) / 1_000_000_000, line));
        report.addText("video", VideoReport.markdown(result, machine.cores(), Machine.current().loadAverage()),
                List.of());
        return report.write(options.out(), "bench-video-" + stamp);
    }

    private static Peer open(String system, BenchOptions options) throws Exception {
        return switch (system) {
            case "alarmhub" -> options.alarmhub().isPresent()
                    ? running(options.alarmhub().get(), options)
                    : AlarmhubPeer.of(AlarmhubServer.start(options.serverJar(), options.serverJvmOptions()));
            case "mosquitto" -> new MosquittoPeer(options.mqtt());
            case "mosquitto-persistent" -> MosquittoPeer.persistent(MosquittoBroker.start());
            case "nats" -> new NatsPeer(options.nats());
            case "jetstream" -> new JetStreamPeer(options.nats());
            case "netty" -> new NettyForwarderPeer();
            default -> throw new IllegalArgumentException("unknown system " + system);
        };
    }

    private static Peer running(String hostPort, BenchOptions options) {
        int colon = hostPort.lastIndexOf(':');
        Optional<URI> metrics = options.alarmhubMetricsPort().isPresent()
                ? Optional.of(URI.create("http://" + hostPort.substring(0, colon) + ":"
                        + options.alarmhubMetricsPort().getAsInt() + "/metrics"))
                : Optional.empty();
        return AlarmhubPeer.running(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)),
                options.alarmhubPid(), metrics);
    }

    static Scenario scenario(String name, BenchOptions o) {
        return name.equals("fan-out")
                ? Scenario.fanOut(o.subscribers(), o.publishes(), o.payload(), o.windowFor(name))
                : Scenario.oneToOne(name, o.receivers(), o.messages(), o.payload(), o.windowFor(name),
                        o.publishersFor(name));
    }

    /** A short unreported run first, so that no system is measured with a cold JIT on either side. */
    private static Measurement measure(Peer peer, Scenario scenario, BenchOptions options) {
        try {
            int warmup = options.warmupFor(scenario.name());
            if (warmup > 0) {
                Runner.run(peer, scenario.warmup(warmup), options.timeout());
            }
            return Runner.run(peer, scenario, options.timeout());
        } catch (Exception e) {
            System.err.println(peer.name() + " failed " + scenario.name() + ": " + e);
            return Measurement.failed(peer.name(), scenario.expectedDeliveries(), e.toString());
        }
    }

    static String summary(String scenario, Measurement run) {
        return String.format(Locale.ROOT, "%-10s %-20s %9.0f msg/s  p50 %.3f  p99 %.3f  p99.9 %.3f ms  server %s"
                        + " bench %s µs/msg  %d/%d %s",
                scenario, run.system(), run.messagesPerSecond(), run.percentileMillis(50), run.percentileMillis(99),
                run.percentileMillis(99.9), micros(run.serverMicrosPerMessage()), micros(run.benchMicrosPerMessage()),
                run.delivered(), run.expected(), run.note().startsWith("INCOMPLETE")
                        || run.note().startsWith("FAILED") ? run.note() : "");
    }

    private static String micros(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f", value.getAsDouble()) : "n/a";
    }
}
