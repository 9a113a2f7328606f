/**
 * The benchmark command: {@link io.alarmhub.bench.Bench} runs a scenario against alarmhub and its
 * peers side by side ({@link io.alarmhub.bench.Runner}) and writes the report.
 */
package io.alarmhub.bench;
