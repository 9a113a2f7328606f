/**
 * The benchmark report: a Markdown file with the machine, one table per scenario and alarmhub's
 * ratios to each peer, and a PNG per scenario charting latency percentiles and throughput over time.
 */
package io.alarmhub.bench.report;
