package io.alarmhub.bench.store;

import io.alarmhub.bench.report.Machine;
import io.alarmhub.bench.report.Report;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar alarmhub-bench.jar store [--alarms N] [--devices N] [--window N] [--commit-delays MS,MS]
 * [--out DIR]}: runs {@link StoreRun} once per commit delay (after an unreported warm-up run each) and writes
 * {@code bench-store-<UTC time>.md}.
 */
public final class StoreBench {

    public static final String USAGE = """
            usage: java -jar alarmhub-bench.jar store [options]
              --alarms N           alarms per measured run (200000)
              --devices N          devices, one owner each (100)
              --window N           alarms in flight (512)
              --commit-delays LIST store.commit-delay values to compare, in ms (0,1,2)
              --out DIR            report directory (bench/reports)
            """;

    private StoreBench() {
    }

    /** The settings of one invocation. */
    record Options(int alarms, int devices, int window, List<Duration> commitDelays, Path out) {

        static Options parse(List<String> args) {
            Map<String, String> given = new HashMap<>();
            for (int i = 0; i < args.size(); i += 2) {
                String key = args.get(i);
                if (!List.of("--alarms", "--devices", "--window", "--commit-delays", "--out").contains(key)
                        || i + 1 >= args.size()) {
                    throw new IllegalArgumentException("unknown option or missing value: " + key);
                }
                given.put(key.substring(2), args.get(i + 1));
            }
            List<Duration> delays = Arrays.stream(given.getOrDefault("commit-delays", "0,1,2").split(","))
                    .map(ms -> Duration.ofMillis(Long.parseLong(ms.trim()))).toList();
            return new Options(positive(given.getOrDefault("alarms", "200000")),
                    positive(given.getOrDefault("devices", "100")), positive(given.getOrDefault("window", "512")),
                    delays, Path.of(given.getOrDefault("out", "bench/reports")));
        }

        private static int positive(String text) {
            int value = Integer.parseInt(text);
            if (value < 1) {
                throw new IllegalArgumentException("expected a positive number, was " + text);
            }
            return value;
        }
    }

    /** Runs the scenario; returns the report written. */
    public static Path run(List<String> args, String command) throws Exception {
        Options options = Options.parse(args);
        Report report = new Report(Machine.current(), command, "");
        List<StoreRun.Result> results = new ArrayList<>();
        for (Duration delay : options.commitDelays()) {
            StoreRun.run(options.devices(), Math.min(options.alarms(), 20_000), options.window(), delay,
                    Duration.ofMinutes(5)); // warm-up, unreported
            StoreRun.Result r = StoreRun.run(options.devices(), options.alarms(), options.window(), delay,
                    Duration.ofMinutes(10));
            System.out.println(line(r));
            results.add(r);
        }
        report.addText("store", markdown(options, results), List.of());
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return report.write(options.out(), "bench-store-" + stamp);
    }

    static String line(StoreRun.Result r) {
        return String.format(Locale.ROOT, "store commit-delay %d ms: %.0f alarms/s, writer %.1f µs/alarm, JVM %.1f µs/alarm,"
                        + " %.1f operations per commit", r.commitDelay().toMillis(), r.alarmsPerSecond(),
                r.writerMicrosPerAlarm(), r.processMicrosPerAlarm(), r.operationsPerCommit());
    }

    static String markdown(Options o, List<StoreRun.Result> results) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
                The alarm path's core and store alone, in the bench's JVM: %d alarms from %d devices through the \
                real `EventDesk`, `PushHub` and `SqlitePushStore` (SQLite, WAL, `synchronous=FULL`, a fresh file per \
                run), each recorded (event, device, message, pending entry in one transaction), delivered to its \
                owner's receiver and acknowledged by it at once; %d alarms kept in flight, so the store's single \
                writer never waits for work. No sockets, no JSON parsing: what is left is what the store costs. \
                Writer CPU is that thread's own (`ThreadMXBean`); JVM CPU includes the thread that feeds the alarms, \
                GC and JIT.

                | store.commit-delay | alarms/s | writer CPU µs/alarm | JVM CPU µs/alarm | commits per 1,000 alarms | operations per commit |
                |---:|---:|---:|---:|---:|---:|
                """, o.alarms(), o.devices(), o.window()));
        for (StoreRun.Result r : results) {
            md.append(String.format(Locale.ROOT, "| %d ms | %.0f | %.1f | %.1f | %.1f | %.0f |%n",
                    r.commitDelay().toMillis(), r.alarmsPerSecond(), r.writerMicrosPerAlarm(),
                    r.processMicrosPerAlarm(), r.commitsPerAlarm() * 1000, r.operationsPerCommit()));
        }
        md.append("\nThe writer's CPU per alarm bounds what one node can store: at most 10⁶ ÷ that figure alarms a second"
                + " on its one thread, whatever the faces cost beside it.\n");
        return md.toString();
    }
}
