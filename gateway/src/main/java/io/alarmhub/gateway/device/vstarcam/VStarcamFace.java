package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.gateway.http.HttpFace;
import io.alarmhub.gateway.http.HttpRefusal;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The camera API as the HTTP core sees it: the document's {@code {"code":…,"message":…}} body for every
 * refusal, and which request heads are refused before their body (unknown path, not {@code POST}, a body
 * announced over its limit, an alarm that is not multipart), so that a camera asking
 * {@code Expect: 100-continue} never sends a body only to have it refused.
 */
final class VStarcamFace implements HttpFace {

    private static final String JSON = "application/json; charset=UTF-8";

    private final VStarcamSettings settings;
    private final VStarcamMetrics metrics;

    VStarcamFace(VStarcamSettings settings, VStarcamMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "vstarcam";
    }

    @Override
    public FullHttpResponse refusal(HttpRefusal refusal) {
        Answer answer = Answer.refused(refusal.status(), refusal.reason(), refusal.message());
        metrics.badInput(refusal.reason());
        return response(HttpVersion.HTTP_1_1, answer);
    }

    @Override
    public Optional<HttpRefusal> screen(HttpRequest head) {
        return refusalOf(settings, head).map(a -> new HttpRefusal(a.status(), a.reason().orElse("refused"),
                a.message()));
    }

    @Override
    public void closed(String reason) {
        metrics.closed(reason);
    }

    /** What a request head alone shows to be refused: the answer, or empty. */
    static Optional<Answer> refusalOf(VStarcamSettings settings, HttpRequest request) {
        Optional<String> decoded = path(request);
        if (decoded.isEmpty()) {
            return Optional.of(Answer.refused(HttpResponseStatus.BAD_REQUEST, "malformed_http", "malformed path"));
        }
        String path = decoded.get();
        boolean isHeartbeat = path.equals(settings.heartbeatPath());
        if (!isHeartbeat && !path.equals(settings.alarmPath())) {
            return Optional.of(Answer.refused(HttpResponseStatus.NOT_FOUND, "not_found", "unknown path"));
        }
        if (!HttpMethod.POST.equals(request.method())) {
            return Optional.of(Answer.refused(HttpResponseStatus.METHOD_NOT_ALLOWED, "method", "use POST"));
        }
        long length = HttpUtil.getContentLength(request, -1L);
        long limit = isHeartbeat ? settings.maxHeartbeatBytes() : settings.maxRequestBytes();
        if (length > limit) {
            return Optional.of(Answer.refused(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
                    (isHeartbeat ? "heartbeat" : "request") + " larger than " + limit + " bytes"));
        }
        if (!isHeartbeat && !isMultipart(request)) {
            return Optional.of(Answer.refused(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "not_multipart",
                    "alarm must be multipart/form-data"));
        }
        return Optional.empty();
    }

    /** Whether a request {@link #refusalOf} let through is a heartbeat (else it is an alarm). */
    static boolean isHeartbeat(VStarcamSettings settings, HttpRequest request) {
        return path(request).filter(settings.heartbeatPath()::equals).isPresent();
    }

    /** The decoded path without a trailing slash; empty when it holds a bad %-escape. */
    private static Optional<String> path(HttpRequest request) {
        String path;
        try {
            path = new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException e) {
            // A bad %-escape: Netty's decoder throws rather than answering.
            return Optional.empty();
        }
        return Optional.of(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    /** An answer as HTTP: the document's JSON body, and the headers its status asks for. */
    static FullHttpResponse response(HttpVersion version, Answer answer) {
        FullHttpResponse response = new DefaultFullHttpResponse(version, answer.status(),
                Unpooled.copiedBuffer(answer.json(), StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (answer.status().code() == HttpResponseStatus.METHOD_NOT_ALLOWED.code()) {
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
        } else if (answer.status().code() == HttpResponseStatus.SERVICE_UNAVAILABLE.code()) {
            response.headers().setInt(HttpHeaderNames.RETRY_AFTER, 1);
        }
        return response;
    }

    /**
     * Netty's {@code isMultipart} throws, rather than answering, for a multipart type whose boundary
     * parameter it cannot read ({@code boundaryy}, or an empty {@code boundary=}): that is a multipart
     * request, and {@link AlarmUpload} refuses it 400 for its boundary.
     */
    private static boolean isMultipart(HttpRequest request) {
        try {
            return HttpPostRequestDecoder.isMultipart(request);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException | IndexOutOfBoundsException e) {
            return true;
        }
    }
}
