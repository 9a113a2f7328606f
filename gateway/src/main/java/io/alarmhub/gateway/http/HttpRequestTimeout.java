package io.alarmhub.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP connection whose request takes longer than {@code requestTimeout} to arrive, from
 * the first byte read of it to the end of its body. The idle timeout cannot catch a client that sends a
 * byte a second (slowloris): every byte resets it. A keep-alive connection between requests, and one
 * waiting for its answer, runs no timer. One instance per connection; its two handlers go on either side
 * of the HTTP codec:
 *
 * <pre>
 * HttpRequestTimeout timeout = new HttpRequestTimeout(requestTimeout, () -> face.closed(HttpFace.REQUEST_TIMEOUT));
 * p.addLast(timeout.start());         // raw bytes: a request begins
 * p.addLast(new HttpServerCodec());
 * p.addLast(timeout.end());           // LastHttpContent: the request is in
 * p.addLast(new BodyAggregator(maxBodyBytes));
 * </pre>
 * {@code onTimeout} runs on the connection's event loop just before the close (to count it).
 */
public final class HttpRequestTimeout {

    private final long timeoutNanos;
    private final Runnable onTimeout;
    // Event loop only: both handlers run on the connection's loop.
    private ScheduledFuture<?> deadline;

    public HttpRequestTimeout(Duration requestTimeout, Runnable onTimeout) {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
        this.timeoutNanos = requestTimeout.toNanos();
        this.onTimeout = onTimeout;
    }

    /** Goes before the HTTP codec. */
    public ChannelHandler start() {
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

    /** Goes right after the HTTP codec. */
    public ChannelHandler end() {
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
            onTimeout.run();
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
