package io.alarmhub.gateway.stream;

import io.alarmhub.core.stream.EnterpriseStreams;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.ServerChannels;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The enterprise event stream: JSON lines over TLS, port 2015 by default. The {@link SslContext} (a server
 * context, TLS 1.3 and 1.2) is built by the caller; see the package documentation for the pipeline.
 */
public final class EnterpriseStreamListener implements Listener {

    public static final String NAME = "enterprise-stream";

    private final NettyLoops loops;
    private final StreamSettings settings;
    private final EnterpriseStreamInitializer initializer;
    private final ServerChannels channels = new ServerChannels(NAME);

    public EnterpriseStreamListener(NettyLoops loops, SslContext ssl, EnterpriseStreams streams,
                                    MeterRegistry registry, StreamSettings settings) {
        this.loops = Objects.requireNonNull(loops, "loops");
        Objects.requireNonNull(ssl, "ssl");
        if (!ssl.isServer()) {
            throw new IllegalArgumentException("the enterprise stream needs a server SslContext");
        }
        Objects.requireNonNull(streams, "streams");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.initializer = new EnterpriseStreamInitializer(ssl, streams, new StreamMetrics(registry, streams), settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public InetSocketAddress start() {
        return channels.bind(loops.serverBootstrap(), settings.host(), settings.port(),
                ch -> ch.pipeline().addLast(initializer));
    }

    @Override
    public void close() {
        channels.close();
    }
}
