/**
 * What a benchmark run is: the traffic shape ({@link io.alarmhub.bench.scenario.Scenario}), the
 * message body that carries its send time ({@link io.alarmhub.bench.scenario.Payload}), and what is
 * measured while it runs ({@link io.alarmhub.bench.scenario.LatencyRecorder}) and after
 * ({@link io.alarmhub.bench.scenario.Measurement}). Independent of the systems under test.
 */
package io.alarmhub.bench.scenario;
