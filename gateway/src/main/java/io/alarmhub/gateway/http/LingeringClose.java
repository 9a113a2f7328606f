package io.alarmhub.gateway.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Turns a close in the middle of a request (answered before its body ended: a 413 for an upload too large)
 * into a lingering close: the write side is shut at once, so the client sees its answer end and stops
 * sending; what still arrives is read and dropped for a moment; then the connection closes. Closing at
 * once would reset the connection while the client still sends, and a reset can discard the answer before
 * the client reads it. A close between requests, or after a request without a body, is not delayed.
 *
 * <pre>
 * p.addLast(new HttpServerCodec());
 * p.addLast(new LingeringClose(Duration.ofSeconds(2)));   // here: sees every request's head and end
 * p.addLast(new HttpServerKeepAliveHandler());
 * </pre>
 */
final class LingeringClose extends ChannelDuplexHandler {

    private final long lingerNanos;
    // Event loop only.
    private boolean bodyPending;
    private boolean lingering;

    LingeringClose(Duration linger) {
        this.lingerNanos = linger.toNanos();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (lingering) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            bodyPending = HttpUtil.isTransferEncodingChunked(request) || contentLength(request) > 0;
        }
        if (msg instanceof LastHttpContent) {
            bodyPending = false;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        if (lingering) {
            // The linger's own close, or a second one: the connection goes now.
            ctx.close(promise);
            return;
        }
        if (!bodyPending || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        lingering = true;
        ctx.channel().config().setAutoRead(true);
        if (ctx.channel() instanceof DuplexChannel duplex) {
            duplex.shutdownOutput();
        }
        ctx.executor().schedule(() -> ctx.close(promise), lingerNanos, TimeUnit.NANOSECONDS);
    }

    private static long contentLength(HttpRequest request) {
        try {
            return HttpUtil.getContentLength(request, 0L);
        } catch (NumberFormatException unreadable) {
            return 0; // the codec fails such a request, and reads nothing more
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        lingering = false;
        super.channelInactive(ctx);
    }
}
