package io.alarmhub.bench.stats;

import java.util.OptionalDouble;

/**
 * What a process used during a run: the server's, or the bench's own JVM (its clients), so that the report
 * can show the load generator was not the limit.
 *
 * @param cpuSeconds CPU time (user + system) used from the start of the run to its end
 * @param seconds    how long the run was sampled, wall-clock
 * @param rssMb      largest resident set seen, MiB; empty where it was not read (a server inside the bench's JVM)
 * @param heapMb     largest JVM heap in use seen, MiB; empty for servers that are not JVMs or expose no metrics
 */
public record ServerStats(double cpuSeconds, double seconds, OptionalDouble rssMb, OptionalDouble heapMb) {

    /** Average CPU over the run, 100 = one core busy. */
    public double cpuPercent() {
        return seconds <= 0 ? 0 : cpuSeconds / seconds * 100;
    }

    /**
     * CPU time per message in microseconds: the CPU-seconds of the run over the {@code messages} delivered in
     * it. Empty when nothing was delivered.
     */
    public OptionalDouble microsPer(long messages) {
        return messages <= 0 ? OptionalDouble.empty() : OptionalDouble.of(cpuSeconds * 1e6 / messages);
    }
}
