/**
 * The benchmark command: {@link io.alarmhub.bench.Bench} runs a scenario against alarmhub and its
 * peers side by side ({@link io.alarmhub.bench.Runner}) and writes the report; device-alarm
 * ({@link io.alarmhub.bench.DeviceAlarmRun}) runs one rate or a sweep of rates
 * ({@link io.alarmhub.bench.DeviceAlarmSweep}), reported by {@link io.alarmhub.bench.DeviceAlarmReport}.
 */
package io.alarmhub.bench;
