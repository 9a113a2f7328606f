package io.alarmhub.bench.peer;

import io.alarmhub.bench.scenario.LatencyRecorder;
import io.alarmhub.bench.scenario.Scenario;
import io.alarmhub.bench.stats.CpuClock;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntConsumer;

/** One system under test, reachable for as many scenario runs as the bench makes. */
public interface Peer extends AutoCloseable {

    /** How the report names it. */
    String name();

    /** The server process whose CPU and memory the report shows; empty when there is none apart from the bench. */
    OptionalLong pid();

    /**
     * For a server that runs inside the bench's own JVM (the Netty forwarder): the CPU of its threads, which
     * is its server CPU and is taken out of the bench's; empty for a server of its own process.
     */
    default Optional<CpuClock> threadCpu() {
        return Optional.empty();
    }

    /** A Prometheus endpoint of the server that reports its JVM heap. */
    default Optional<URI> metrics() {
        return Optional.empty();
    }

    /**
     * True when the system answers each publish (alarmhub's {@code t:-6}, MQTT's PUBACK), which then
     * frees the publisher's window; otherwise a publish frees it once every receiver has read it.
     */
    boolean acknowledgesPublish();

    /** What the report should say about how this system was measured; empty for nothing. */
    default String note() {
        return "";
    }

    /**
     * Connects the scenario's receivers, each handing what it reads to {@code recorder}, and its
     * {@link Scenario#publishers()} publishers, each a connection (a client) of its own; returns once all are
     * subscribed, so that nothing published is missed.
     *
     * @param published told the publisher's index once per publish the system has acknowledged (or refused)
     */
    Link open(Scenario scenario, LatencyRecorder recorder, IntConsumer published) throws Exception;

    @Override
    void close();
}
