package io.alarmhub.bench;

import io.alarmhub.bench.video.VideoPlan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The command line of {@link Bench}: which scenarios, their sizes, which systems, where to write.
 * Every option has a default that runs a modest, complete comparison.
 *
 * @param window     {@code --window} when given (else {@link #windowFor} has a default per scenario)
 * @param publishers {@code --publishers} when given (else {@link #publishersFor})
 * @param sweep      device-alarm: the rates of {@code --sweep}, each a run of {@code --duration}; empty for one run
 * @param duration   device-alarm: {@code --duration} seconds when given
 * @param recover    device-alarm: {@code --recover RATE}: after the run at {@code --rate}, a second run at this rate
 *                   on the same server, without a warm-up, to see how it recovers from the first
 */
record BenchOptions(List<String> scenarios, int messages, int receivers, int subscribers, int publishes,
                    int payload, OptionalInt window, OptionalInt publishers, int warmup, List<String> systems,
                    Path out, Path serverJar,
                    List<String> serverJvmOptions, Optional<String> alarmhub, OptionalInt alarmhubMetricsPort,
                    OptionalLong alarmhubPid, String mqtt, String nats, Duration timeout, String remark,
                    int devices, int alarms, int rate, int connections, String scheme, String app, String vendor,
                    int pictureBytes, VideoPlan video, List<Integer> sweep, OptionalInt duration,
                    OptionalInt recover) {

    /** What {@code all} runs, in order: one-to-one as before, then saturated, then fan-out. */
    static final List<String> SCENARIOS = List.of("one-to-one", "saturate", "fan-out");
    /** {@code saturate}: enough publishers that each system runs at its own maximum, not at one client's window. */
    static final int SATURATE_PUBLISHERS = 4;
    static final int SATURATE_WINDOW = 256;
    static final int DEFAULT_WINDOW = 64;
    /** device-alarm: seconds per rate of a sweep, the length the docs/design.md target asks for. */
    static final int DEFAULT_DURATION = 60;
    /** Scenarios of alarmhub alone, each on a server the bench starts with the configuration it needs. */
    static final List<String> ALARMHUB_ONLY = List.of("device-alarm", "idle", "video");
    static final List<String> SYSTEMS = List.of("alarmhub", "mosquitto", "mosquitto-persistent", "nats", "jetstream",
            "netty");

    private static final Set<String> OPTIONS = Set.of("--messages", "--receivers", "--subscribers", "--publishes",
            "--payload", "--window", "--warmup", "--systems", "--out", "--server-jar", "--server-jvm", "--alarmhub",
            "--alarmhub-metrics", "--alarmhub-pid", "--mqtt", "--nats", "--timeout", "--remark", "--devices", "--alarms",
            "--rate", "--connections", "--scheme", "--app", "--vendor",
            "--picture-bytes", "--cameras", "--megabits", "--picture", "--viewers", "--live-cameras", "--settle",
            "--step", "--profile", "--publishers", "--sweep", "--duration", "--recover");

    static final String USAGE = """
            usage: java -jar alarmhub-bench.jar <one-to-one|saturate|fan-out|all|device-alarm|idle|video|store> [options]
              all runs one-to-one, saturate (one-to-one with 4 publishers, window 256 each) and fan-out
              --messages N        one-to-one and saturate messages (20000)
              --receivers N       one-to-one and saturate receiving connections (10)
              --publishers N      one-to-one and saturate publishing connections, each with its own window
                                  (one-to-one 1, saturate 4; fan-out always has one)
              --subscribers N     fan-out subscribers of the topic (1000)
              --publishes N       fan-out publishes (20)
              --payload BYTES     message body size (256)
              --window N          publishes in flight per publisher (64; saturate 256; alarmhub answers at most
                                  tcp.max-in-flight, 64, per connection, so more publishers, not a larger window, load it)
              --warmup N          publishes of an unreported warm-up run per system (one-to-one 2000, fan-out 2, device-alarm 2000);
                                  video: seconds the first step's cameras stream unreported (20)
              --systems LIST      alarmhub,mosquitto,mosquitto-persistent,nats,jetstream,netty
              --out DIR           report directory (bench/reports)
              --server-jar PATH   the alarmhub jar to start (server/target/alarmhub.jar)
              --server-jvm OPTS   JVM options for the started server, space-separated
              --alarmhub HOST:PORT  use a running server's PushServer instead of starting one
              --alarmhub-metrics PORT, --alarmhub-pid PID   how to observe that running server
              --mqtt URI          tcp://127.0.0.1:1883
              --nats URL          nats://127.0.0.1:4222
              --timeout SECONDS   per run (300)
              --remark TEXT       a note for the report's header
              --devices N         device-alarm: simulated Jovision devices, one owner app each (100)
              --alarms N          device-alarm: alarms in all (100000)
              --rate N            device-alarm: alarms per second, all devices together (10000)
              --duration SECONDS  device-alarm: run for this long at --rate (alarms = rate x duration) instead of --alarms;
                                  with --sweep, each rate's run (60)
              --sweep LIST        device-alarm: a run per rate, e.g. 1000,2000,5000,10000,15000, each on a fresh server,
                                  in one report (a table and a chart of p99 by rate)
              --recover RATE      device-alarm: after the run at --rate (an overload, say), one more run at RATE on the
                                  same server, without a warm-up: how quickly latency comes back once the load drops
              --scheme S          device-alarm: Jovision 2219, 2221, 2223 (amt:0) or mixed (all three in turn) (2219)
              --app A             device-alarm: how the owner apps receive: tcp (PushServer), ws (/ws WebSocket), socketio,
                                  or stream (the enterprise stream, over TLS) (tcp)
              --vendor V          device-alarm: jovision (TCP) or vstarcam (HTTP multipart alarms) (jovision)
              --picture-bytes N   device-alarm, vstarcam: size of each alarm's generated picture (20000)
              --connections N     idle: PushServer connections (200000, capped by ulimit -n)
              --cameras LIST      video: cameras at each ingest step, stepped up until the server falls behind (25,100,200,300)
              --megabits LIST     video: the cameras' H.264 rates, Mbit/s, one ingest run each (1,2)
              --picture WxH       video: 1280x720 or 640x360 (1280x720)
              --viewers LIST      video: live viewers in all at each step, at most 500 (25,100,200,400)
              --live-cameras N    video: cameras the viewers watch, at the largest rate (2)
              --settle SECONDS    video: after cameras or viewers join, before a step is measured (4)
              --step SECONDS      video: how long each step is measured (10)
              --profile SECONDS   video: JFR of the server at the largest ingest step (15; 0: none)
            store: the core and SQLite store alone in the bench's JVM, its own options (java -jar alarmhub-bench.jar store --help)
            device-alarm, idle and video measure alarmhub alone, on a server the bench starts (--server-jar,
            --server-jvm); video also runs FFmpeg as the recording path's peer
            """;

    static BenchOptions parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException("name a scenario first");
        }
        List<String> scenarios = args[0].equals("all") ? SCENARIOS : List.of(args[0]);
        if (!SCENARIOS.containsAll(scenarios) && !ALARMHUB_ONLY.containsAll(scenarios)) {
            throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
        Map<String, String> given = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            given.put(args[i].substring(2), args[i + 1]);
        }
        List<String> systems = List.of(given.getOrDefault("systems", String.join(",", SYSTEMS)).split(","));
        if (!SYSTEMS.containsAll(systems)) {
            throw new IllegalArgumentException("systems are among " + SYSTEMS);
        }
        String jvm = given.getOrDefault("server-jvm", "").trim();
        List<Integer> sweep = list(given.get("sweep"), List.of());
        checkSweep(scenarios, given, sweep);
        if ("vstarcam".equals(given.get("vendor")) && "stream".equals(given.get("app"))) {
            throw new IllegalArgumentException("--app stream is for Jovision devices only (a VStarcam alarm carries no"
                    + " time of its own to match its raise on the stream by)");
        }
        return new BenchOptions(scenarios,
                positive(given.getOrDefault("messages", "20000")),
                positive(given.getOrDefault("receivers", "10")),
                positive(given.getOrDefault("subscribers", "1000")),
                positive(given.getOrDefault("publishes", "20")),
                positive(given.getOrDefault("payload", "256")),
                optionalPositive(given.get("window")),
                optionalPositive(given.get("publishers")),
                Integer.parseInt(given.getOrDefault("warmup", "-1")),
                systems,
                Path.of(given.getOrDefault("out", "bench/reports")),
                Path.of(given.getOrDefault("server-jar", "server/target/alarmhub.jar")),
                jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+")),
                Optional.ofNullable(given.get("alarmhub")),
                given.containsKey("alarmhub-metrics")
                        ? OptionalInt.of(positive(given.get("alarmhub-metrics"))) : OptionalInt.empty(),
                given.containsKey("alarmhub-pid")
                        ? OptionalLong.of(positive(given.get("alarmhub-pid"))) : OptionalLong.empty(),
                given.getOrDefault("mqtt", "tcp://127.0.0.1:1883"),
                given.getOrDefault("nats", "nats://127.0.0.1:4222"),
                Duration.ofSeconds(positive(given.getOrDefault("timeout", "300"))),
                given.getOrDefault("remark", ""),
                positive(given.getOrDefault("devices", "100")),
                positive(given.getOrDefault("alarms", "100000")),
                positive(given.getOrDefault("rate", "10000")),
                positive(given.getOrDefault("connections", "200000")),
                oneOf(given.getOrDefault("scheme", "2219"), DeviceAlarmRun.SCHEMES),
                oneOf(given.getOrDefault("app", "tcp"), DeviceAlarmRun.APPS),
                oneOf(given.getOrDefault("vendor", "jovision"), DeviceAlarmRun.SIMULATED),
                positive(given.getOrDefault("picture-bytes", "20000")),
                video(given), sweep, optionalPositive(given.get("duration")), optionalPositive(given.get("recover")));
    }

    /** A sweep runs each rate for a duration: a count of alarms or one rate beside it would be ambiguous. */
    private static void checkSweep(List<String> scenarios, Map<String, String> given, List<Integer> sweep) {
        if (given.containsKey("sweep") && !scenarios.equals(List.of("device-alarm"))) {
            throw new IllegalArgumentException("--sweep is for device-alarm only");
        }
        if (given.containsKey("alarms") && (given.containsKey("sweep") || given.containsKey("duration"))) {
            throw new IllegalArgumentException("--alarms is for a single run; --duration sets how long each run"
                    + " (of --rate, or of each --sweep rate) lasts");
        }
        if (given.containsKey("rate") && given.containsKey("sweep")) {
            throw new IllegalArgumentException("--sweep gives the rates; --rate is for a single run");
        }
        if (given.containsKey("recover") && (given.containsKey("sweep") || !scenarios.equals(List.of("device-alarm")))) {
            throw new IllegalArgumentException("--recover follows a single device-alarm run (--rate), not a sweep");
        }
        if (!sweep.equals(sweep.stream().sorted().distinct().toList())) {
            throw new IllegalArgumentException("--sweep rates go up, each once: " + sweep);
        }
    }

    /** Publishes in flight per publisher: {@code --window}, or 256 for saturate and 64 for the rest. */
    int windowFor(String scenario) {
        return window.orElse(scenario.equals("saturate") ? SATURATE_WINDOW : DEFAULT_WINDOW);
    }

    /** Publishing connections: fan-out has one; one-to-one {@code --publishers} or 1; saturate it or 4. */
    int publishersFor(String scenario) {
        if (scenario.equals("fan-out")) {
            return 1;
        }
        return publishers.orElse(scenario.equals("saturate") ? SATURATE_PUBLISHERS : 1);
    }

    /** device-alarm: the rates to run, one each: the sweep's, or {@code --rate} alone. */
    List<Integer> rates() {
        return sweep.isEmpty() ? List.of(rate) : sweep;
    }

    /** device-alarm: alarms of the run at {@code rate}: rate x duration for a sweep or a given duration, else --alarms. */
    int alarmsAt(int rate) {
        if (sweep.isEmpty() && duration.isEmpty()) {
            return alarms;
        }
        return Math.multiplyExact(rate, duration.orElse(DEFAULT_DURATION));
    }

    /** The video scenario's plan: {@link VideoPlan#DEFAULT} with what was given. */
    private static VideoPlan video(Map<String, String> given) {
        VideoPlan d = VideoPlan.DEFAULT;
        String picture = given.getOrDefault("picture", d.width() + "x" + d.height());
        String[] size = picture.split("x");
        if (size.length != 2) {
            throw new IllegalArgumentException("--picture is WIDTHxHEIGHT, got " + picture);
        }
        return new VideoPlan(list(given.get("cameras"), d.cameraSteps()), list(given.get("megabits"), d.megabits()),
                positive(size[0]), positive(size[1]), list(given.get("viewers"), d.viewerSteps()),
                positive(given.getOrDefault("live-cameras", String.valueOf(d.liveCameras()))),
                seconds(given.get("settle"), d.settle()), seconds(given.get("step"), d.step()),
                seconds(given.get("warmup"), d.warmup()), seconds(given.get("profile"), d.profile()));
    }

    /** Whole seconds; a negative one (the other scenarios' "default" warm-up) leaves the default. */
    private static Duration seconds(String value, Duration otherwise) {
        int n = value == null ? -1 : Integer.parseInt(value);
        return n < 0 ? otherwise : Duration.ofSeconds(n);
    }

    private static List<Integer> list(String value, List<Integer> otherwise) {
        return value == null ? otherwise : Arrays.stream(value.split(",")).map(BenchOptions::positive).toList();
    }


    /** Publishes of the unreported warm-up run: given, or a default per scenario that wakes the JIT. */
    int warmupFor(String scenario) {
        if (warmup >= 0) {
            return warmup;
        }
        return scenario.equals("fan-out") ? 2 : Math.min(2000, messages);
    }

    private static String oneOf(String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("expected one of " + allowed + ", got " + value);
        }
        return value;
    }

    private static OptionalInt optionalPositive(String value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(positive(value));
    }

    private static int positive(String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException("expected a positive number, got " + value);
        }
        return n;
    }
}
