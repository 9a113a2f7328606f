package io.alarmhub.gateway.push.tcp;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.gateway.IdleTimeout;
import io.alarmhub.gateway.LineTimeoutHandler;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;


/**
 * PushServer's pipeline for one accepted connection:
 *
 * <pre>
 * idle   IdleTimeout       reader idle past idleTimeout → PushTcpHandler closes
 * line   LineTimeoutHandler first line, or a begun line, not complete within lineTimeout → closes
 * lines  PushLineDecoder   bytes → PushLine (bounded, never throws)
 * push   PushTcpHandler    PushLine → PushRequest → PushSession; replies as JSON lines
 * </pre>
 */
final class PushTcpInitializer extends ChannelInitializer<Channel> {

    private final PushContext context;
    private final PushMetrics metrics;
    private final TcpPushSettings settings;

    PushTcpInitializer(PushContext context, PushMetrics metrics, TcpPushSettings settings) {
        this.context = context;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("idle", IdleTimeout.reads(settings.idleTimeout()));
        p.addLast("line", new LineTimeoutHandler(settings.lineTimeout(),
                () -> metrics.closed(PushMetrics.Closed.LINE_TIMEOUT)));
        p.addLast("lines", new PushLineDecoder(settings.maxLineBytes()));
        p.addLast("push", new PushTcpHandler(context, Face.TCP, PushFraming.LINES, metrics,
                settings.maxBadLines(), settings.maxInFlight()));
    }
}
