package io.alarmhub.bench.peer;

import io.alarmhub.bench.scenario.LatencyRecorder;
import io.alarmhub.bench.scenario.Scenario;
import io.alarmhub.bench.stats.ProcessSampler;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * NATS core with jnats: one connection per receiver, subscribed to its subject, and one per publisher;
 * a publisher publishes without acknowledgement (core NATS has none), so its window counts publishes not
 * yet read by all their receivers. Nothing is stored: the ceiling of a broker, not a peer in durability
 * ({@link JetStreamPeer} is that).
 */
public final class NatsPeer implements Peer {

    private final String url;
    private final String prefix = "bench." + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger runs = new AtomicInteger();

    public NatsPeer(String url) {
        this.url = url;
    }

    @Override
    public String name() {
        return "nats";
    }

    @Override
    public OptionalLong pid() {
        return ProcessSampler.findByName("nats-server");
    }

    @Override
    public boolean acknowledgesPublish() {
        return false;
    }

    @Override
    public String note() {
        return "NATS core, jnats; at most once, in memory, no publish acknowledgement";
    }

    @Override
    public Link open(Scenario scenario, LatencyRecorder recorder, IntConsumer published) throws Exception {
        String run = prefix + "." + runs.incrementAndGet();
        List<Connection> connections = new ArrayList<>(Parallel.open(scenario.receivers(), k -> {
            Connection receiver = connect(url);
            try {
                Dispatcher dispatcher = receiver.createDispatcher(
                        message -> recorder.received(new String(message.getData(), StandardCharsets.UTF_8)));
                dispatcher.subscribe(scenario.fanOut() ? run + ".fan" : run + ".r" + k);
                // the round trip makes sure the server has the subscription before anything is published
                receiver.flush(Duration.ofSeconds(30));
            } catch (Exception e) {
                closeQuietly(receiver);
                throw e;
            }
            return receiver;
        }, NatsPeer::closeQuietly));
        try {
            List<Connection> publishers = new ArrayList<>();
            for (int p = 0; p < scenario.publishers(); p++) {
                publishers.add(connect(url));
                connections.add(publishers.get(p));
            }
            return new Link() {
                @Override
                public void publish(int publisher, int seq, String body) {
                    String subject = scenario.fanOut() ? run + ".fan" : run + ".r" + scenario.receiverOf(seq);
                    publishers.get(publisher).publish(subject, body.getBytes(StandardCharsets.UTF_8));
                }

                @Override
                public long errors() {
                    return 0;
                }

                @Override
                public void close() {
                    connections.forEach(NatsPeer::closeQuietly);
                }
            };
        } catch (Exception e) {
            connections.forEach(NatsPeer::closeQuietly);
            throw e;
        }
    }

    /** A connection of its own, as every receiver and publisher has. */
    static Connection connect(String url) throws Exception {
        return Nats.connect(new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(30))
                .noReconnect().build());
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        // every connection belongs to a run and is closed with its link
    }
}
