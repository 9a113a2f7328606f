package io.alarmhub.gateway.device.hemu.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One OpenAPI answer before it becomes HTTP. Every answer with a body is the document's JSON:
 * {@code errorCode} (a string), {@code description}, {@code msgType} (the request's {@code _RSP}), then the
 * answer's own fields. A WSSE refusal is the document's bodiless {@code 401} with {@code Date} (RFC 3339, by
 * which the camera sets its clock) and {@code WWW-Authenticate}.
 *
 * @param status the HTTP status: 200 for every answer with an {@code errorCode}, except those the document or
 *               HTTP gives another ({@code 404} for a failed {@code MSG_P_THD_GET_CAMERA_CHN_ADDR_REQ},
 *               {@code 413}, {@code 503} when the store or the nonce cache cannot take more)
 * @param body   the JSON, empty for a WSSE refusal
 * @param reason for a refusal, a short fixed reason for metrics and the connection's one log line
 */
public record OpenApiAnswer(HttpResponseStatus status, Optional<ObjectNode> body, Optional<String> reason) {

    static final String WWW_AUTHENTICATE = "WSSE realm=\"authcenter\", profile=\"UsernamePwd\"";
    private static final String JSON = "application/json; charset=UTF-8";

    /** {@code errorCode "0"} with the answer's fields. */
    public static OpenApiAnswer ok(String responseType, ObjectNode fields) {
        ObjectNode body = head(ErrorCode.OK, "", Optional.of(responseType));
        body.setAll(fields);
        return new OpenApiAnswer(HttpResponseStatus.OK, Optional.of(body), Optional.empty());
    }

    /** An {@code errorCode} other than 0, under the status the caller says. */
    public static OpenApiAnswer error(HttpResponseStatus status, ErrorCode code, String description,
                                      Optional<String> responseType, String reason) {
        return new OpenApiAnswer(status, Optional.of(head(code, description, responseType)), Optional.of(reason));
    }

    public static OpenApiAnswer error(OpenApiException e, String reason) {
        return error(HttpResponseStatus.OK, e.code(), e.description(), e.responseType(), reason);
    }

    /** The document's 401 (section 2): no body. */
    public static OpenApiAnswer unauthorized(String reason) {
        return new OpenApiAnswer(HttpResponseStatus.UNAUTHORIZED, Optional.empty(), Optional.of(reason));
    }

    public boolean refused() {
        return reason.isPresent();
    }

    /** As HTTP, with {@code Date} on every answer: the camera sets its clock by it after a 401. */
    public FullHttpResponse response(HttpVersion version, OffsetDateTime now) {
        byte[] bytes = body.map(b -> b.toString().getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        FullHttpResponse response = new DefaultFullHttpResponse(version, status, Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.DATE, rfc3339(now))
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        if (body.isPresent()) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON);
        }
        if (status.code() == HttpResponseStatus.UNAUTHORIZED.code()) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, WWW_AUTHENTICATE);
        } else if (status.code() == HttpResponseStatus.SERVICE_UNAVAILABLE.code()) {
            response.headers().setInt(HttpHeaderNames.RETRY_AFTER, 1);
        }
        return response;
    }

    /** {@code 2017-01-01T15:00:00+08:00}: seconds, with the offset, as the document writes it. */
    static String rfc3339(OffsetDateTime time) {
        return time.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static ObjectNode head(ErrorCode code, String description, Optional<String> responseType) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("errorCode", code.code())
                .put("description", description);
        responseType.ifPresent(t -> body.put("msgType", t));
        return body;
    }

    /** The server's clock as the {@code Date} header gives it: UTC, which RFC 3339 writes {@code Z}. */
    static OffsetDateTime at(Instant now) {
        return now.atOffset(ZoneOffset.UTC);
    }
}
