package io.alarmhub.gateway.push.websocket;

import io.alarmhub.gateway.IdleTimeout;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import java.time.Duration;

/**
 * WebSocketServer's pipeline for one accepted connection, up to its upgrade:
 *
 * <pre>
 * idle     IdleTimeout        reader idle at half the idle timeout: ping, then close
 * http     HttpServerCodec    request line 4 KiB, headers 8 KiB
 * request  HttpObjectAggregator  a handshake has no body: 8 KiB is plenty
 * router   WebSocketRouter    refuses, or upgrades and installs the route's handlers
 * </pre>
 */
final class WebSocketInitializer extends ChannelInitializer<Channel> {

    static final int MAX_REQUEST_BYTES = 8 * 1024;

    private final WebSocketRouter router;
    private final Duration halfIdle;

    WebSocketInitializer(WebSocketRouter router, WebSocketSettings settings) {
        this.router = router;
        this.halfIdle = Duration.ofMillis(settings.idleTimeout().toMillis() / 2);
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("idle", IdleTimeout.reads(halfIdle));
        p.addLast("http", new HttpServerCodec());
        p.addLast("request", new HttpObjectAggregator(MAX_REQUEST_BYTES));
        p.addLast("router", router);
    }
}
