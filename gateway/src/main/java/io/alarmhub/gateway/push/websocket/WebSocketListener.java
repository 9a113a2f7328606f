package io.alarmhub.gateway.push.websocket;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.tcp.PushMetrics;
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

/**
 * WebSocketServer: capture rooms, intercoms and the {@code /ws} push protocol, port 9000 by default.
 * Its rooms are the {@link RoomRegistry} of the push context, whose counts PushServer type 7 reports.
 */
public final class WebSocketListener implements Listener {

    private final NettyLoops loops;
    private final WebSocketSettings settings;
    private final WebSocketInitializer initializer;
    private final ChannelGroup channels = new DefaultChannelGroup("push-websocket", GlobalEventExecutor.INSTANCE);
    private Optional<Channel> server = Optional.empty();

    /**
     * @throws IllegalArgumentException when the context's room counts are not a {@link RoomRegistry}: type 7
     *     would then report rooms other than these
     */
    public WebSocketListener(NettyLoops loops, PushContext context, MeterRegistry registry,
                             WebSocketSettings settings) {
        if (!(context.rooms() instanceof RoomRegistry rooms)) {
            throw new IllegalArgumentException("the push context's rooms must be a RoomRegistry, was "
                    + context.rooms().getClass().getName());
        }
        this.loops = loops;
        this.settings = settings;
        PushMetrics metrics = new PushMetrics(registry, Face.WEBSOCKET, context.hub().presence());
        this.initializer = new WebSocketInitializer(new WebSocketRouter(context, rooms, metrics, settings), settings);
    }

    @Override
    public String name() {
        return "push-websocket";
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
