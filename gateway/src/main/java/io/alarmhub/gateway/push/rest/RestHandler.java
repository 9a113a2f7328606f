package io.alarmhub.gateway.push.rest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Answers the requests of one RestServer connection through its routes. The HTTP core in front hands it
 * one request at a time and holds pipelined ones back until the answer owed is written, so that a publish
 * that waits for the store is still answered in request order.
 *
 * <pre>
 * ChannelPipeline p = ch.pipeline();
 * http.install(p);                                 // the HTTP core (HttpServerPipeline)
 * p.addLast(new BodyAggregator(maxBodyBytes));
 * p.addLast(new RestHandler(routes, metrics));     // here
 * </pre>
 */
final class RestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(RestHandler.class);

    private final RestRoutes routes;
    private final RestMetrics metrics;
    private boolean complained;

    RestHandler(RestRoutes routes, RestMetrics metrics) {
        this.routes = routes;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean success = request.decoderResult().isSuccess();
        HttpVersion version = success ? request.protocolVersion() : HttpVersion.HTTP_1_1;
        // Only an oversized body, which the aggregator skips, leaves a failed request's connection usable.
        boolean keepAlive = (success || request.decoderResult().cause() instanceof TooLongHttpContentException)
                && HttpUtil.isKeepAlive(request);
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
        FullHttpResponse response = RestFace.response(version, reply);
        // Without keep-alive, the core's keep-alive handler closes once this is written.
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.writeAndFlush(response);
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
}
