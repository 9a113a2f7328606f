package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.gateway.device.hemu.live.LiveRefusal.Reason;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Two-way talk (5.2.5): {@code GET /talk/{deviceId}?format=pcm|alaw} with a WebSocket upgrade and a viewer's
 * credentials lets the camera's owner speak through its speaker. The checks run in this order: the method (405),
 * the path (404) and query (400), the credentials (403), the upgrade (426), the camera (404 {@code camera not
 * connected}), then whether someone talks to it already (409). Refusals are answered as the live listener's are.
 * Then the connection becomes the talker's WebSocket ({@link TalkHandler}), its sound going to the camera as
 * {@code TDMediaPackage}s ({@link TalkSession}) until either side closes or the camera's connection ends.
 *
 * <p>Not a handler: {@link LiveRouter} hands it the requests whose path is a talk one.
 */
final class TalkRouter {

    private static final Logger log = LoggerFactory.getLogger(TalkRouter.class);

    private final LiveGate gate;
    private final TalkLine line;
    private final Talkers talkers;
    private final TalkMetrics metrics;
    private final Clock clock;
    private final RandomGenerator random;
    private final WebSocketServerHandshakerFactory handshakers;

    /** @param random where each talk's SSRC and first RTP sequence number and timestamp come from */
    TalkRouter(LiveGate gate, TalkLine line, Talkers talkers, TalkMetrics metrics, Clock clock,
               RandomGenerator random) {
        this.gate = gate;
        this.line = line;
        this.talkers = talkers;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
        this.handshakers = new WebSocketServerHandshakerFactory("/", null, WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(TalkHandler.MAX_MESSAGE_BYTES)
                .allowExtensions(false)
                .expectMaskedFrames(true)
                .closeOnProtocolViolation(true)
                .build());
    }

    /** Refuses the request, or opens the talk; on the connection's event loop, as {@link LiveRouter} reads it. */
    void route(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            open(ctx, request);
        } catch (LiveRefusal refusal) {
            metrics.refused(refusal.reason());
            LiveRouter.answer(ctx, request, refusal);
        }
    }

    private void open(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            throw new LiveRefusal(Reason.MALFORMED, "malformed HTTP request");
        }
        if (!request.method().equals(HttpMethod.GET)) {
            throw new LiveRefusal(Reason.METHOD, "GET only");
        }
        TalkRequest asked = TalkRequest.parse(request.uri());
        gate.admit(asked);
        if (!LiveRouter.isUpgrade(request)) {
            throw new LiveRefusal(Reason.NOT_WEBSOCKET, "talk is a WebSocket: send an Upgrade");
        }
        if (!request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY)) {
            throw new LiveRefusal(Reason.HANDSHAKE, "missing Sec-WebSocket-Key");
        }
        if (!line.connected(asked.deviceId())) {
            throw new LiveRefusal(Reason.NOT_CONNECTED, "camera not connected");
        }
        WebSocketServerHandshaker handshaker = handshakers.newHandshaker(request);
        if (handshaker == null) {
            metrics.refused(Reason.HANDSHAKE);
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        TalkSession talk = new TalkSession(asked.deviceId(), asked.format(), ctx.channel(), line, metrics, clock,
                random);
        talkers.claim(talk);
        ctx.channel().closeFuture().addListener(closed -> {
            talkers.release(talk);
            log.debug("{} ended: {} packages sent, {} dropped", talk, talk.sent(), talk.dropped());
        });
        upgrade(ctx, request, handshaker, talk);
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, WebSocketServerHandshaker handshaker,
                         TalkSession talk) {
        ChannelPipeline p = ctx.pipeline();
        // The request's timer would start again on the first byte the talker sends.
        p.remove(LiveInitializer.REQUEST_START);
        p.remove(LiveInitializer.REQUEST_END);
        p.addAfter(ctx.name(), LiveInitializer.STREAM, new TalkHandler(talk));
        try {
            // Writes the 101 now; the handshaker also takes the request aggregator away.
            handshaker.handshake(ctx.channel(), request);
        } catch (WebSocketHandshakeException e) {
            log.debug("talk {}: handshake failed: {}", ctx.channel().remoteAddress(), e.getMessage());
            metrics.refused(Reason.HANDSHAKE);
            ctx.close();
            return;
        }
        p.remove(ctx.name());
        metrics.started();
    }
}
