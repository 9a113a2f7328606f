package io.alarmhub.gateway.stream;

import io.alarmhub.core.stream.EnterpriseStreams;
import io.alarmhub.gateway.IdleTimeout;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;

/**
 * The enterprise stream's pipeline for one accepted connection; see the package documentation for what
 * each handler does:
 *
 * <pre>
 * tls    SslHandler               from the server SslContext given
 * idle   IdleTimeout              nothing read for idleTimeout → closed
 * lines  StreamLineDecoder        bytes → StreamLine
 * stream EnterpriseStreamHandler  login, ping, ack
 * </pre>
 */
final class EnterpriseStreamInitializer extends ChannelInitializer<Channel> {

    private final SslContext ssl;
    private final EnterpriseStreams streams;
    private final StreamMetrics metrics;
    private final StreamSettings settings;

    EnterpriseStreamInitializer(SslContext ssl, EnterpriseStreams streams, StreamMetrics metrics,
                                StreamSettings settings) {
        this.ssl = ssl;
        this.streams = streams;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("tls", ssl.newHandler(ch.alloc()));
        p.addLast("idle", IdleTimeout.reads(settings.idleTimeout()));
        p.addLast("lines", new StreamLineDecoder(settings.maxLineBytes()));
        p.addLast("stream", new EnterpriseStreamHandler(streams, metrics, settings.loginTimeout()));
    }
}
