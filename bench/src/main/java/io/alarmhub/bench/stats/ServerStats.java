package io.alarmhub.bench.stats;

import java.util.OptionalDouble;

/**
 * What the server process used during a run.
 *
 * @param cpuPercent average CPU over the run, 100 = one core busy
 * @param rssMb      largest resident set seen, MiB
 * @param heapMb     largest JVM heap in use seen, MiB; empty for servers that are not JVMs or expose no metrics
 */
public record ServerStats(double cpuPercent, double rssMb, OptionalDouble heapMb) {
}
