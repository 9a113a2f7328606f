/**
 * What a run cost: CPU time and resident memory of the server's process, read from {@code /proc}, and,
 * for alarmhub, the JVM heap from its Prometheus endpoint; the same CPU for the bench's own JVM, so the
 * report shows the load generator was not the limit; and, for a server inside the bench's JVM, its own
 * threads' CPU ({@link io.alarmhub.bench.stats.ThreadCpu}). Sampled while a scenario runs, so the report
 * can set throughput beside CPU per message.
 */
package io.alarmhub.bench.stats;
