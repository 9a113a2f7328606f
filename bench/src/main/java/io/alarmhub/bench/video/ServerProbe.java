package io.alarmhub.bench.video;

import io.alarmhub.bench.stats.ProcessSampler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Reads, at one moment, what the server has done so far: its process's CPU time and disk writes ({@code /proc}),
 * its counters on the metrics endpoint, the bytes of its recordings, and the bench's own CPU time (the cameras'
 * and viewers' cost, which shares the machine). Two snapshots around a step give the step's figures.
 */
final class ServerProbe {

    /** The Prometheus series the scenario reads, as the server names them. */
    static final String PACKAGES = "alarmhub_hemu_media_packages_total";
    static final String LOST = "alarmhub_hemu_media_lost_total";
    static final String RECORDER_DROPPED = "alarmhub_hemu_recorder_dropped_total";
    static final String SKIPPED_GOPS = "alarmhub_hemu_live_skipped_gops_total";

    /**
     * @param serverTicks and {@code benchTicks}: CPU time in clock ticks
     * @param diskWriteBytes the server's {@code write_bytes} (what it sent to the storage layer), -1 if unknown
     * @param machineTicks   every core's time, {@code machineIdleTicks} their idle part ({@code /proc/stat})
     */
    record Snapshot(long nanos, long serverTicks, long benchTicks, long machineTicks, long machineIdleTicks,
                    long diskWriteBytes, long recordingBytes,
                    double videoPackages, double audioPackages, double lost, double recorderDropped,
                    double skippedGops) {
    }

    private final long pid;
    private final URI metrics;
    private final Path recordings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ServerProbe(long pid, URI metrics, Path recordings) {
        this.pid = pid;
        this.metrics = metrics;
        this.recordings = recordings;
    }

    Snapshot snapshot() throws IOException, InterruptedException {
        List<String> text = scrape();
        long[] machine = machineTicks();
        return new Snapshot(System.nanoTime(), ProcessSampler.cpuTicks(pid).orElse(-1),
                ProcessSampler.cpuTicks(ProcessHandle.current().pid()).orElse(-1), machine[0], machine[1],
                writeBytes(pid).orElse(-1),
                directoryBytes(recordings), sum(text, PACKAGES, "kind=\"video\""), sum(text, PACKAGES, "kind=\"audio\""),
                sum(text, LOST, ""), sum(text, RECORDER_DROPPED, ""), sum(text, SKIPPED_GOPS, ""));
    }

    private List<String> scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(metrics + " answered " + response.statusCode());
        }
        return response.body().lines().toList();
    }

    /**
     * The sum of the series of {@code name} whose labels contain {@code label} (empty: every series).
     *
     * @throws IOException when there is no such series: a metric the scenario reads has been renamed
     */
    static double sum(List<String> prometheusText, String name, String label) throws IOException {
        double sum = 0;
        boolean seen = false;
        for (String line : prometheusText) {
            boolean named = line.startsWith(name + "{") || line.startsWith(name + " ");
            if (named && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                seen = true;
            }
        }
        if (!seen) {
            throw new IOException("the server's metrics have no " + name + (label.isEmpty() ? "" : "{" + label + "}"));
        }
        return sum;
    }

    /**
     * All cores' time and its idle part (idle and iowait) from {@code /proc/stat}'s {@code cpu} line, in clock
     * ticks; zeros where there is none. The machine is shared, so its busy share is what saturation is judged by.
     */
    static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) { // user … steal; guest time is within user
                total += Long.parseLong(fields[i]);
            }
            return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** {@code write_bytes} of {@code /proc/<pid>/io}: bytes the process caused to be written to storage. */
    static OptionalLong writeBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
                if (line.startsWith("write_bytes:")) {
                    return OptionalLong.of(Long.parseLong(line.substring("write_bytes:".length()).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable
        }
        return OptionalLong.empty();
    }

    /** The bytes of every file under {@code dir}; 0 while it does not exist. */
    static long directoryBytes(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // removed meanwhile
                }
            }).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
