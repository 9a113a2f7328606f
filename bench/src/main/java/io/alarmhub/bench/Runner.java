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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs one scenario against one system: connects its receivers and publishers, then each publisher
 * publishes its share (publish {@code seq} is publisher {@code seq % publishers}'s) as fast as a window of
 * {@link Scenario#window()} publishes in flight allows, each publisher on its own thread with its own window,
 * and waits until every delivery has been read or the time is up. An unfinished run is a result too: the
 * report says how far it got. The server's process and the bench's own JVM are sampled over the run.
 */
public final class Runner {

    private Runner() {
    }

    public static Measurement run(Peer peer, Scenario scenario, Duration timeout) throws Exception {
        Semaphore[] windows = IntStream.range(0, scenario.publishers())
                .mapToObj(p -> new Semaphore(scenario.window())).toArray(Semaphore[]::new);
        Payload payload = new Payload(scenario.payloadBytes());
        LatencyRecorder recorder = new LatencyRecorder(scenario, seq -> {
            if (!peer.acknowledgesPublish()) {
                windows[scenario.publisherOf(seq)].release();
            }
        });
        IntConsumer published = peer.acknowledgesPublish() ? p -> windows[p].release() : p -> { };
        try (Link link = peer.open(scenario, recorder, published)) {
            Optional<ProcessSampler> server = serverSampler(peer);
            ProcessSampler bench = ProcessSampler.bench(peer.threadCpu()).start();
            long deadline = System.nanoTime() + timeout.toNanos();
            recorder.start();
            String note = publishAll(link, scenario, windows, payload, deadline) + peer.note();
            boolean all = recorder.awaitAll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            Optional<ServerStats> serverStats = server.flatMap(ProcessSampler::stop);
            Optional<ServerStats> benchStats = bench.stop();
            if (!all) {
                note = "INCOMPLETE: " + recorder.delivered() + " of " + scenario.expectedDeliveries()
                        + " deliveries within " + timeout.toSeconds() + " s. " + note;
            }
            return new Measurement(peer.name(), recorder.delivered(), recorder.duplicates(), scenario.expectedDeliveries(),
                    link.errors() + recorder.unreadable(), recorder.elapsedNanos(), recorder.histogram(),
                    recorder.perTick(), serverStats, benchStats, note.trim());
        }
    }

    /** The server's own process (with its metrics endpoint), or the threads it runs on inside the bench. */
    private static Optional<ProcessSampler> serverSampler(Peer peer) {
        Optional<ProcessSampler> sampler = peer.pid().isPresent()
                ? Optional.of(new ProcessSampler(peer.pid().getAsLong(), peer.metrics()))
                : peer.threadCpu().map(cpu -> new ProcessSampler(cpu, OptionalLong.empty(), Optional.empty()));
        sampler.ifPresent(ProcessSampler::start);
        return sampler;
    }

    /** Every publisher's share, one thread each (the calling one when there is one publisher); what stalled. */
    private static String publishAll(Link link, Scenario scenario, Semaphore[] windows, Payload payload, long deadline)
            throws Exception {
        if (scenario.publishers() == 1) {
            return publish(link, scenario, windows[0], payload, deadline, 0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(scenario.publishers(), task -> {
            Thread thread = new Thread(task, "bench-publisher");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<String>> shares = new ArrayList<>();
            for (int p = 0; p < scenario.publishers(); p++) {
                int publisher = p;
                shares.add(pool.submit(() -> publish(link, scenario, windows[publisher], payload, deadline, publisher)));
            }
            StringBuilder stalled = new StringBuilder();
            for (Future<String> share : shares) {
                stalled.append(share.get());
            }
            return stalled.toString();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Publisher {@code p}'s publishes, each once its window has room; a note if it ran out of time. */
    private static String publish(Link link, Scenario scenario, Semaphore window, Payload payload, long deadline, int p)
            throws Exception {
        int sent = 0;
        for (int seq = p; seq < scenario.publishes(); seq += scenario.publishers()) {
            if (!window.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return (scenario.publishers() == 1 ? "" : "publisher " + p + " ") + "timed out after " + sent
                        + " publishes with the window full. ";
            }
            // the clock is read as late as possible: latency starts when the sender writes
            link.publish(p, seq, payload.render(System.nanoTime(), seq));
            sent++;
        }
        return "";
    }
}
