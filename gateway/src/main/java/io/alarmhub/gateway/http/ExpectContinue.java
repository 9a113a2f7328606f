package io.alarmhub.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;

import io.netty.util.ReferenceCountUtil;

import java.util.Optional;

/**
 * Answers {@code Expect: 100-continue} as the face decides: {@code 100 Continue} for a request it accepts,
 * its own refusal (417, 413 …) otherwise, so that a client never sends a body only to have it refused. An
 * expectation other than {@code 100-continue} is refused 417, as RFC 9110 asks. A refused request does
 * not reach the face; its connection closes, lingering if the client sends the body anyway.
 *
 * <pre>
 * p.addLast(new HttpServerKeepAliveHandler());
 * p.addLast(new ExpectContinue(face));          // here
 * p.addLast(new HttpExchanges(face, ...));
 * </pre>
 */
final class ExpectContinue extends HttpServerExpectContinueHandler {

    private final HttpFace face;
    /** The refusal of the request {@link #acceptMessage} just turned down, for {@link #rejectResponse}. */
    private Optional<HttpRefusal> refused = Optional.empty();

    ExpectContinue(HttpFace face) {
        this.face = face;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
            // Unreadable: HttpExchanges answers it; its headers are not to be trusted here.
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof HttpRequest request && unsupported(request)) {
            refuse(ctx, request, new HttpRefusal(HttpResponseStatus.EXPECTATION_FAILED, "expectation",
                    "unsupported Expect header"));
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected HttpResponse acceptMessage(HttpRequest request) {
        refused = face.screen(request);
        return refused.isPresent() ? null : super.acceptMessage(request);
    }

    @Override
    protected HttpResponse rejectResponse(HttpRequest request) {
        HttpRefusal refusal = refused.orElseGet(() -> new HttpRefusal(HttpResponseStatus.EXPECTATION_FAILED,
                "expectation", "expectation failed"));
        refused = Optional.empty();
        return closing(face.refusal(refusal));
    }

    private void refuse(ChannelHandlerContext ctx, HttpRequest request, HttpRefusal refusal) {
        ReferenceCountUtil.release(request);
        ctx.writeAndFlush(closing(face.refusal(refusal)));
    }

    /** The body may follow anyway, unannounced: the connection is not kept. */
    private static FullHttpResponse closing(FullHttpResponse response) {
        HttpUtil.setKeepAlive(response, false);
        return response;
    }

    private static boolean unsupported(HttpRequest request) {
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        return expect != null && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.strip());
    }
}
