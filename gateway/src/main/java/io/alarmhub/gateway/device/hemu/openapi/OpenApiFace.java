package io.alarmhub.gateway.device.hemu.openapi;

import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.http.HttpFace;
import io.alarmhub.gateway.http.HttpRefusal;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.time.Clock;
import java.util.Optional;

/**
 * The OpenAPI as the HTTP core sees it: the document's {@code {"errorCode":…,"description":…}} body for every
 * refusal, and the request heads refused before their body (another path, not {@code POST}, a body announced
 * over the limit).
 */
final class OpenApiFace implements HttpFace {

    /** The one path of the OpenAPI: every message type is a {@code jsonObject} posted here. */
    static final String PATH = "/andmu/v2/service/batch";

    private final int maxBodyBytes;
    private final HemuMetrics metrics;
    private final Clock clock;

    OpenApiFace(int maxBodyBytes, HemuMetrics metrics, Clock clock) {
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "hemu";
    }

    @Override
    public FullHttpResponse refusal(HttpRefusal refusal) {
        metrics.badInput(refusal.reason());
        return OpenApiAnswer.error(refusal.status(), ErrorCode.BAD_REQUEST, refusal.message(), Optional.empty(),
                refusal.reason()).response(HttpVersion.HTTP_1_1, OpenApiAnswer.at(clock.instant()));
    }

    @Override
    public Optional<HttpRefusal> screen(HttpRequest head) {
        return refusalOf(head, maxBodyBytes);
    }

    @Override
    public void closed(String reason) {
        metrics.closed(reason);
    }

    /** What a request head alone shows to be refused. */
    static Optional<HttpRefusal> refusalOf(HttpRequest head, int maxBodyBytes) {
        String path;
        try {
            path = new QueryStringDecoder(head.uri()).path();
        } catch (IllegalArgumentException e) {
            return Optional.of(new HttpRefusal(HttpResponseStatus.BAD_REQUEST, "malformed_http", "malformed path"));
        }
        if (!path.equals(PATH)) {
            return Optional.of(new HttpRefusal(HttpResponseStatus.NOT_FOUND, "not_found",
                    "unknown path: the OpenAPI is POST " + PATH));
        }
        if (!HttpMethod.POST.equals(head.method())) {
            return Optional.of(new HttpRefusal(HttpResponseStatus.METHOD_NOT_ALLOWED, "method", "use POST"));
        }
        if (HttpUtil.getContentLength(head, -1L) > maxBodyBytes) {
            return Optional.of(new HttpRefusal(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
                    "body larger than " + maxBodyBytes + " bytes"));
        }
        return Optional.empty();
    }
}
