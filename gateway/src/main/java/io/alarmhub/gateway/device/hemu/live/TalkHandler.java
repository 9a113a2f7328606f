package io.alarmhub.gateway.device.hemu.live;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a talker's WebSocket reads once it is open: binary messages of sound for its {@link TalkSession}, of any
 * size up to {@link #MAX_MESSAGE_BYTES} (a frame past it is closed with 1009 by the decoder, a message of several
 * frames past it here); a ping is answered, a close echoed, a text message closed with 1003. A talker that sends
 * nothing for the idle timeout is closed.
 */
final class TalkHandler extends ChannelInboundHandlerAdapter {

    /** A quarter of a second of PCM: browsers send a few tens of milliseconds at a time. */
    static final int MAX_MESSAGE_BYTES = 8 * 1024;

    private static final Logger log = LoggerFactory.getLogger(TalkHandler.class);

    private final TalkSession talk;
    /** Bytes of the message being read, over its frames so far. */
    private int messageBytes;
    private boolean closing;

    TalkHandler(TalkSession talk) {
        this.talk = talk;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
            return;
        }
        if (msg instanceof CloseWebSocketFrame close && !closing) {
            closing = true;
            // Echo the talker's status, as RFC 6455 section 5.5.1 asks, then end the connection.
            ctx.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        try {
            if (closing) {
                return;
            }
            if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
                sound(ctx, (WebSocketFrame) msg);
            } else if (msg instanceof TextWebSocketFrame) {
                close(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "binary messages only: 8 kHz mono PCM or A-law");
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void sound(ChannelHandlerContext ctx, WebSocketFrame frame) {
        messageBytes = (frame instanceof BinaryWebSocketFrame ? 0 : messageBytes) + frame.content().readableBytes();
        if (messageBytes > MAX_MESSAGE_BYTES) {
            close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "a message is at most " + MAX_MESSAGE_BYTES + " bytes");
            return;
        }
        talk.accept(frame.content());
    }

    private void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        closing = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (!(event instanceof IdleStateEvent)) {
            super.userEventTriggered(ctx, event);
            return;
        }
        ctx.close(); // a talker that went quiet without closing
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A broken frame (the decoder has sent its close already) or a reset connection.
        log.debug("talk {}: closing: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
