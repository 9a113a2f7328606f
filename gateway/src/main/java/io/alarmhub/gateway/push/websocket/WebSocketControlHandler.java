package io.alarmhub.gateway.push.websocket;

import io.alarmhub.gateway.push.tcp.PushMetrics;
import io.alarmhub.gateway.push.tcp.PushMetrics.BadInput;
import io.alarmhub.gateway.push.tcp.PushMetrics.Closed;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket housekeeping every upgraded connection needs, whatever its route: answers pings,
 * echoes a close, keeps a quiet connection honest and ends a connection whose framing is broken.
 *
 * <pre>
 * pipeline.addLast("idle", IdleTimeout.reads(idleTimeout.dividedBy(2)));
 * ...
 * pipeline.addLast("utf8", new Utf8FrameValidator());
 * pipeline.addLast("frames", new BoundedFrameAggregator(maxFrameBytes, metrics));
 * pipeline.addLast("control", new WebSocketControlHandler(metrics));
 * pipeline.addLast("room", new RoomPeerHandler(...));
 * </pre>
 *
 * <p>Phones in a capture room only listen, and browsers cannot send pings, so silence alone proves
 * nothing: the first reader-idle event (half the idle timeout) sends a ping, whose pong counts as a read;
 * the second in a row closes the connection.
 */
final class WebSocketControlHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WebSocketControlHandler.class);

    private final PushMetrics metrics;
    private boolean closing;

    WebSocketControlHandler(PushMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
        } else if (msg instanceof PongWebSocketFrame pong) {
            pong.release();
        } else if (msg instanceof CloseWebSocketFrame close) {
            if (closing) {
                close.release();
                return;
            }
            closing = true;
            // Echo the peer's status, as RFC 6455 section 5.5.1 asks, then end the TCP connection.
            ctx.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (idle.isFirst()) {
                ctx.writeAndFlush(new PingWebSocketFrame());
            } else {
                metrics.closed(Closed.IDLE);
                closing = true;
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "idle"))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof DecoderException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        // The frame decoder has sent its close frame (1002, 1007 or 1009) already; only the TCP close is left.
        boolean tooBig = cause instanceof CorruptedWebSocketFrameException c
                && c.closeStatus() != null
                && c.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code();
        metrics.badInput(tooBig ? BadInput.OVERSIZED : BadInput.PROTOCOL);
        metrics.closed(Closed.BAD_INPUT);
        log.debug("websocket {}: closing on a bad frame: {}", ctx.channel().remoteAddress(), cause.getMessage());
        closing = true;
        ctx.close();
    }
}
