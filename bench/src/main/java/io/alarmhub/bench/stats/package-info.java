/**
 * The server's side of a run: CPU time and resident memory of its process, read from {@code /proc},
 * and, for alarmhub, the JVM heap from its Prometheus endpoint. Sampled once a second while a
 * scenario runs, so the report can set throughput beside what it cost.
 */
package io.alarmhub.bench.stats;
