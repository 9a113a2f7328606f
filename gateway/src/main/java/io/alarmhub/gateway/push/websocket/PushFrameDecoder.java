package io.alarmhub.gateway.push.websocket;

import io.alarmhub.gateway.push.tcp.PushLine;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.util.List;

/**
 * {@code /ws}: one text frame is one request line of the PushServer protocol. Frames arrive whole
 * (fragments are joined before this); a binary frame is answered as malformed rather than guessed at.
 *
 * <pre>
 * pipeline.addLast("frames", new BoundedFrameAggregator(maxFrameBytes, metrics));
 * pipeline.addLast("control", new WebSocketControlHandler(metrics));
 * pipeline.addLast("requests", new PushFrameDecoder());
 * pipeline.addLast("push", new PushTcpHandler(context, Face.WEBSOCKET, TextFrames.INSTANCE, ...));
 * </pre>
 */
final class PushFrameDecoder extends MessageToMessageDecoder<WebSocketFrame> {

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (!(frame instanceof TextWebSocketFrame)) {
            out.add(new PushLine.Malformed("send one JSON object per text frame"));
        } else if (!PushLine.isBlank(frame.content())) {
            out.add(PushLine.parse(frame.content()));
        }
    }
}
