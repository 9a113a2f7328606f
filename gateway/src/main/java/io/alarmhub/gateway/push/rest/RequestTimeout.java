package io.alarmhub.gateway.push.rest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a RestServer connection whose request takes longer than {@code requestTimeout} to arrive, from
 * the first byte read of it to the end of its body. The idle timeout cannot catch a client that sends a
 * byte a second (slowloris): every byte resets it. A keep-alive connection between requests, and one
 * waiting for its answer, runs no timer. One instance per connection; its two handlers go on either side
 * of the HTTP codec:
 *
 * <pre>
 * RequestTimeout timeout = new RequestTimeout(requestTimeout, metrics);
 * p.addLast(timeout.start());         // raw bytes: a request begins
 * p.addLast(new HttpServerCodec());
 * p.addLast(timeout.end());           // LastHttpContent: the request is in
 * p.addLast(new RestAggregator(maxBodyBytes));
 * </pre>
 */
final class RequestTimeout {

    private final long timeoutNanos;
    private final RestMetrics metrics;
    // Event loop only: both handlers run on the connection's loop.
    private ScheduledFuture<?> deadline;

    RequestTimeout(Duration requestTimeout, RestMetrics metrics) {
        this.timeoutNanos = requestTimeout.toNanos();
        this.metrics = metrics;
    }

    ChannelHandler start() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf buf && buf.isReadable() && deadline == null) {
                    deadline = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                cancel();
                ctx.fireChannelInactive();
            }

            @Override
            public void handlerRemoved(ChannelHandlerContext ctx) {
                cancel();
            }
        };
    }

    ChannelHandler end() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof LastHttpContent) {
                    cancel();
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        if (ctx.channel().isActive()) {
            metrics.closed(RestMetrics.CLOSED_REQUEST_TIMEOUT);
            ctx.close();
        }
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
