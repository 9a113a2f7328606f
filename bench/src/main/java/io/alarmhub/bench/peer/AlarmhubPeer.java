package io.alarmhub.bench.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.bench.scenario.LatencyRecorder;
import io.alarmhub.bench.scenario.Scenario;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * alarmhub over PushServer, its newline-delimited JSON face: receivers connect ({@code t:14}) as
 * aliases (and register on a topic, {@code t:2}, for fan-out) and acknowledge every push
 * ({@code t:-5}); the publisher sends {@code t:6} publishes, each answered {@code t:-6} once the message
 * and its pending entries are committed. So a delivery here is the whole durable path.
 */
public final class AlarmhubPeer implements Peer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUSH = "{\"t\":5,";
    private static final String MID = "\"mid\":\"";

    private final String host;
    private final int tcpPort;
    private final OptionalLong pid;
    private final Optional<URI> metrics;
    private final Optional<AlarmhubServer> owned;
    private final EventLoopGroup group = new NioEventLoopGroup(2);
    // names unique per bench process and run, so a running server's earlier pending messages never mix in
    private final String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger runs = new AtomicInteger();

    private AlarmhubPeer(String host, int tcpPort, OptionalLong pid, Optional<URI> metrics,
                         Optional<AlarmhubServer> owned) {
        this.host = host;
        this.tcpPort = tcpPort;
        this.pid = pid;
        this.metrics = metrics;
        this.owned = owned;
    }

    /** A server the bench started; closing the peer stops it. */
    public static AlarmhubPeer of(AlarmhubServer server) {
        return new AlarmhubPeer("127.0.0.1", server.tcpPort(), OptionalLong.of(server.pid()),
                Optional.of(server.metricsUri()), Optional.of(server));
    }

    /** A server already running, observed through its pid and metrics endpoint when given. */
    public static AlarmhubPeer running(String host, int tcpPort, OptionalLong pid, Optional<URI> metrics) {
        return new AlarmhubPeer(host, tcpPort, pid, metrics, Optional.empty());
    }

    @Override
    public String name() {
        return "alarmhub";
    }

    @Override
    public OptionalLong pid() {
        return pid;
    }

    @Override
    public Optional<URI> metrics() {
        return metrics;
    }

    @Override
    public boolean acknowledgesPublish() {
        return true;
    }

    @Override
    public String note() {
        return "PushServer (TCP JSON lines), durable: each publish answered after commit to SQLite, each push acked by its receiver";
    }

    @Override
    public Link open(Scenario scenario, LatencyRecorder recorder, IntConsumer published) throws Exception {
        String run = prefix + "-" + runs.incrementAndGet();
        AtomicLong errors = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(scenario.receivers());
        List<Channel> channels = new ArrayList<>();
        for (int k = 0; k < scenario.receivers(); k++) {
            Channel receiver = Lines.connect(group, host, tcpPort,
                    (ch, line) -> onReceiverLine(ch, line, scenario, run, recorder, ready, errors));
            channels.add(receiver);
            receiver.writeAndFlush("{\"t\":14,\"alias\":\"" + run + "-r" + k + "\"}\n");
        }
        if (!ready.await(30 + scenario.receivers() / 10, TimeUnit.SECONDS)) {
            channels.forEach(Channel::close);
            throw new IOException((scenario.receivers() - ready.getCount()) + " of " + scenario.receivers()
                    + " alarmhub receivers got ready in time");
        }
        // each publisher its own connection: the server answers at most tcp.max-in-flight (64) requests of one
        List<Channel> publishers = new ArrayList<>();
        for (int p = 0; p < scenario.publishers(); p++) {
            int publisher = p;
            publishers.add(Lines.connect(group, host, tcpPort, (ch, line) -> {
                if (!line.startsWith("{\"t\":-6")) {
                    errors.incrementAndGet();
                    System.err.println("alarmhub publish refused: " + line);
                }
                published.accept(publisher);
            }));
        }
        channels.addAll(publishers);
        String target = scenario.fanOut()
                ? "\"method\":\"publish\",\"topic\":[\"" + run + "-fan\"]"
                : "\"method\":\"publish_to_alias\",\"alias\":[\"" + run + "-r";
        return new Link() {
            @Override
            public void publish(int publisher, int seq, String body) {
                String to = scenario.fanOut() ? target : target + scenario.receiverOf(seq) + "\"]";
                publishers.get(publisher).writeAndFlush("{\"t\":6," + to + ",\"msg\":" + body + ",\"num\":" + seq + "}\n");
            }

            @Override
            public long errors() {
                return errors.get();
            }

            @Override
            public void close() {
                channels.forEach(ch -> ch.close().syncUninterruptibly());
            }
        };
    }

    private static void onReceiverLine(Channel ch, String line, Scenario scenario, String run,
                                       LatencyRecorder recorder, CountDownLatch ready, AtomicLong errors) {
        if (line.startsWith(PUSH)) {
            // the hot path: no JSON tree, the recorder finds its fields in the line itself
            recorder.received(line);
            int at = line.indexOf(MID);
            if (at >= 0) {
                int from = at + MID.length();
                ch.writeAndFlush("{\"t\":-5,\"mid\":\"" + line.substring(from, line.indexOf('"', from)) + "\"}\n");
            }
            return;
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(line);
        } catch (IOException e) {
            errors.incrementAndGet();
            return;
        }
        switch (reply.path("t").asInt()) {
            case -14 -> {
                if (scenario.fanOut()) {
                    ch.writeAndFlush("{\"t\":2,\"topic\":[\"" + run + "-fan\"],\"num\":1}\n");
                } else {
                    ready.countDown();
                }
            }
            case -2 -> ready.countDown();
            case 0 -> {
                errors.incrementAndGet();
                System.err.println("alarmhub receiver error: " + line);
            }
            default -> {
                // other replies (heartbeats) carry nothing the bench measures
            }
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        owned.ifPresent(AlarmhubServer::close);
    }
}
