package io.alarmhub.bench.peer;

import io.alarmhub.bench.scenario.LatencyRecorder;
import io.alarmhub.bench.scenario.Scenario;
import io.alarmhub.bench.stats.CpuClock;
import io.alarmhub.bench.stats.ThreadCpu;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The bare {@link NettyForwarder}, started in the bench's own JVM, with Netty line clients. Like
 * NATS it acknowledges nothing, so the publisher's window counts publishes not yet read. Its server CPU
 * is its own threads' (acceptor and event loops), read from the JVM and taken out of the bench's.
 */
public final class NettyForwarderPeer implements Peer {

    private final ThreadCpu threads = new ThreadCpu(new DefaultThreadFactory("netty-forwarder"));
    private final NettyForwarder forwarder;
    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final AtomicInteger runs = new AtomicInteger();

    public NettyForwarderPeer() throws InterruptedException {
        forwarder = new NettyForwarder(2, threads);
    }

    @Override
    public String name() {
        return "netty-forwarder";
    }

    @Override
    public OptionalLong pid() {
        // it shares the bench's process with the clients: its CPU is its threads', see threadCpu()
        return OptionalLong.empty();
    }

    @Override
    public Optional<CpuClock> threadCpu() {
        return Optional.of(threads);
    }

    @Override
    public boolean acknowledgesPublish() {
        return false;
    }

    @Override
    public String note() {
        return "bare Netty line forwarder in the bench's JVM: no parsing, storage or acks; the machine's ceiling."
                + " Its server CPU is its own threads' (JVM thread CPU time), taken out of the bench's";
    }

    @Override
    public Link open(Scenario scenario, LatencyRecorder recorder, IntConsumer published) throws Exception {
        String run = "r" + runs.incrementAndGet();
        CountDownLatch ready = new CountDownLatch(scenario.receivers());
        List<Channel> channels = new ArrayList<>();
        for (int k = 0; k < scenario.receivers(); k++) {
            Channel receiver = Lines.connect(group, "127.0.0.1", forwarder.port(), (ch, line) -> {
                if (line.equals("ok")) {
                    ready.countDown();
                } else {
                    recorder.received(line);
                }
            });
            channels.add(receiver);
            receiver.writeAndFlush("sub " + run + (scenario.fanOut() ? "-fan" : "-" + k) + "\n");
        }
        if (!ready.await(30, TimeUnit.SECONDS)) {
            channels.forEach(Channel::close);
            throw new IOException("the forwarder's receivers did not subscribe in time");
        }
        List<Channel> publishers = new ArrayList<>();
        for (int p = 0; p < scenario.publishers(); p++) {
            publishers.add(Lines.connect(group, "127.0.0.1", forwarder.port(), (ch, line) -> { }));
        }
        channels.addAll(publishers);
        return new Link() {
            @Override
            public void publish(int publisher, int seq, String body) {
                String name = run + (scenario.fanOut() ? "-fan" : "-" + scenario.receiverOf(seq));
                publishers.get(publisher).writeAndFlush("pub " + name + " " + body + "\n");
            }

            @Override
            public long errors() {
                return 0;
            }

            @Override
            public void close() {
                channels.forEach(ch -> ch.close().syncUninterruptibly());
            }
        };
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        forwarder.close();
    }
}
