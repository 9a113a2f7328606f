package io.alarmhub.gateway.push.rest;

import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.http.HttpFace;
import io.alarmhub.gateway.http.HttpRefusal;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The RestServer as the HTTP core sees it: the protocol's JSON error shape, its body limit, its counters. */
final class RestFace implements HttpFace {

    private static final String JSON = "application/json; charset=utf-8";

    private final RestMetrics metrics;
    private final int maxBodyBytes;

    RestFace(RestMetrics metrics, int maxBodyBytes) {
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public String name() {
        return "rest";
    }

    @Override
    public FullHttpResponse refusal(HttpRefusal refusal) {
        RestReply reply = RestReply.refused(Optional.empty(), refusal.status(), refusal.reason(), refusal.message(),
                Optional.empty());
        metrics.answered(reply);
        return response(HttpVersion.HTTP_1_1, reply);
    }

    /** A body announced over the limit is refused before it is sent. */
    @Override
    public Optional<HttpRefusal> screen(HttpRequest head) {
        if (HttpUtil.getContentLength(head, -1L) > maxBodyBytes) {
            return Optional.of(new HttpRefusal(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
                    "body too large"));
        }
        return Optional.empty();
    }

    @Override
    public void closed(String reason) {
        metrics.closed(reason);
    }

    /** A reply as HTTP: its JSON body, and the headers its status asks for. */
    static FullHttpResponse response(HttpVersion version, RestReply reply) {
        byte[] body = reply.app().map(AppAnswer::body)
                .orElseGet(() -> reply.body().toString().getBytes(StandardCharsets.UTF_8));
        FullHttpResponse response = new DefaultFullHttpResponse(version, reply.status(), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, reply.app().map(AppAnswer::contentType).orElse(JSON))
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (reply.status().equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            reply.endpoint().ifPresent(e -> response.headers().set(HttpHeaderNames.ALLOW, e.method().name()));
        } else if (reply.status().equals(HttpResponseStatus.SERVICE_UNAVAILABLE)) {
            response.headers().setInt(HttpHeaderNames.RETRY_AFTER, 1);
        }
        return response;
    }
}
