package io.alarmhub.gateway.push.rest;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Answers the requests of one RestServer connection, one at a time and in the order they arrived: a
 * publish waits for the store, and a pipelining client must still get its answers in request order.
 * While an answer is owed, later requests wait here and the connection stops reading.
 *
 * <pre>
 * ChannelPipeline p = ch.pipeline();
 * p.addLast(new IdleStateHandler(0, 0, idleSeconds, TimeUnit.SECONDS));
 * p.addLast(new HttpServerCodec());
 * p.addLast(new RestAggregator(maxBodyBytes));
 * p.addLast(new RestHandler(routes, metrics));   // here
 * </pre>
 */
final class RestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(RestHandler.class);
    private static final String JSON = "application/json; charset=utf-8";

    private final RestRoutes routes;
    private final RestMetrics metrics;
    private final Deque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;
    private boolean closing;
    private boolean complained;

    RestHandler(RestRoutes routes, RestMetrics metrics) {
        this.routes = routes;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (closing) {
            return;
        }
        if (busy) {
            waiting.add(request.retain());
            ctx.channel().config().setAutoRead(false);
            return;
        }
        serve(ctx, request);
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        boolean success = request.decoderResult().isSuccess();
        HttpVersion version = success ? request.protocolVersion() : HttpVersion.HTTP_1_1;
        // After a decoding failure the codec discards the rest of the stream; only an oversized body,
        // which the aggregator skips, leaves the connection usable.
        boolean keepAlive = HttpUtil.isKeepAlive(request)
                && (success || request.decoderResult().cause() instanceof TooLongHttpContentException);
        routes.answer(request).thenAccept(reply -> {
            EventExecutor loop = ctx.executor();
            if (loop.inEventLoop()) {
                respond(ctx, version, keepAlive, reply);
            } else {
                loop.execute(() -> respond(ctx, version, keepAlive, reply));
            }
        });
    }

    private void respond(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, RestReply reply) {
        metrics.answered(reply);
        reply.fault().ifPresent(fault -> complainOnce(ctx, reply));
        FullHttpResponse response = new DefaultFullHttpResponse(version, reply.status(),
                Unpooled.wrappedBuffer(reply.body().toString().getBytes(StandardCharsets.UTF_8)));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (reply.status().equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            reply.endpoint().ifPresent(e -> response.headers().set(HttpHeaderNames.ALLOW, e.method().name()));
        } else if (reply.status().equals(HttpResponseStatus.SERVICE_UNAVAILABLE)) {
            response.headers().setInt(HttpHeaderNames.RETRY_AFTER, 1);
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        busy = false;
        if (!keepAlive) {
            closing = true;
            written.addListener(ChannelFutureListener.CLOSE);
            releaseWaiting();
            return;
        }
        FullHttpRequest next = waiting.poll();
        if (next == null) {
            ctx.channel().config().setAutoRead(true);
            return;
        }
        try {
            serve(ctx, next);
        } finally {
            next.release();
        }
    }

    private void complainOnce(ChannelHandlerContext ctx, RestReply reply) {
        if (!complained) {
            complained = true;
            // The endpoint's name, never the path: the path carries the token.
            log.info("rest: {} from {} on {}: {} (further bad requests on this connection are only counted)",
                    reply.status().code(), ctx.channel().remoteAddress(), reply.endpointTag(), reply.error());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            // A connection waiting for the store is quiet, not idle.
            if (!busy) {
                metrics.closed(RestMetrics.CLOSED_IDLE);
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closing = true;
        releaseWaiting();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            // The second: the client hung up in the middle of a request (the aggregator says so); no fault here.
            log.debug("rest: connection from {} failed", ctx.channel().remoteAddress(), cause);
        } else {
            log.warn("rest: closing connection from {} after an unexpected error", ctx.channel().remoteAddress(),
                    cause);
        }
        ctx.close();
    }

    private void releaseWaiting() {
        FullHttpRequest request;
        while ((request = waiting.poll()) != null) {
            request.release();
        }
    }
}
