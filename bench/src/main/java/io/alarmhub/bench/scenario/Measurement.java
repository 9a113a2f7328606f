package io.alarmhub.bench.scenario;

import io.alarmhub.bench.stats.ServerStats;
import org.HdrHistogram.Histogram;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The result of one system running one scenario.
 *
 * @param system       how the report names the system
 * @param delivered    bodies the receivers read, repeats left out
 * @param duplicates   repeated deliveries (at least once allows them)
 * @param expected     bodies they should have read
 * @param errors       publishes the system refused or answered with an error, and unreadable bodies
 * @param elapsedNanos from the first publish to the last delivery
 * @param latency      end-to-end latency of each delivery, nanoseconds
 * @param perTick      deliveries read in each tick ({@link LatencyRecorder#TICK_NANOS}) of the run
 * @param server       the server process's CPU, heap and RSS, when it could be observed
 * @param bench        the bench's own JVM (the clients), less a server that runs inside it, when it could be read
 * @param note         what the report should say about this run beyond its numbers; empty for nothing
 */
public record Measurement(String system, long delivered, long duplicates, long expected, long errors, long elapsedNanos,
                          Histogram latency, long[] perTick, Optional<ServerStats> server, Optional<ServerStats> bench,
                          String note) {

    /** A system that could not run the scenario at all, and why. */
    public static Measurement failed(String system, long expected, String why) {
        return new Measurement(system, 0, 0, expected, 1, 0, new Histogram(3), new long[0], Optional.empty(),
                Optional.empty(), "FAILED: " + why);
    }

    /** Every expected delivery arrived and nothing was refused. */
    public boolean complete() {
        return delivered >= expected && errors == 0;
    }

    /** Deliveries per second over the whole run. */
    public double messagesPerSecond() {
        return elapsedNanos <= 0 ? 0 : delivered * 1e9 / elapsedNanos;
    }

    /** A latency percentile (0..100) in milliseconds. */
    public double percentileMillis(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1e6;
    }

    /** The largest latency in milliseconds. */
    public double maxMillis() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1e6;
    }

    /** The server's CPU-seconds over the messages delivered, µs each. */
    public OptionalDouble serverMicrosPerMessage() {
        return server.isPresent() ? server.get().microsPer(delivered) : OptionalDouble.empty();
    }

    /** The bench's own CPU-seconds over the messages delivered, µs each. */
    public OptionalDouble benchMicrosPerMessage() {
        return bench.isPresent() ? bench.get().microsPer(delivered) : OptionalDouble.empty();
    }
}
