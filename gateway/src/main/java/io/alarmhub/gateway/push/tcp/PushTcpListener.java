package io.alarmhub.gateway.push.tcp;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.Optional;

/** PushServer: the push protocol as JSON lines over TCP, port 9800 by default. */
public final class PushTcpListener implements Listener {

    private final NettyLoops loops;
    private final TcpPushSettings settings;
    private final PushTcpInitializer initializer;
    private final ChannelGroup channels = new DefaultChannelGroup("push-tcp", GlobalEventExecutor.INSTANCE);
    private Optional<Channel> server = Optional.empty();

    public PushTcpListener(NettyLoops loops, PushContext context, MeterRegistry registry, TcpPushSettings settings) {
        this.loops = loops;
        this.settings = settings;
        this.initializer = new PushTcpInitializer(context,
                new PushMetrics(registry, Face.TCP, context.hub().presence()), settings);
    }

    @Override
    public String name() {
        return "push-tcp";
    }

    @Override
    public synchronized InetSocketAddress start() {
        if (server.isPresent()) {
            throw new IllegalStateException(name() + " already started");
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.boss(), loops.workers())
                .channel(loops.serverChannel())
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(settings.writeBufferLowBytes(), settings.writeBufferHighBytes()))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Tracked so that close() ends them; the group forgets a channel when it closes.
                        channels.add(ch);
                        ch.pipeline().addLast(initializer);
                    }
                });
        ChannelFuture bound = bootstrap.bind(settings.host(), settings.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException(name() + " could not bind " + settings.host() + ":" + settings.port(),
                    bound.cause());
        }
        server = Optional.of(bound.channel());
        return (InetSocketAddress) bound.channel().localAddress();
    }

    @Override
    public synchronized void close() {
        server.ifPresent(ch -> ch.close().awaitUninterruptibly());
        server = Optional.empty();
        channels.close().awaitUninterruptibly();
    }
}
