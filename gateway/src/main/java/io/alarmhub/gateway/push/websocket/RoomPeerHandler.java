package io.alarmhub.gateway.push.websocket;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.Presence;
import io.alarmhub.gateway.push.tcp.PushMetrics;
import io.alarmhub.gateway.push.websocket.RoomRegistry.Kind;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * One peer of a capture room or intercom: relays each message it sends, text or binary as it came, to
 * every peer on the other side of the room. A receiver past its write watermark misses the frame (counted
 * as {@code alarmhub.push.relay_dropped}): pictures and voice are worth nothing late, and queueing them
 * would let one slow phone hold the server's memory.
 *
 * <pre>
 * pipeline.addLast("frames", new BoundedFrameAggregator(maxFrameBytes, metrics));
 * pipeline.addLast("control", new WebSocketControlHandler(metrics));
 * pipeline.addLast("room", new RoomPeerHandler(rooms, Kind.CAPTURE, "capture-1-2-3", 0, presence, metrics));
 * </pre>
 *
 * <p>Added once the handshake is answered: it joins the room at once, so a peer is in the room (and in
 * type 7's counts) before its client sees the handshake complete.
 */
final class RoomPeerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(RoomPeerHandler.class);

    private final RoomRegistry rooms;
    private final Kind kind;
    private final String room;
    private final int d;
    private final Presence presence;
    private final PushMetrics metrics;
    private boolean joined;

    RoomPeerHandler(RoomRegistry rooms, Kind kind, String room, int d, Presence presence, PushMetrics metrics) {
        this.rooms = rooms;
        this.kind = kind;
        this.room = room;
        this.d = d;
        this.presence = presence;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            joined = true;
            rooms.join(kind, room, d, ctx.channel());
            presence.opened(Face.WEBSOCKET);
            metrics.connected();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (joined) {
            joined = false;
            rooms.leave(kind, room, d, ctx.channel());
            presence.closed(Face.WEBSOCKET);
        }
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        for (Channel peer : rooms.opposite(kind, room, d)) {
            if (peer.isWritable()) {
                peer.writeAndFlush(frame.retainedDuplicate());
            } else {
                metrics.relayDropped();
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("websocket {} {}: {}", kind, ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("websocket {} {}: unexpected failure, closing", kind, ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
