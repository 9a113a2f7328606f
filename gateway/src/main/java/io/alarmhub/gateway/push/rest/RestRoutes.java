package io.alarmhub.gateway.push.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.admission.ServerBusyException;
import io.alarmhub.core.auth.AliasTokens;
import io.alarmhub.core.auth.AppTokens;
import io.alarmhub.core.auth.TokenException;
import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.Presence;
import io.alarmhub.core.delivery.PushException;
import io.alarmhub.core.log.RateLimitedLog;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppApi;
import io.alarmhub.gateway.app.AppApis;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushFailures;
import io.alarmhub.gateway.push.protocol.PushJson;
import io.alarmhub.gateway.push.protocol.PushReplies;
import io.alarmhub.gateway.push.protocol.PushRequest;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST;
import static io.netty.handler.codec.http.HttpResponseStatus.INTERNAL_SERVER_ERROR;
import static io.netty.handler.codec.http.HttpResponseStatus.METHOD_NOT_ALLOWED;
import static io.netty.handler.codec.http.HttpResponseStatus.NOT_FOUND;
import static io.netty.handler.codec.http.HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
import static io.netty.handler.codec.http.HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
import static io.netty.handler.codec.http.HttpResponseStatus.REQUEST_URI_TOO_LONG;
import static io.netty.handler.codec.http.HttpResponseStatus.SERVICE_UNAVAILABLE;
import static io.netty.handler.codec.http.HttpResponseStatus.UNAUTHORIZED;

/**
 * Turns one RestServer request into one JSON answer. Shared by every connection: it holds no
 * per-connection state, and reads the request (body included) before it returns, so the caller may
 * release the request as soon as {@link #answer} returns.
 */
final class RestRoutes {

    private static final Logger log = LoggerFactory.getLogger(RestRoutes.class);
    /** A full disk fails every request until it is fixed: its cause is worth a line a minute, not one each. */
    private static final RateLimitedLog storeFailures = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);
    /** Past the node's capacity every publish is refused for a while: a line a minute says so. */
    private static final RateLimitedLog busy = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);
    /** The {@code face} RestServer's publishes are admitted under. */
    static final String FACE = "rest";

    static final String STORAGE_UNAVAILABLE = "storage unavailable, try again";

    private final PushContext context;
    private final AppTokens tokens;
    private final PushCluster cluster;
    private final int pageSize;
    private final Clock clock;
    private final AppApis apps;

    RestRoutes(PushContext context, AppTokens tokens, PushCluster cluster, int pageSize, Clock clock, AppApis apps) {
        this.context = context;
        this.apps = apps;
        this.tokens = tokens;
        this.cluster = cluster;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /** The answer to a request; the future never fails: every failure is answered with {@code {"t":0,…}}. */
    CompletableFuture<RestReply> answer(FullHttpRequest request) {
        Optional<Endpoint> endpoint = Optional.empty();
        try {
            DecoderResult decoded = request.decoderResult();
            if (decoded.isFailure()) {
                return completed(malformed(decoded.cause()));
            }
            List<String> segments = segments(request.uri());
            Optional<AppApi> app = segments.size() < 2 ? Optional.empty() : apps.find(segments.get(0));
            if (app.isPresent()) {
                return app(segments.get(0), app.get(), request, segments);
            }
            endpoint = Endpoint.of(segments);
            Endpoint e = endpoint.orElseThrow(() -> new Refusal(RestReply.refused(
                    Optional.empty(), NOT_FOUND, "not_found", "not found", Optional.empty())));
            if (!request.method().equals(e.method())) {
                throw new Refusal(RestReply.refused(e, METHOD_NOT_ALLOWED, "method",
                        "method not allowed, use " + e.method()));
            }
            verify(e, segments.get(segments.size() - 1));
            return switch (e) {
                case PUSH -> push(request.content());
                case ALIAS_TOKEN -> completed(aliasToken(request.content()));
                case INFO -> completed(RestReply.ok(e, info()));
                case SERVERS -> completed(RestReply.ok(e, servers()));
                case STATUS -> status(segments.get(2));
                case CHANNEL_ALIASES -> completed(RestReply.ok(e, aliases(e, Face.TCP, segments.get(2))));
                case SOCKET_IO_ALIASES -> completed(RestReply.ok(e, aliases(e, Face.SOCKET_IO, segments.get(2))));
            };
        } catch (Refusal refusal) {
            return completed(refusal.reply);
        } catch (RuntimeException unexpected) {
            return completed(failure(endpoint, unexpected, Optional.empty()));
        }
    }

    /** A vendor's route: the token checked here, as for every path, then the vendor's answer. */
    private CompletableFuture<RestReply> app(String vendor, AppApi api, FullHttpRequest request,
                                             List<String> segments) {
        String appId;
        try {
            appId = tokens.verify(segments.get(segments.size() - 1), clock.instant());
        } catch (TokenException e) {
            return completed(RestReply.of(AppAnswer.refused(UNAUTHORIZED.code(), vendor, "token", e.getMessage())));
        }
        AppRequest call = new AppRequest(request.method().name(), segments.subList(1, segments.size() - 1),
                query(request.uri()), request.content().toString(StandardCharsets.UTF_8), appId);
        return api.answer(call).thenApply(RestReply::of).exceptionally(failure -> {
            log.error("rest: {} failed to answer a request", vendor, failure);
            return RestReply.of(AppAnswer.failed(INTERNAL_SERVER_ERROR.code(), vendor, "internal error"));
        });
    }

    private CompletableFuture<RestReply> push(ByteBuf body) {
        JsonNode json = PushJson.parse(body.toString(StandardCharsets.UTF_8))
                .orElseThrow(() -> new Refusal(RestReply.refused(Endpoint.PUSH, BAD_REQUEST, "body",
                        "the body is not JSON")));
        if (!json.isObject()) {
            throw new Refusal(RestReply.refused(Endpoint.PUSH, BAD_REQUEST, "body", "a request is a JSON object"));
        }
        ObjectNode object = (ObjectNode) json;
        Optional<JsonNode> num = Optional.ofNullable(object.get("num"));
        if (!object.has("t")) {
            object.put("t", 6); // the publish type is implied by the endpoint
        }
        PushRequest request = PushRequest.create(object, context.limits());
        if (request instanceof PushRequest.Invalid invalid) {
            throw refusedPush(invalid.error(), num);
        }
        if (!(request instanceof PushRequest.Publish publish)) {
            throw refusedPush("only publish requests (t:6) are accepted here", num);
        }
        return context.hub().publish(FACE, publish.target(), publish.msg(), publish.timeToLive())
                .thenApply(message -> RestReply.ok(Endpoint.PUSH, PushReplies.ok(-6, num)))
                .exceptionally(failure -> failure(Optional.of(Endpoint.PUSH), failure, num));
    }

    /**
     * {@code {"alias":"alice"}} → {@code {"alias":"alice","alias_token":…,"expires":"…Z"}}. The alias obeys the
     * heartbeat's rules, so that any alias a connection can name can be proven.
     */
    private RestReply aliasToken(ByteBuf body) {
        JsonNode json = PushJson.parse(body.toString(StandardCharsets.UTF_8))
                .filter(JsonNode::isObject)
                .orElseThrow(() -> new Refusal(RestReply.refused(Endpoint.ALIAS_TOKEN, BAD_REQUEST, "body",
                        "the body is not a JSON object")));
        ObjectNode heartbeat = PushJson.object().put("t", 1);
        heartbeat.set("alias", json.get("alias"));
        PushRequest checked = PushRequest.create(heartbeat, context.limits());
        if (checked instanceof PushRequest.Invalid invalid) {
            throw new Refusal(RestReply.refused(Endpoint.ALIAS_TOKEN, BAD_REQUEST, "body", invalid.error()));
        }
        String alias = ((PushRequest.Heartbeat) checked).alias();
        if (!AliasTokens.mintable(alias)) {
            throw new Refusal(RestReply.refused(Endpoint.ALIAS_TOKEN, BAD_REQUEST, "body",
                    "alias is not well-formed Unicode"));
        }
        AliasTokens.Minted minted = context.aliasTokens().mint(alias);
        return RestReply.ok(Endpoint.ALIAS_TOKEN, PushJson.object().put("alias", minted.alias())
                .put("alias_token", minted.token()).put("expires", minted.expires().toString()));
    }

    private ObjectNode info() {
        ObjectNode info = PushJson.object();
        for (NodeLoad load : cluster.nodes()) {
            info.putObject(load.node().host())
                    .put("webSocketSize", load.webSocketSize())
                    .put("channelSize", load.channelSize())
                    .put("onlineAllSize", load.onlineAllSize())
                    .put("socketIOSize", load.socketIOSize());
        }
        return info;
    }

    private ObjectNode servers() {
        PushNode node = cluster.leastLoaded();
        ObjectNode servers = PushJson.object();
        servers.putObject("service")
                .put("rest", node.ports().rest())
                .put("webSocket", node.ports().webSocket())
                .put("socket", node.ports().socket())
                .put("push", node.ports().push());
        servers.put("host", node.host());
        return servers;
    }

    private CompletableFuture<RestReply> status(String alias) {
        if (alias.isEmpty() || alias.length() > context.limits().maxNameLength()) {
            throw new Refusal(RestReply.refused(Endpoint.STATUS, BAD_REQUEST, "alias",
                    "alias must be 1.." + context.limits().maxNameLength() + " characters"));
        }
        Presence presence = context.hub().presence();
        return context.hub().topics(alias)
                .thenApply(topics -> RestReply.ok(Endpoint.STATUS,
                        PushReplies.status(topics, presence.online(alias))))
                .exceptionally(failure -> failure(Optional.of(Endpoint.STATUS), failure, Optional.empty()));
    }

    private ObjectNode aliases(Endpoint endpoint, Face face, String pageText) {
        long page = page(endpoint, pageText);
        List<String> aliases = context.hub().presence().aliases(face);
        long from = Math.min((page - 1) * pageSize, aliases.size());
        long to = Math.min(from + pageSize, aliases.size());
        ObjectNode reply = PushJson.object().put("total", aliases.size());
        reply.set("list", PushReplies.strings(aliases.subList((int) from, (int) to)));
        return reply;
    }

    private static long page(Endpoint endpoint, String text) {
        // Nine digits at most: a page number past that is a typo, not a page, and stays clear of overflow.
        if (text.matches("[0-9]{1,9}")) {
            long page = Long.parseLong(text);
            if (page >= 1) {
                return page;
            }
        }
        throw new Refusal(RestReply.refused(endpoint, BAD_REQUEST, "page", "page must be a whole number from 1"));
    }

    private void verify(Endpoint endpoint, String token) {
        try {
            tokens.verify(token, clock.instant());
        } catch (TokenException e) {
            throw new Refusal(RestReply.refused(endpoint, UNAUTHORIZED, "token", e.getMessage()));
        }
    }

    private static List<String> segments(String uri) {
        try {
            return RestPath.segments(uri);
        } catch (IllegalArgumentException e) {
            throw new Refusal(RestReply.refused(Optional.empty(), BAD_REQUEST, "path", "malformed path",
                    Optional.empty()));
        }
    }

    private static Map<String, String> query(String uri) {
        try {
            return RestPath.query(uri);
        } catch (IllegalArgumentException e) {
            throw new Refusal(RestReply.refused(Optional.empty(), BAD_REQUEST, "path", "malformed query",
                    Optional.empty()));
        }
    }

    private static RestReply malformed(Throwable cause) {
        if (cause instanceof TooLongHttpContentException) {
            return RestReply.refused(Optional.empty(), REQUEST_ENTITY_TOO_LARGE, "too_large", "body too large",
                    Optional.empty());
        }
        if (cause instanceof TooLongHttpLineException) {
            return RestReply.refused(Optional.empty(), REQUEST_URI_TOO_LONG, "malformed_http", "request line too long",
                    Optional.empty());
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return RestReply.refused(Optional.empty(), REQUEST_HEADER_FIELDS_TOO_LARGE, "malformed_http", "headers too large",
                    Optional.empty());
        }
        return RestReply.refused(Optional.empty(), BAD_REQUEST, "malformed_http", "malformed HTTP request", Optional.empty());
    }

    private static Refusal refusedPush(String error, Optional<JsonNode> num) {
        return new Refusal(RestReply.refused(Optional.of(Endpoint.PUSH), BAD_REQUEST, "body", error, num));
    }

    /** Maps a failed hub operation to its answer: the hub's refusal is the client's fault, the store's is not. */
    private static RestReply failure(Optional<Endpoint> endpoint, Throwable failure, Optional<JsonNode> num) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof PushException) {
            return RestReply.refused(endpoint, BAD_REQUEST, "refused", cause.getMessage(), num);
        }
        if (cause instanceof ServerBusyException) {
            busy.warn("rest: publish refused, answering 503: " + cause.getMessage());
            return RestReply.failed(endpoint, SERVICE_UNAVAILABLE, PushFailures.BUSY, num);
        }
        if (cause instanceof StoreException) {
            storeFailures.warn("rest: store failure, answering 503: " + cause.getMessage());
            return RestReply.failed(endpoint, SERVICE_UNAVAILABLE, STORAGE_UNAVAILABLE, num);
        }
        log.error("rest: unexpected failure answering a request", cause);
        return RestReply.failed(endpoint, INTERNAL_SERVER_ERROR, "internal error", num);
    }

    private static CompletableFuture<RestReply> completed(RestReply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    /** Thrown and caught within this class only, to leave a check early with its answer. */
    private static final class Refusal extends RuntimeException {

        final transient RestReply reply;

        Refusal(RestReply reply) {
            super(reply.error(), null, false, false);
            this.reply = reply;
        }
    }
}
