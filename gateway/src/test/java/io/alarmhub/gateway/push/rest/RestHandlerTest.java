package io.alarmhub.gateway.push.rest;

import io.alarmhub.gateway.http.BodyAggregator;
import io.alarmhub.gateway.app.AppApis;
import io.alarmhub.core.auth.AliasTokens;
import io.alarmhub.core.auth.AppTokens;
import io.alarmhub.gateway.command.DeviceCommanders;
import io.alarmhub.gateway.push.protocol.CommandMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.auth.TokenException;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.gateway.http.HttpServerPipeline;
import io.alarmhub.gateway.push.protocol.DoorUnits;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushJson;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.protocol.RoomCounts;
import io.alarmhub.store.SqlitePushStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routing and error shapes of {@link RestHandler}, request by request, without sockets. */
class RestHandlerTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final int MAX_BODY = 64;

    @TempDir
    Path dir;
    private SqlitePushStore store;
    private PushHub hub;
    private final AppTokens tokens = new AppTokens(RestFixture.KEY, Set.of(RestFixture.APP), Duration.ofSeconds(300));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final String token = tokens.mint(RestFixture.APP, NOW);
    private EmbeddedChannel channel;
    private AliasTokens aliasTokens;

    @BeforeEach
    void open() {
        store = SqlitePushStore.open(dir.resolve("push.db"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        aliasTokens = new AliasTokens(RestFixture.KEY, Duration.ofHours(24), Duration.ofSeconds(300), clock);
        PushContext context = new PushContext(hub, new DoorUnits(), RoomCounts.NONE, PushLimits.DEFAULT,
                new DeviceCommanders(), aliasTokens, new CommandMetrics(registry));
        RestRoutes routes = new RestRoutes(context, tokens, PushCluster.single(RestFixture.NODE, hub.presence()),
                2, clock, new AppApis());
        RestMetrics metrics = new RestMetrics(registry);
        channel = new EmbeddedChannel();
        // the HTTP core after the codec, as the listener has it: these tests hand it decoded requests
        HttpServerPipeline.builder(new RestFace(metrics, MAX_BODY)).build().installAfterCodec(channel.pipeline());
        channel.pipeline().addLast(new BodyAggregator(MAX_BODY), new RestHandler(routes, metrics));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        store.close();
    }

    @Test
    void routesTheInfoEndpointsByTheirSegments() {
        assertThat(exchange(get("/info/" + token)).body()).isEqualTo("{\"10.0.0.215\":"
                + "{\"webSocketSize\":0,\"channelSize\":0,\"onlineAllSize\":0,\"socketIOSize\":0}}");
        assertThat(exchange(get("/info/servers/" + token)).body()).isEqualTo("{\"service\":{\"rest\":19900,"
                + "\"webSocket\":19000,\"socket\":19906,\"push\":19800},\"host\":\"10.0.0.215\"}");
        assertThat(exchange(get("/info/allChannelAlias/1/" + token)).body()).isEqualTo("{\"total\":0,\"list\":[]}");
        assertThat(exchange(get("/info/allSocketIOAlias/1/" + token + "?ignored=1")).body())
                .isEqualTo("{\"total\":0,\"list\":[]}");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"/", "*", "/push", "/push/a/b", "/info/servers/a/b", "/Info/x", "/info/status/a/b/c",
        "/info/allchannelalias/1/x", "/info/allChannelAlias/1/x/", "//push/x"})
    void answersPathsOfNoEndpointWith404(String path) {
        Reply reply = exchange(get(path));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEqualTo("{\"t\":0,\"error\":\"not found\"}");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void answersAnotherMethodWith405NamingTheRightOne() {
        Reply put = exchange(request(HttpMethod.PUT, "/push/" + token, "{}"));
        Reply post = exchange(request(HttpMethod.POST, "/info/status/a/" + token, "{}"));

        assertThat(put.status()).isEqualTo(405);
        assertThat(put.response().headers().get(HttpHeaderNames.ALLOW)).isEqualTo("POST");
        assertThat(put.body()).isEqualTo("{\"t\":0,\"error\":\"method not allowed, use POST\"}");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.response().headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "zz", "0123456789abcdef", "00000000000000000000000000000000"})
    void answersAnInvalidTokenWith401(String badToken) {
        Reply reply = exchange(get("/info/servers/" + badToken));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo("{\"t\":0,\"error\":\"invalid token\"}");
    }

    @Test
    void answersATokenOfAnUnknownAppWith401() {
        String stranger = new AppTokens(RestFixture.KEY, Set.of("stranger"), Duration.ofSeconds(300))
                .mint("stranger", NOW);

        Reply reply = exchange(get("/info/" + stranger));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo("{\"t\":0,\"error\":\"invalid token\"}");
    }

    @Test
    void answersATokenOutsideItsWindowWith401Expired() {
        String stale = tokens.mint(RestFixture.APP, NOW.minusSeconds(301));

        Reply reply = exchange(post("/push/" + stale, "{\"method\":\"publish\",\"topic\":[\"x\"],\"msg\":1}"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo("{\"t\":0,\"error\":\"token expired\"}");
    }

    @Test
    void answersAMalformedOrOverlongPathSegmentWith400() {
        for (String path : new String[] {"/info/status/%zz/" + token, "/info/" + "a".repeat(RestPath.MAX_SEGMENT + 1)}) {
            Reply reply = exchange(get(path));
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).isEqualTo("{\"t\":0,\"error\":\"malformed path\"}");
        }
    }

    @Test
    void answersAnOverlongAliasWith400() {
        Reply reply = exchange(get("/info/status/" + "a".repeat(PushLimits.DEFAULT.maxNameLength() + 1) + "/" + token));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("{\"t\":0,\"error\":\"alias must be 1..128 characters\"}");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''                                                          | {\"t\":0,\"error\":\"the body is not JSON\"}",
        "'{\"t\":6'                                                  | {\"t\":0,\"error\":\"the body is not JSON\"}",
        "[1]                                                         | {\"t\":0,\"error\":\"a request is a JSON object\"}",
        "null                                                        | {\"t\":0,\"error\":\"a request is a JSON object\"}",
        "'{\"t\":1,\"alias\":\"a\",\"num\":5}'                       | {\"t\":0,\"error\":\"only publish requests (t:6) are accepted here\",\"num\":5}",
        "'{\"t\":\"x\",\"num\":5}'                                   | {\"t\":0,\"error\":\"missing or non-integer t\",\"num\":5}",
        "'{\"method\":\"all\",\"msg\":1,\"num\":[5]}'                | {\"t\":0,\"error\":\"method must be publish or publish_to_alias\",\"num\":[5]}",
        "'{\"method\":\"publish_to_alias\",\"alias\":[],\"msg\":1}'  | {\"t\":0,\"error\":\"alias is empty\"}",
        "'{\"method\":\"publish\",\"topic\":[\"x\"],\"msg\":1,\"opts\":{\"time_to_live\":864001},\"num\":\"n\"}' | {\"t\":0,\"error\":\"time_to_live must be within 0..864000 seconds\",\"num\":\"n\"}",
    })
    void answersAPublishThatCannotBeReadWith400AndItsNum(String body, String expected) {
        Reply reply = exchange(post("/push/" + token, body));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo(expected);
        assertThat(channel.isOpen()).isTrue();
    }

    @ParameterizedTest(name = "page {0}")
    @ValueSource(strings = {"0", "-3", "one", "%31%30x", "1234567890"})
    void answersAPageThatIsNotAWholeNumberFromOneWith400(String page) {
        Reply reply = exchange(get("/info/allChannelAlias/" + page + "/" + token));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("{\"t\":0,\"error\":\"page must be a whole number from 1\"}");
    }

    @Test
    void answersARequestTheCodecCouldNotReadWith400AndCloses() {
        FullHttpRequest broken = get("/bad");
        broken.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("invalid version")));

        Reply reply = exchange(broken);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("{\"t\":0,\"error\":\"malformed HTTP request\"}");
        assertThat(reply.response().headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void honoursKeepAliveAsEachHttpVersionDefinesIt() {
        FullHttpRequest http10 = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/info/" + token);
        FullHttpRequest http10KeepAlive = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET,
                "/info/" + token);
        HttpUtil.setKeepAlive(http10KeepAlive, true);

        Reply kept = exchange(http10KeepAlive);
        assertThat(kept.response().headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("keep-alive");
        assertThat(channel.isOpen()).isTrue();

        exchange(http10);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void answersABodyDeclaredTooLargeWith413AndServesTheNextRequest() {
        HttpRequest start = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/push/" + token);
        HttpUtil.setContentLength(start, MAX_BODY + 1);
        channel.writeInbound(start);
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[MAX_BODY + 1])));
        Reply tooLarge = read();

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body()).isEqualTo("{\"t\":0,\"error\":\"body too large\"}");
        assertThat(channel.isOpen()).isTrue();
        assertThat(exchange(get("/info/servers/" + token)).status()).isEqualTo(200);
        assertThat(registry.get(RestMetrics.BAD_REQUESTS).tags("endpoint", "none", "reason", "too_large")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void answersAnExpectationOfATooLargeBodyWith413InsteadOf100Continue() {
        HttpRequest start = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/push/" + token);
        HttpUtil.setContentLength(start, MAX_BODY + 1);
        start.headers().set(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE);
        channel.writeInbound(start);

        assertThat(channel.outboundMessages()).hasSize(1);
        Reply reply = read();
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body()).isEqualTo("{\"t\":0,\"error\":\"body too large\"}");
    }

    @Test
    void answersAChunkedBodyThatGrowsTooLargeWith413AndClosesAfterALinger() {
        HttpRequest start = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/push/" + token);
        HttpUtil.setTransferEncodingChunked(start, true);
        channel.writeInbound(start);
        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[MAX_BODY / 2])));
        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[MAX_BODY])));

        Reply reply = read();
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body()).isEqualTo("{\"t\":0,\"error\":\"body too large\"}");
        assertThat(reply.response().headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        // The body is still coming: the connection reads on and drops it (a lingering close) before it goes.
        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[MAX_BODY])));
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void countsABadRequestOnceWithItsReason() {
        exchange(get("/info/servers/nope"));
        exchange(get("/info/servers/nope"));
        exchange(get("/info/servers/" + token));

        assertThat(registry.get(RestMetrics.BAD_REQUESTS).tags("endpoint", "servers", "reason", "token")
                .counter().count()).isEqualTo(2.0);
        assertThat(registry.get(RestMetrics.REQUESTS).tags("endpoint", "servers", "status", "401")
                .counter().count()).isEqualTo(2.0);
        assertThat(registry.get(RestMetrics.REQUESTS).tags("endpoint", "servers", "status", "200")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void mintsAnAliasTokenThatProvesThatAliasUntilItExpires() {
        Reply reply = exchange(post("/alias_token/" + token, "{\"alias\":\"alice\"}"));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = PushJson.parse(reply.body()).orElseThrow();
        assertThat(body.get("alias").asText()).isEqualTo("alice");
        assertThat(body.get("expires").asText()).isEqualTo("2025-01-02T00:00:00Z");
        String aliasToken = body.get("alias_token").asText();
        assertThat(aliasToken).matches("1735776000\\.[0-9a-f]{64}");
        assertThat(aliasTokens.verify(aliasToken, "alice")).isEqualTo(Instant.parse("2025-01-02T00:00:00Z"));
        assertThatThrownBy(() -> aliasTokens.verify(aliasToken, "bob")).isInstanceOf(TokenException.class);

        Reply numeric = exchange(post("/alias_token/" + token, "{\"alias\":42}"));
        assertThat(aliasTokens.verify(PushJson.parse(numeric.body()).orElseThrow().get("alias_token").asText(), "42"))
                .as("an alias given as a number is its digits, as in a heartbeat").isNotNull();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''                              | {\"t\":0,\"error\":\"the body is not a JSON object\"}",
        "'[\"alice\"]'                   | {\"t\":0,\"error\":\"the body is not a JSON object\"}",
        "'{}'                            | {\"t\":0,\"error\":\"missing field: alias\"}",
        "'{\"alias\":\"\"}'                | {\"t\":0,\"error\":\"alias is empty\"}",
        "'{\"alias\":[\"alice\"]}'         | {\"t\":0,\"error\":\"missing field: alias\"}",
        "'{\"alias\":\"a\\ud800\"}'           | {\"t\":0,\"error\":\"alias is not well-formed Unicode\"}",
    })
    void answersAnAliasTokenRequestWithoutAGoodAliasWith400(String body, String expected) {
        Reply reply = exchange(post("/alias_token/" + token, body));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo(expected);
        assertThat(registry.get(RestMetrics.BAD_REQUESTS).tags("endpoint", "alias_token", "reason", "body")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void mintsAliasTokensOnlyForAValidAppTokenAndByPost() {
        Reply forged = exchange(post("/alias_token/" + "0".repeat(32), "{\"alias\":\"alice\"}"));
        Reply get = exchange(get("/alias_token/" + token));

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.body()).isEqualTo("{\"t\":0,\"error\":\"invalid token\"}");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.response().headers().get(HttpHeaderNames.ALLOW)).isEqualTo("POST");
    }

    @Test
    void closesAnIdleConnectionThatOwesNoAnswer() {
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

        assertThat(channel.isOpen()).isFalse();
    }

    private static FullHttpRequest get(String uri) {
        return request(HttpMethod.GET, uri, "");
    }

    private static FullHttpRequest post(String uri, String body) {
        return request(HttpMethod.POST, uri, body);
    }

    private static FullHttpRequest request(HttpMethod method, String uri, String body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        HttpUtil.setContentLength(request, request.content().readableBytes());
        return request;
    }

    private Reply exchange(FullHttpRequest request) {
        channel.writeInbound(request);
        return read();
    }

    private Reply read() {
        channel.runPendingTasks();
        FullHttpResponse response = channel.readOutbound();
        assertThat(response).as("an answer was written").isNotNull();
        try {
            assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json; charset=utf-8");
            String body = response.content().toString(StandardCharsets.UTF_8);
            assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
                    .isEqualTo(response.content().readableBytes());
            String json = PushJson.write(PushJson.parse(body).orElseThrow(() -> new AssertionError("not JSON: " + body)));
            return new Reply(response.status().code(), json, response.replace(Unpooled.EMPTY_BUFFER));
        } finally {
            response.release();
        }
    }

    /** An answer: status, compact JSON body, and the response's headers. */
    record Reply(int status, String body, FullHttpResponse response) {
    }
}
