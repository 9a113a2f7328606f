package io.alarmhub.gateway.push.websocket;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.ServerChannels;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.tcp.PushMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;

import java.net.InetSocketAddress;

/**
 * WebSocketServer: capture rooms, intercoms and the {@code /ws} push protocol, port 9000 by default.
 * Its rooms are the {@link RoomRegistry} of the push context, whose counts PushServer type 7 reports.
 */
public final class WebSocketListener implements Listener {

    private final NettyLoops loops;
    private final WebSocketSettings settings;
    private final WebSocketInitializer initializer;
    private final ServerChannels channels = new ServerChannels("push-websocket");

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
    public InetSocketAddress start() {
        ServerBootstrap bootstrap = loops.serverBootstrap()
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(settings.writeBufferLowBytes(), settings.writeBufferHighBytes()));
        return channels.bind(bootstrap, settings.host(), settings.port(), ch -> ch.pipeline().addLast(initializer));
    }

    @Override
    public void close() {
        channels.close();
    }
}
