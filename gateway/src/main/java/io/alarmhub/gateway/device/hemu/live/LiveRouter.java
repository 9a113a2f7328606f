package io.alarmhub.gateway.device.hemu.live;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alarmhub.gateway.device.hemu.live.LiveRefusal.Reason;
import io.alarmhub.gateway.device.hemu.live.Transport.Ending;
import io.alarmhub.video.live.LiveFeed;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Reads the one request of a live connection and either refuses it ({@code {"error":…}}, then closes) or starts
 * the viewer's stream: a 200 with chunked FLV, or, for a WebSocket upgrade, the 101 and binary messages. The
 * checks run in this order: the method (405), the path (404) and query (400), the credentials (403, before
 * anything about the camera is told), the camera (404 {@code camera not streaming} when it is not connected),
 * room for the viewer (503). Then the request's handlers give way to the stream's and the viewer joins the
 * camera's feed, which sends it the GOP being received at once.
 *
 * <p>A connection carries one stream: no keep-alive, no pipelining; a refused one is closed. A request for two-way
 * talk ({@code /talk/…}) is {@link TalkRouter}'s.
 */
@Sharable
final class LiveRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(LiveRouter.class);
    /** Viewers send only control frames (ping, close), whose payloads are at most 125 bytes. */
    static final int MAX_VIEWER_FRAME_BYTES = 1024;

    private final LiveGate gate;
    private final LiveCameras cameras;
    private final LiveViewers viewers;
    private final LiveMetrics metrics;
    private final TalkRouter talk;
    private final WebSocketServerHandshakerFactory handshakers;

    LiveRouter(LiveGate gate, LiveCameras cameras, LiveViewers viewers, LiveMetrics metrics, TalkRouter talk) {
        this.gate = gate;
        this.cameras = cameras;
        this.viewers = viewers;
        this.metrics = metrics;
        this.talk = talk;
        this.handshakers = new WebSocketServerHandshakerFactory("/", null, WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(MAX_VIEWER_FRAME_BYTES)
                .allowExtensions(false)
                .expectMaskedFrames(true)
                .closeOnProtocolViolation(true)
                .build());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (TalkRequest.asks(request.uri())) {
            talk.route(ctx, request);
            return;
        }
        try {
            route(ctx, request);
        } catch (LiveRefusal refusal) {
            refuse(ctx, request, refusal);
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            throw new LiveRefusal(Reason.MALFORMED, "malformed HTTP request");
        }
        if (!request.method().equals(HttpMethod.GET)) {
            throw new LiveRefusal(Reason.METHOD, "GET only");
        }
        LiveRequest asked = LiveRequest.parse(request.uri());
        gate.admit(asked);
        LiveFeed feed = cameras.feed(asked.deviceId())
                .orElseThrow(() -> new LiveRefusal(Reason.NOT_STREAMING, "camera not streaming"));
        if (isUpgrade(request)) {
            upgrade(ctx, request, asked, feed);
        } else {
            stream(ctx, request, asked, feed);
        }
    }

    /** HTTP-FLV: the head now, the FLV as chunks from the feed. */
    private void stream(ChannelHandlerContext ctx, FullHttpRequest request, LiveRequest asked, LiveFeed feed) {
        ViewerChannel viewer = seat(ctx, asked, Transport.HTTP, feed);
        HttpResponse head = new DefaultHttpResponse(request.protocolVersion(), HttpResponseStatus.OK);
        HttpHeaders headers = head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "video/x-flv")
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set("X-Content-Type-Options", "nosniff");
        // HTTP/1.0 has no chunks: there the end of the stream is the end of the connection.
        if (!request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        ChannelPipeline p = ctx.pipeline();
        p.remove(LiveInitializer.REQUEST);
        p.replace(this, LiveInitializer.STREAM, new ViewerHandler());
        ctx.channel().writeAndFlush(head);
        join(feed, viewer);
    }

    /** WS-FLV: the 101, then the FLV as binary messages from the feed. */
    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, LiveRequest asked, LiveFeed feed) {
        if (!request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY)) {
            throw new LiveRefusal(Reason.HANDSHAKE, "missing Sec-WebSocket-Key");
        }
        WebSocketServerHandshaker handshaker = handshakers.newHandshaker(request);
        if (handshaker == null) {
            metrics.refused(Reason.HANDSHAKE);
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ViewerChannel viewer = seat(ctx, asked, Transport.WEBSOCKET, feed);
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(ctx.name(), LiveInitializer.STREAM, new ViewerHandler());
        try {
            // Writes the 101 now; the handshaker also takes the request aggregator away.
            handshaker.handshake(ctx.channel(), request);
        } catch (WebSocketHandshakeException e) {
            log.debug("live {}: handshake failed: {}", ctx.channel().remoteAddress(), e.getMessage());
            metrics.refused(Reason.HANDSHAKE);
            ctx.close();
            return;
        }
        p.remove(this);
        join(feed, viewer);
    }

    /** Counts the viewer in (or refuses it, 503) and has it leave and be counted out when its connection closes. */
    private ViewerChannel seat(ChannelHandlerContext ctx, LiveRequest asked, Transport transport, LiveFeed feed) {
        ViewerChannel viewer = new ViewerChannel(ctx.channel(), asked.deviceId(), transport, asked.audio());
        viewers.seat(viewer);
        ctx.channel().closeFuture().addListener(closed -> {
            feed.leave(viewer);
            viewers.unseat(viewer);
        });
        // The request's timer would start again on the first byte a WebSocket viewer sends.
        ctx.pipeline().remove(LiveInitializer.REQUEST_START);
        ctx.pipeline().remove(LiveInitializer.REQUEST_END);
        return viewer;
    }

    /**
     * Joins the feed, which sends the GOP being received right away. The feed may still be full (it has a limit of
     * its own) or the viewer fail on that GOP: then the stream ends at once, its head already sent.
     */
    private void join(LiveFeed feed, ViewerChannel viewer) {
        feed.join(viewer).ifPresentOrElse(viewer::seated, () -> {
            metrics.refused(Reason.CAMERA_FULL);
            viewer.end(Ending.CAMERA_FULL);
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close(); // no request within the idle timeout
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("live {}: closing before a stream: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void refuse(ChannelHandlerContext ctx, FullHttpRequest request, LiveRefusal refusal) {
        metrics.refused(refusal.reason());
        answer(ctx, request, refusal);
    }

    /** Logs a refusal and answers it, then closes the connection. */
    static void answer(ChannelHandlerContext ctx, FullHttpRequest request, LiveRefusal refusal) {
        // The path only: the query holds the signature or the alias token.
        log.debug("live {}: {} {} for {}", ctx.channel().remoteAddress(), refusal.reason().status().code(),
                refusal.getMessage(), rawPath(request.uri()));
        ctx.writeAndFlush(error(refusal)).addListener(ChannelFutureListener.CLOSE);
    }

    static FullHttpResponse error(LiveRefusal refusal) {
        byte[] body = JsonNodeFactory.instance.objectNode().put("error", refusal.getMessage()).toString()
                .getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal.reason().status(),
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                // A player fetching cross-origin can then read why it was refused.
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (refusal.reason() == Reason.METHOD) {
            response.headers().set(HttpHeaderNames.ALLOW, "GET");
        }
        return response;
    }

    private static String rawPath(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    static boolean isUpgrade(FullHttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }
}
