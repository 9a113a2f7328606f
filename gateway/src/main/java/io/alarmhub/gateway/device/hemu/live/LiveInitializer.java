package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.gateway.IdleTimeout;
import io.alarmhub.gateway.http.HttpRequestTimeout;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import java.time.Duration;

/**
 * A live connection's pipeline up to its request:
 *
 * <pre>
 * idle           IdleTimeout            nothing read and no write moving for the idle timeout: closed
 * request-start  HttpRequestTimeout     the request's first byte starts its timer (slow clients)
 * codec          HttpServerCodec        request line 4 KiB, headers 8 KiB
 * request-end    HttpRequestTimeout     the request's end stops it
 * request        HttpObjectAggregator   a viewer's request has no body worth reading: 1 KiB at most
 * router         LiveRouter             refuses, or starts the stream (or the talk, TalkRouter):
 *   HTTP-FLV:    idle, codec, stream (ViewerHandler)
 *   WS-FLV:      idle, wsdecoder, wsencoder, stream (ViewerHandler)
 *   talk:        idle, wsdecoder, wsencoder, stream (TalkHandler)
 * </pre>
 *
 * Not the shared HTTP core ({@code HttpServerPipeline}): it serves exchanges one after another on a connection,
 * while a live connection carries one endless answer or becomes a WebSocket, after which a request timer and
 * keep-alive handling must not be left in its way.
 */
final class LiveInitializer extends ChannelInitializer<Channel> {

    static final String REQUEST_START = "request-start";
    static final String REQUEST_END = "request-end";
    static final String REQUEST = "request";
    static final String STREAM = "stream";
    static final int MAX_REQUEST_BODY_BYTES = 1024;

    private final LiveRouter router;
    private final Duration idleTimeout;
    private final Duration requestTimeout;

    LiveInitializer(LiveRouter router, LiveSettings settings) {
        this.router = router;
        this.idleTimeout = settings.idleTimeout();
        this.requestTimeout = settings.requestTimeout();
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        // A slow request is only closed: it never reached the router, so there is nothing to count it against.
        HttpRequestTimeout timeout = new HttpRequestTimeout(requestTimeout, () -> { });
        p.addLast("idle", IdleTimeout.readsAndWritesInProgress(idleTimeout));
        p.addLast(REQUEST_START, timeout.start());
        p.addLast("codec", new HttpServerCodec());
        p.addLast(REQUEST_END, timeout.end());
        p.addLast(REQUEST, new HttpObjectAggregator(MAX_REQUEST_BODY_BYTES));
        p.addLast("router", router);
    }
}
