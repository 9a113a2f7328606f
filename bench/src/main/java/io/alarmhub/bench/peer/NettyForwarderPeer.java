package io.alarmhub.bench.peer;

import io.alarmhub.bench.scenario.LatencyRecorder;
import io.alarmhub.bench.scenario.Scenario;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bare {@link NettyForwarder}, started in the bench's own JVM, with Netty line clients. Like
 * NATS it acknowledges nothing, so the publisher's window counts publishes not yet read.
 */
public final class NettyForwarderPeer implements Peer {

    private final NettyForwarder forwarder;
    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final AtomicInteger runs = new AtomicInteger();

    public NettyForwarderPeer() throws InterruptedException {
        forwarder = new NettyForwarder(2);
    }

    @Override
    public String name() {
        return "netty-forwarder";
    }

    @Override
    public OptionalLong pid() {
        // it shares the bench's process with the clients: its own cost cannot be told apart
        return OptionalLong.empty();
    }

    @Override
    public boolean acknowledgesPublish() {
        return false;
    }

    @Override
    public String note() {
        return "bare Netty line forwarder in the bench's JVM: no parsing, storage or acks; the machine's ceiling";
    }

    @Override
    public Link open(Scenario scenario, LatencyRecorder recorder, Runnable published) throws Exception {
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
        Channel publisher = Lines.connect(group, "127.0.0.1", forwarder.port(), (ch, line) -> { });
        channels.add(publisher);
        return new Link() {
            @Override
            public void publish(int seq, String body) {
                String name = run + (scenario.fanOut() ? "-fan" : "-" + scenario.receiverOf(seq));
                publisher.writeAndFlush("pub " + name + " " + body + "\n");
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
