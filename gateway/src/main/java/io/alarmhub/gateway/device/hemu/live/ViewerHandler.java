package io.alarmhub.gateway.device.hemu.live;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a viewer's connection reads once its stream has started. A viewer has nothing to say: over HTTP anything it
 * sends is dropped; over a WebSocket a ping is answered, a close echoed (then the connection ends), and any other
 * message dropped. The idle timeout, which writes that still move keep off, closes a viewer that stopped reading
 * or whose camera sends nothing. One handler serves both transports: an HTTP viewer never sends a WebSocket frame.
 */
final class ViewerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ViewerHandler.class);

    private boolean closing;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
        } else if (msg instanceof CloseWebSocketFrame close && !closing) {
            closing = true;
            // Echo the viewer's status, as RFC 6455 section 5.5.1 asks, then end the connection.
            ctx.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (!(event instanceof IdleStateEvent)) {
            super.userEventTriggered(ctx, event);
            return;
        }
        // Closed at once, without a last chunk or a close frame: a viewer that stopped reading would never take it.
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A broken frame (the decoder has sent its close already) or a reset connection.
        log.debug("live {}: closing: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
