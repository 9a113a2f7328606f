package io.alarmhub.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a line-protocol connection whose line takes too long: a new connection must send its first
 * complete line within {@code lineTimeout}, and a line, once its first byte is read, must reach its
 * {@code \n} within {@code lineTimeout}. The reader idle timeout cannot catch a client that sends a byte a
 * second (every byte resets it), nor, when it is long, a flood of connections that never say anything.
 * A connection between lines (a client waiting for pushes, a device between heartbeats) runs no timer.
 * One instance per connection; {@code onTimeout} runs on its event loop just before the close (to count it).
 *
 * <pre>
 * idle     IdleTimeout
 * line     LineTimeoutHandler   here, before the decoder: it sees the raw bytes
 * lines    PushLineDecoder
 * </pre>
 */
public final class LineTimeoutHandler extends ChannelInboundHandlerAdapter {

    private final long timeoutNanos;
    private final Runnable onTimeout;
    // Event loop only.
    private ScheduledFuture<?> deadline;

    public LineTimeoutHandler(Duration lineTimeout, Runnable onTimeout) {
        if (lineTimeout.isNegative() || lineTimeout.isZero()) {
            throw new IllegalArgumentException("lineTimeout must be positive, was " + lineTimeout);
        }
        this.timeoutNanos = lineTimeout.toNanos();
        this.onTimeout = onTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
            if (buf.getByte(buf.writerIndex() - 1) == '\n') {
                cancel();                       // every line read is complete
            } else if (buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) '\n') >= 0) {
                cancel();                       // a line ended and a new one began
                arm(ctx);
            } else if (deadline == null) {
                arm(ctx);                       // the first bytes of a line
            }
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

    private void arm(ChannelHandlerContext ctx) {
        if (deadline != null) {
            return;
        }
        deadline = ctx.executor().schedule(() -> {
            deadline = null;
            if (ctx.channel().isActive()) {
                onTimeout.run();
                ctx.close();
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
