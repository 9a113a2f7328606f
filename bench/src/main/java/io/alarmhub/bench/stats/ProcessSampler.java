package io.alarmhub.bench.stats;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples one process once a second from {@link #start()} to {@link #stop()}: CPU time (a {@link CpuClock},
 * usually {@code /proc/<pid>/stat} utime + stime, read at both ends), resident set ({@code /proc/<pid>/status}
 * VmRSS), and optionally the heap a Prometheus endpoint reports ({@code jvm_memory_used_bytes{area="heap"}}).
 * Linux only; elsewhere {@link #stop()} gives nothing.
 */
public final class ProcessSampler {

    /** Clock ticks per second of /proc/<pid>/stat times; 100 on every Linux the bench runs on. */
    public static final double TICKS_PER_SECOND = 100;

    private final CpuClock cpu;
    private final OptionalLong rssPid;
    private final Optional<URI> metrics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "process-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private OptionalLong startCpu = OptionalLong.empty();
    private long startNanos;
    private volatile double maxRssMb;
    private volatile double maxHeapMb = -1;

    /** A process: its CPU and RSS from {@code /proc}, its heap from {@code metrics} when given. */
    public ProcessSampler(long pid, Optional<URI> metrics) {
        this(CpuClock.process(pid), OptionalLong.of(pid), metrics);
    }

    /** CPU from {@code cpu}; RSS from {@code /proc} when {@code rssPid} is given; heap from {@code metrics}. */
    public ProcessSampler(CpuClock cpu, OptionalLong rssPid, Optional<URI> metrics) {
        this.cpu = cpu;
        this.rssPid = rssPid;
        this.metrics = metrics;
    }

    /** The bench's own JVM, less {@code inside}: the CPU of a server run in the bench's process, if any. */
    public static ProcessSampler bench(Optional<CpuClock> inside) {
        long self = ProcessHandle.current().pid();
        CpuClock jvm = CpuClock.process(self);
        return new ProcessSampler(inside.map(jvm::minus).orElse(jvm), OptionalLong.of(self), Optional.empty());
    }

    public ProcessSampler start() {
        startCpu = cpu.nanos();
        startNanos = System.nanoTime();
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    /** Stops sampling; what the process used since {@link #start()}, if it could be read at all. */
    public Optional<ServerStats> stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
        OptionalLong endCpu = cpu.nanos();
        if (startCpu.isEmpty() || endCpu.isEmpty() || (rssPid.isPresent() && maxRssMb == 0)) {
            // the process went away during the run, or this is not Linux
            return Optional.empty();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cpuSeconds = Math.max(0, endCpu.getAsLong() - startCpu.getAsLong()) / 1e9;
        OptionalDouble rss = maxRssMb > 0 ? OptionalDouble.of(maxRssMb) : OptionalDouble.empty();
        OptionalDouble heap = maxHeapMb < 0 ? OptionalDouble.empty() : OptionalDouble.of(maxHeapMb);
        return Optional.of(new ServerStats(cpuSeconds, seconds, rss, heap));
    }

    private void sample() {
        rssPid.ifPresent(pid -> rssKb(pid).ifPresent(kb -> maxRssMb = Math.max(maxRssMb, kb / 1024.0)));
        metrics.flatMap(this::heapBytes).ifPresent(bytes -> maxHeapMb = Math.max(maxHeapMb, bytes / 1048576.0));
    }

    /** utime + stime of a process, in clock ticks ({@link #TICKS_PER_SECOND} a second). */
    public static OptionalLong cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    public static OptionalLong rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone or this is not Linux
        }
        return OptionalLong.empty();
    }

    /** The heap in use now, as the metrics endpoint at {@code uri} reports it. */
    public static Optional<Double> heapBytesNow(URI uri) {
        return new ProcessSampler(() -> OptionalLong.empty(), OptionalLong.empty(), Optional.of(uri)).heapBytes(uri);
    }

    private Optional<Double> heapBytes(URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? heapBytes(response.body().lines().toList()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The sum of the heap pools' {@code jvm_memory_used_bytes} in Prometheus text. */
    static Optional<Double> heapBytes(List<String> prometheusText) {
        double sum = 0;
        boolean seen = false;
        for (String line : prometheusText) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                seen = true;
            }
        }
        return seen ? Optional.of(sum) : Optional.empty();
    }

    /** The pid of a running process whose command name is exactly {@code comm}, as the bench's peers. */
    public static OptionalLong findByName(String comm) {
        try (var dirs = Files.list(Path.of("/proc"))) {
            return dirs.filter(dir -> dir.getFileName().toString().matches("\\d+"))
                    .filter(dir -> {
                        try {
                            return Files.readString(dir.resolve("comm")).trim().equals(comm);
                        } catch (IOException | RuntimeException gone) {
                            return false;
                        }
                    })
                    .mapToLong(dir -> Long.parseLong(dir.getFileName().toString()))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
