package io.alarmhub.bench.peer;

import io.alarmhub.bench.scenario.LatencyRecorder;
import io.alarmhub.bench.scenario.Scenario;
import io.alarmhub.bench.stats.ProcessSampler;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * NATS JetStream on the local nats-server (started with {@code -js}), with jnats: each run gets a stream of
 * its own, on file storage with one replica and interest retention (a message goes once every consumer
 * that wants it has acked it: alarmhub's pending entries, in JetStream's terms), deleted when the run ends.
 * Each receiver is a connection with its own durable pull consumer on its subject (the topic's, for
 * fan-out), explicit ack, each message acked once it is read. Each publisher publishes asynchronously, and
 * its window is freed by the server's PublishAck, which comes once the message is in the stream.
 *
 * <p>nats-server writes a message to its stream's files before it acks the publish, but syncs them to
 * disk only every {@code sync_interval} (two minutes unless configured), not per message.
 */
public final class JetStreamPeer implements Peer {

    private final String url;
    private final Connection admin;
    private final JetStreamManagement management;
    private final String prefix = "benchjs." + UUID.randomUUID().toString().substring(0, 8);
    private final String streamPrefix = "BENCH-" + prefix.substring(prefix.indexOf('.') + 1);
    private final AtomicInteger runs = new AtomicInteger();

    /** Connects to {@code url} and checks that the server runs JetStream, so that a missing one fails here. */
    public JetStreamPeer(String url) throws Exception {
        this.url = url;
        this.admin = NatsPeer.connect(url);
        try {
            this.management = admin.jetStreamManagement();
            management.getAccountStatistics();
        } catch (Exception e) {
            NatsPeer.closeQuietly(admin);
            throw e;
        }
    }

    @Override
    public String name() {
        return "jetstream";
    }

    @Override
    public OptionalLong pid() {
        return ProcessSampler.findByName("nats-server");
    }

    @Override
    public boolean acknowledgesPublish() {
        return true;
    }

    @Override
    public String note() {
        return "NATS JetStream, jnats: a stream per run (file storage, 1 replica, interest retention), async publishes"
                + " freed by their PublishAck, one durable pull consumer per receiver, each message acked (explicit"
                + " ack) once read; nats-server writes each message to its files before the PublishAck but syncs"
                + " them to disk only at its sync_interval (2 min by default), not per message";
    }

    @Override
    public Link open(Scenario scenario, LatencyRecorder recorder, IntConsumer published) throws Exception {
        int n = runs.incrementAndGet();
        String subjects = prefix + "." + n;
        String stream = streamPrefix + "-" + n;
        management.addStream(StreamConfiguration.builder().name(stream).subjects(subjects + ".>")
                .storageType(StorageType.File).retentionPolicy(RetentionPolicy.Interest).replicas(1).build());
        RunLink link = new RunLink(scenario, stream, subjects, published);
        try {
            link.receivers.addAll(Parallel.open(scenario.receivers(),
                    k -> Receiver.open(url, stream, "r" + k, link.subject(k), recorder), Receiver::close));
            for (int p = 0; p < scenario.publishers(); p++) {
                Connection publisher = NatsPeer.connect(url);
                link.publishers.add(publisher);
                link.jetStreams.add(publisher.jetStream());
            }
            return link;
        } catch (Exception | Error e) {
            link.close();
            throw e;
        }
    }

    /** One receiver: its connection and its consumer, which acks each message after the recorder has read it. */
    private record Receiver(Connection connection, MessageConsumer consumer) {

        static Receiver open(String url, String stream, String name, String subject, LatencyRecorder recorder)
                throws Exception {
            Connection connection = NatsPeer.connect(url);
            try {
                MessageConsumer consumer = connection.getStreamContext(stream).createOrUpdateConsumer(
                        ConsumerConfiguration.builder().durable(name).filterSubject(subject)
                                .ackPolicy(AckPolicy.Explicit).deliverPolicy(DeliverPolicy.All).build())
                        .consume(message -> {
                            recorder.received(new String(message.getData(), StandardCharsets.UTF_8));
                            message.ack();
                        });
                return new Receiver(connection, consumer);
            } catch (Exception e) {
                NatsPeer.closeQuietly(connection);
                throw e;
            }
        }

        void close() {
            consumer.stop();
            NatsPeer.closeQuietly(connection);
        }
    }

    /** One run: its receivers and publishers; closing it closes them and deletes the run's stream. */
    private final class RunLink implements Link {
        private final Scenario scenario;
        private final String stream;
        private final String subjects;
        private final IntConsumer published;
        private final List<Receiver> receivers = new ArrayList<>();
        private final List<Connection> publishers = new ArrayList<>();
        private final List<JetStream> jetStreams = new ArrayList<>();
        private final AtomicLong errors = new AtomicLong();

        RunLink(Scenario scenario, String stream, String subjects, IntConsumer published) {
            this.scenario = scenario;
            this.stream = stream;
            this.subjects = subjects;
            this.published = published;
        }

        /** Receiver {@code k}'s subject: its own, or the topic's. */
        String subject(int k) {
            return scenario.fanOut() ? subjects + ".fan" : subjects + ".r" + k;
        }

        @Override
        public void publish(int publisher, int seq, String body) {
            jetStreams.get(publisher).publishAsync(subject(scenario.receiverOf(seq)), body.getBytes(StandardCharsets.UTF_8))
                    .whenComplete((ack, failure) -> {
                        if (failure != null && errors.incrementAndGet() <= 5) {
                            System.err.println("jetstream publish failed: " + failure);
                        }
                        published.accept(publisher);
                    });
        }

        @Override
        public long errors() {
            return errors.get();
        }

        @Override
        public void close() {
            receivers.forEach(Receiver::close);
            publishers.forEach(NatsPeer::closeQuietly);
            try {
                management.deleteStream(stream);
            } catch (Exception e) {
                System.err.println("could not delete the jetstream stream " + stream + ": " + e);
            }
        }
    }

    @Override
    public void close() {
        // every stream and connection of a run is gone with its link
        NatsPeer.closeQuietly(admin);
    }
}
