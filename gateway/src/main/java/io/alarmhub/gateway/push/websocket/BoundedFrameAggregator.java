package io.alarmhub.gateway.push.websocket;

import io.alarmhub.gateway.push.tcp.PushMetrics;
import io.alarmhub.gateway.push.tcp.PushMetrics.BadInput;
import io.alarmhub.gateway.push.tcp.PushMetrics.Closed;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * Joins a fragmented message into one frame before it is read or relayed, so that fragments of two
 * senders in the same room never interleave at a receiver, and closes with 1009 a message whose
 * fragments add up to more than the frame limit (the frame decoder does the same for a single frame).
 *
 * <pre>
 * pipeline.addLast("utf8", new Utf8FrameValidator());
 * pipeline.addLast("frames", new BoundedFrameAggregator(maxFrameBytes, metrics));
 * pipeline.addLast("control", new WebSocketControlHandler(metrics));
 * </pre>
 */
final class BoundedFrameAggregator extends WebSocketFrameAggregator {

    private final PushMetrics metrics;

    BoundedFrameAggregator(int maxBytes, PushMetrics metrics) {
        super(maxBytes);
        this.metrics = metrics;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, WebSocketFrame oversized) {
        metrics.badInput(BadInput.OVERSIZED);
        metrics.closed(Closed.BAD_INPUT);
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                        "message larger than " + maxContentLength() + " bytes"))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
