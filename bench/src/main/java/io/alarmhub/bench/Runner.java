package io.alarmhub.bench;

import io.alarmhub.bench.peer.Link;
import io.alarmhub.bench.peer.Peer;
import io.alarmhub.bench.scenario.LatencyRecorder;
import io.alarmhub.bench.scenario.Measurement;
import io.alarmhub.bench.scenario.Payload;
import io.alarmhub.bench.scenario.Scenario;
import io.alarmhub.bench.stats.ProcessSampler;
import io.alarmhub.bench.stats.ServerStats;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario against one system: connects its receivers, then publishes as fast as a window
 * of {@link Scenario#window()} publishes in flight allows, and waits until every delivery has been
 * read or the time is up. An unfinished run is a result too: the report says how far it got.
 */
public final class Runner {

    private Runner() {
    }

    public static Measurement run(Peer peer, Scenario scenario, Duration timeout) throws Exception {
        Semaphore window = new Semaphore(scenario.window());
        Payload payload = new Payload(scenario.payloadBytes());
        LatencyRecorder recorder = new LatencyRecorder(scenario, seq -> {
            if (!peer.acknowledgesPublish()) {
                window.release();
            }
        });
        Runnable published = peer.acknowledgesPublish() ? window::release : () -> { };
        try (Link link = peer.open(scenario, recorder, published)) {
            Optional<ProcessSampler> sampler = peer.pid().stream()
                    .mapToObj(pid -> new ProcessSampler(pid, peer.metrics())).findFirst();
            sampler.ifPresent(ProcessSampler::start);
            long deadline = System.nanoTime() + timeout.toNanos();
            recorder.start();
            String note = peer.note();
            for (int seq = 0; seq < scenario.publishes(); seq++) {
                if (!window.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    note = "timed out after " + seq + " publishes with the window full. " + note;
                    break;
                }
                // the clock is read as late as possible: latency starts when the sender writes
                link.publish(seq, payload.render(System.nanoTime(), seq));
            }
            boolean all = recorder.awaitAll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            Optional<ServerStats> stats = sampler.flatMap(ProcessSampler::stop);
            if (!all) {
                note = "INCOMPLETE: " + recorder.delivered() + " of " + scenario.expectedDeliveries()
                        + " deliveries within " + timeout.toSeconds() + " s. " + note;
            }
            return new Measurement(peer.name(), recorder.delivered(), recorder.duplicates(), scenario.expectedDeliveries(),
                    link.errors() + recorder.unreadable(), recorder.elapsedNanos(), recorder.histogram(),
                    recorder.perTick(), stats, note.trim());
        }
    }
}
