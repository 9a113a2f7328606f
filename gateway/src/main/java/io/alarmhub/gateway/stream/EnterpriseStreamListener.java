package io.alarmhub.gateway.stream;

import io.alarmhub.core.stream.EnterpriseStreams;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.ServerChannels;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The enterprise event stream: JSON lines over TLS, port 2015 by default. The {@link SslContext} (a server
 * context, TLS 1.3 and 1.2) is built by the caller; see the package documentation for the pipeline.
 */
public final class EnterpriseStreamListener implements Listener {

    public static final String NAME = "enterprise-stream";

    private final NettyLoops loops;
    private final SslContext ssl;
    private final EnterpriseStreams streams;
    private final StreamMetrics metrics;
    private final StreamSettings settings;
    private final ServerChannels channels = new ServerChannels(NAME);

    public EnterpriseStreamListener(NettyLoops loops, SslContext ssl, EnterpriseStreams streams,
                                    MeterRegistry registry, StreamSettings settings) {
        this.loops = Objects.requireNonNull(loops, "loops");
        this.ssl = Objects.requireNonNull(ssl, "ssl");
        if (!ssl.isServer()) {
            throw new IllegalArgumentException("the enterprise stream needs a server SslContext");
        }
        this.streams = Objects.requireNonNull(streams, "streams");
        this.metrics = new StreamMetrics(registry, streams);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public InetSocketAddress start() {
        return channels.bind(loops.serverBootstrap(), settings.host(), settings.port(), ch -> {
            ChannelPipeline p = ch.pipeline();
            p.addLast("tls", ssl.newHandler(ch.alloc()));
            p.addLast("idle", new IdleStateHandler(settings.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
            p.addLast("lines", new StreamLineDecoder(settings.maxLineBytes()));
            p.addLast("stream", new EnterpriseStreamHandler(streams, metrics, settings.loginTimeout()));
        });
    }

    @Override
    public void close() {
        channels.close();
    }
}
