package io.alarmhub.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.util.ReferenceCountUtil;

/**
 * Aggregates a request up to the body limit. Where {@link HttpObjectAggregator} would write an empty
 * 413 itself, this passes on a bodiless request that failed with {@link TooLongHttpContentException},
 * so that the face's handler (the RestServer's, the Hemu OpenAPI's) answers it like any other bad request:
 * in its own error body, counted, and behind the answers still owed on the connection.
 *
 * <pre>
 * ChannelPipeline p = ch.pipeline();
 * http.install(p);                               // the HTTP core (HttpServerPipeline)
 * p.addLast(new BodyAggregator(maxBodyBytes));   // here
 * p.addLast(new RestHandler(routes, metrics));
 * </pre>
 */
public final class BodyAggregator extends HttpObjectAggregator {

    public BodyAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (start.decoderResult().isFailure()) {
            // A request the decoder could not read (say, a Content-Length that is no number) is answered 400
            // by the face's handler; HttpObjectAggregator would parse its Content-Length here, and throw.
            return null;
        }
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof HttpResponse refusal
                && refusal.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
            // Its Content-Length is over the limit: handleOversizedMessage takes it from here.
            ReferenceCountUtil.release(response);
            return null;
        }
        return response;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest request)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        // Netty's own rule: once part of the body has been taken in, the connection is not reused.
        boolean keepAlive = !(oversized instanceof FullHttpMessage)
                && (HttpUtil.is100ContinueExpected(request) || HttpUtil.isKeepAlive(request));
        FullHttpRequest tooLarge = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
                request.uri(), Unpooled.EMPTY_BUFFER, request.headers().copy(), EmptyHttpHeaders.INSTANCE);
        HttpUtil.setKeepAlive(tooLarge, keepAlive);
        tooLarge.setDecoderResult(DecoderResult.failure(
                new TooLongHttpContentException("body larger than " + maxContentLength() + " bytes")));
        ctx.fireChannelRead(tooLarge);
    }
}
