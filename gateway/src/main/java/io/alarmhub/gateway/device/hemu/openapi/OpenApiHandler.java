package io.alarmhub.gateway.device.hemu.openapi;

import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.http.HttpRefusal;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;

/**
 * Answers the requests of one OpenAPI connection, one at a time (the HTTP core holds the next back until
 * this one is answered), each once what it changes is durable.
 *
 * <pre>
 * p.addLast("tls-only", new TlsOnly(ssl, …));    // TLS, or a plain-text 400
 * http.install(p);                               // the HTTP core with an OpenApiFace
 * p.addLast(new BodyAggregator(maxBodyBytes));
 * p.addLast(new OpenApiHandler(requests, …));    // here
 * </pre>
 */
final class OpenApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(OpenApiHandler.class);

    private final OpenApiRequests requests;
    private final HemuMetrics metrics;
    private final int maxBodyBytes;
    private final Clock clock;
    private boolean complained;

    OpenApiHandler(OpenApiRequests requests, HemuMetrics metrics, int maxBodyBytes, Clock clock) {
        this.requests = requests;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean success = request.decoderResult().isSuccess();
        HttpVersion version = success ? request.protocolVersion() : HttpVersion.HTTP_1_1;
        boolean tooLarge = request.decoderResult().cause() instanceof TooLongHttpContentException;
        boolean keepAlive = (success || tooLarge) && HttpUtil.isKeepAlive(request);
        Optional<HttpRefusal> refusal = success ? OpenApiFace.refusalOf(request, maxBodyBytes)
                : Optional.of(tooLarge
                ? new HttpRefusal(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
                        "body larger than " + maxBodyBytes + " bytes")
                : new HttpRefusal(HttpResponseStatus.BAD_REQUEST, "malformed_http", "malformed HTTP request"));
        if (refusal.isPresent()) {
            HttpRefusal r = refusal.get();
            metrics.badInput(r.reason());
            respond(ctx, version, keepAlive, OpenApiAnswer.error(r.status(), ErrorCode.BAD_REQUEST, r.message(),
                    Optional.empty(), r.reason()));
            return;
        }
        OpenApiRequests.Call call = new OpenApiRequests.Call(
                Optional.ofNullable(request.headers().get(HttpHeaderNames.AUTHORIZATION)),
                Optional.ofNullable(request.headers().get("X-WSSE")),
                new QueryStringDecoder(request.uri()).rawQuery(),
                Optional.ofNullable(request.headers().get(HttpHeaderNames.CONTENT_TYPE)).orElse(""),
                ByteBufUtil.getBytes(request.content()), address(ctx));
        requests.answer(call).thenAccept(answer -> {
            EventExecutor loop = ctx.executor();
            if (loop.inEventLoop()) {
                respond(ctx, version, keepAlive, answer);
            } else {
                loop.execute(() -> respond(ctx, version, keepAlive, answer));
            }
        });
    }

    private void respond(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, OpenApiAnswer answer) {
        answer.reason().ifPresent(reason -> complainOnce(ctx, answer, reason));
        FullHttpResponse response = answer.response(version, OpenApiAnswer.at(clock.instant()));
        // Without keep-alive, the core's keep-alive handler closes once this is written.
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.writeAndFlush(response);
    }

    private void complainOnce(ChannelHandlerContext ctx, OpenApiAnswer answer, String reason) {
        if (!complained) {
            complained = true;
            // The reason only: never a header or body value, which may hold digests and tokens.
            log.info("hemu: {} ({}) to {} (further refusals on this connection are only counted)",
                    answer.status().code(), reason, ctx.channel().remoteAddress());
        }
    }

    private static Optional<String> address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? Optional.of(a.getAddress().getHostAddress()) : Optional.empty();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException
                || cause.getCause() instanceof SSLException) {
            // A client gone mid-request, or one whose TLS failed (an old version, a cipher we do not take).
            log.debug("hemu: connection from {} failed", ctx.channel().remoteAddress(), cause);
        } else {
            log.warn("hemu: closing connection from {} after an unexpected error", ctx.channel().remoteAddress(),
                    cause);
        }
        ctx.close();
    }
}
