package io.alarmhub.gateway.push.tcp;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.ServerChannels;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;

import java.net.InetSocketAddress;

/** PushServer: the push protocol as JSON lines over TCP, port 9800 by default. */
public final class PushTcpListener implements Listener {

    private final NettyLoops loops;
    private final TcpPushSettings settings;
    private final PushTcpInitializer initializer;
    private final ServerChannels channels = new ServerChannels("push-tcp");

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
