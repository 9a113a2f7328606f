package io.alarmhub.gateway.media;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alarmhub.gateway.http.HttpFace;
import io.alarmhub.gateway.http.HttpRefusal;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/** The media server as the HTTP core sees it: {@code {"error":…}} bodies, answers counted by status. */
final class MediaFace implements HttpFace {

    private static final String JSON = "application/json; charset=utf-8";

    private final MediaMetrics metrics;

    MediaFace(MediaMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "media";
    }

    @Override
    public FullHttpResponse refusal(HttpRefusal refusal) {
        metrics.answered(refusal.status().code());
        return error(HttpVersion.HTTP_1_1, refusal.status(), refusal.message());
    }

    @Override
    public void closed(String reason) {
        metrics.closed(reason);
    }

    static FullHttpResponse error(HttpVersion version, HttpResponseStatus status, String error) {
        byte[] body = JsonNodeFactory.instance.objectNode().put("error", error).toString()
                .getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(version, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }
}
