package io.alarmhub.gateway.push.websocket;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.delivery.Face;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushReplies;
import io.alarmhub.gateway.push.tcp.PushFraming;
import io.alarmhub.gateway.push.tcp.PushMetrics;
import io.alarmhub.gateway.push.tcp.PushMetrics.BadInput;
import io.alarmhub.gateway.push.tcp.PushMetrics.Closed;
import io.alarmhub.gateway.push.tcp.PushTcpHandler;
import io.alarmhub.gateway.push.websocket.RoomRegistry.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Reads the one HTTP request of a WebSocketServer connection, refuses it with a short JSON body or
 * answers the upgrade, then replaces itself with the handlers of the route.
 *
 * <pre>
 * pipeline.addLast("idle", IdleTimeout.reads(idleTimeout.dividedBy(2)));
 * pipeline.addLast("http", new HttpServerCodec());
 * pipeline.addLast("request", new HttpObjectAggregator(8 * 1024));
 * pipeline.addLast("router", router);
 * // after the upgrade: idle, wsencoder, wsdecoder, utf8, frames, control, then
 * //   /ws:           requests (PushFrameDecoder), push (PushTcpHandler)
 * //   /{r}/{d}[/…]:  room (RoomPeerHandler)
 * </pre>
 *
 * <p>The protocol allows "GET or POST", but a WebSocket handshake is a GET by RFC 6455; any request on a
 * valid path that is not an upgrade is answered 400 saying so. The handshake is done here rather than by
 * {@code WebSocketServerProtocolHandler} so that a room peer joins its room before the 101 is sent:
 * once a client sees its handshake complete, it is in the room and in type 7's counts.
 */
@Sharable
final class WebSocketRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(WebSocketRouter.class);

    private final PushContext context;
    private final RoomRegistry rooms;
    private final PushMetrics metrics;
    private final WebSocketSettings settings;
    private final WebSocketServerHandshakerFactory handshakers;

    WebSocketRouter(PushContext context, RoomRegistry rooms, PushMetrics metrics, WebSocketSettings settings) {
        this.context = context;
        this.rooms = rooms;
        this.metrics = metrics;
        this.settings = settings;
        this.handshakers = new WebSocketServerHandshakerFactory("/", null, WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(settings.maxFrameBytes())
                .allowExtensions(false)
                .expectMaskedFrames(true)
                .closeOnProtocolViolation(true)
                .build());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (req.decoderResult().isFailure()) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
            return;
        }
        WebSocketRoute route = WebSocketRoute.of(req.uri(), context.limits().maxNameLength());
        if (route instanceof WebSocketRoute.Rejected rejected) {
            refuse(ctx, rejected.status(), rejected.error());
            return;
        }
        if (!req.method().equals(HttpMethod.GET) || !isUpgrade(req)) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST,
                    "a WebSocket upgrade is required: GET with Connection: Upgrade and Upgrade: websocket");
            return;
        }
        if (!req.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY)) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "missing Sec-WebSocket-Key");
            return;
        }
        WebSocketServerHandshaker handshaker = handshakers.newHandshaker(req);
        if (handshaker == null) {
            metrics.badInput(BadInput.HANDSHAKE);
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // Joined before the 101 is written: frames relayed to this peer are written by tasks of its own event
        // loop, which run after this one, so they still follow the 101 on the wire.
        install(ctx.pipeline(), route);
        try {
            handshaker.handshake(ctx.channel(), req);
        } catch (WebSocketHandshakeException e) {
            log.debug("websocket {}: handshake failed: {}", ctx.channel().remoteAddress(), e.getMessage());
            metrics.badInput(BadInput.HANDSHAKE);
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            // No request within half the idle timeout: not a client worth waiting for.
            metrics.closed(Closed.IDLE);
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("websocket {}: closing before the upgrade: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void install(ChannelPipeline p, WebSocketRoute route) {
        p.addLast("utf8", new Utf8FrameValidator());
        p.addLast("frames", new BoundedFrameAggregator(settings.maxFrameBytes(), metrics));
        p.addLast("control", new WebSocketControlHandler(metrics));
        if (route instanceof WebSocketRoute.Push) {
            p.addLast("requests", new PushFrameDecoder());
            p.addLast("push", new PushTcpHandler(context, Face.WEBSOCKET, TextFrames.INSTANCE, metrics,
                    settings.maxBadFrames(), settings.maxInFlight()));
        } else if (route instanceof WebSocketRoute.Capture c) {
            p.addLast("room", new RoomPeerHandler(rooms, Kind.CAPTURE, c.room(), c.d(),
                    context.hub().presence(), metrics));
        } else if (route instanceof WebSocketRoute.Intercom i) {
            p.addLast("room", new RoomPeerHandler(rooms, Kind.INTERCOM, i.room(), i.d(),
                    context.hub().presence(), metrics));
        }
    }

    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String error) {
        metrics.badInput(BadInput.HANDSHAKE);
        log.debug("websocket {}: refused ({} {})", ctx.channel().remoteAddress(), status.code(), error);
        ObjectNode body = PushReplies.error(error, Optional.empty());
        ByteBuf content = PushFraming.json(ctx.alloc(), body);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        res.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean isUpgrade(FullHttpRequest req) {
        return req.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }
}
