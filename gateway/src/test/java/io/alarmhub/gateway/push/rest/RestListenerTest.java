package io.alarmhub.gateway.push.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.auth.AppTokens;
import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.message.Message;
import io.alarmhub.gateway.FullHeap;
import io.alarmhub.gateway.push.protocol.PushJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.alarmhub.gateway.push.rest.RestFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The RestServer over real loopback sockets, as an HTTP client of any language sees it. */
class RestListenerTest {

    @TempDir
    Path dir;
    private RestFixture server;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @BeforeEach
    void start() {
        server = new RestFixture(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void publishToAliasAnswersOnceThePendingEntryIsStored() throws Exception {
        Answer answer = post("/push/" + server.token(),
                "{\"method\":\"publish_to_alias\",\"alias\":[\"alice\"],\"msg\":{\"door\":\"open\"},"
                        + "\"opts\":{\"time_to_live\":600},\"num\":42}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo("{\"t\":-6,\"num\":42}");
        List<Message> pending = await(server.hub.pending("alice"));
        assertThat(pending).singleElement().satisfies(m -> {
            assertThat(m.payload()).isEqualTo("{\"door\":\"open\"}");
            assertThat(Duration.between(m.created(), m.expires())).isEqualTo(Duration.ofSeconds(600));
        });
    }

    @Test
    void publishToTopicReachesTheAliasesRegisteredOnIt() throws Exception {
        await(server.hub.subscribe("bob", List.of("m_2")));

        Answer answer = post("/push/" + server.token(),
                "{\"t\":6,\"method\":\"publish\",\"topic\":[\"m_2\"],\"msg\":\"消息内容\",\"num\":\"n-1\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo("{\"t\":-6,\"num\":\"n-1\"}");
        assertThat(await(server.hub.pending("bob"))).singleElement().satisfies(m -> {
            assertThat(m.payload()).isEqualTo("\"消息内容\"");
            assertThat(m.topic()).contains("m_2");
        });
    }

    @ParameterizedTest(name = "num {0}")
    @ValueSource(strings = {"7", "\"7\"", "\"\"", "2.50", "true", "null", "{\"k\":[1]}", "[1,\"a\"]"})
    void echoesNumWhateverItsJsonType(String num) throws Exception {
        Answer answer = post("/push/" + server.token(),
                "{\"method\":\"publish_to_alias\",\"alias\":[\"carol\"],\"msg\":1,\"num\":" + num + "}");

        assertThat(answer.json()).isEqualTo("{\"t\":-6,\"num\":" + num + "}");
    }

    @Test
    void refusesANegativeTimeToLive() throws Exception {
        Answer answer = post("/push/" + server.token(),
                "{\"method\":\"publish_to_alias\",\"alias\":[\"dave\"],\"msg\":1,\"opts\":{\"time_to_live\":-1},"
                        + "\"num\":3}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).isEqualTo("{\"t\":0,\"error\":"
                + "\"opts.time_to_live must be a whole number of seconds, 0 or more\",\"num\":3}");
    }

    @Test
    void refusesATimeToLiveBeyondTenDaysAndStoresNothing() throws Exception {
        Answer answer = post("/push/" + server.token(),
                "{\"method\":\"publish_to_alias\",\"alias\":[\"dave\"],\"msg\":1,"
                        + "\"opts\":{\"time_to_live\":864001},\"num\":4}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).isEqualTo(
                "{\"t\":0,\"error\":\"time_to_live must be within 0..864000 seconds\",\"num\":4}");
        assertThat(await(server.hub.pending("dave"))).isEmpty();
    }

    @Test
    void refusesAMalformedBodyWithNumWhenItCanBeRead() throws Exception {
        assertThat(post("/push/" + server.token(), "{\"method\":").json())
                .isEqualTo("{\"t\":0,\"error\":\"the body is not JSON\"}");
        Answer missingMsg = post("/push/" + server.token(), "{\"method\":\"publish\",\"topic\":[\"x\"],\"num\":9}");
        assertThat(missingMsg.status()).isEqualTo(400);
        assertThat(missingMsg.json()).isEqualTo("{\"t\":0,\"error\":\"missing field: msg\",\"num\":9}");
    }

    @Test
    void refusesABodyOverTheLimitWith413() throws Exception {
        String big = "{\"method\":\"publish\",\"topic\":[\"x\"],\"msg\":\"" + "a".repeat(5000) + "\"}";

        Answer answer = post("/push/" + server.token(), big);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json()).isEqualTo("{\"t\":0,\"error\":\"body too large\"}");
        assertThat(server.registry.get(RestMetrics.BAD_REQUESTS).tag("reason", "too_large").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void answersStorageTroubleWith503AndAskForARetry() throws Exception {
        server.store.close();

        HttpResponse<String> publish = send(HttpRequest.newBuilder(server.uri("/push/" + server.token()))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"method\":\"publish_to_alias\",\"alias\":[\"zed\"],\"msg\":1,\"num\":8}")));
        Answer status = get("/info/status/zed/" + server.token());

        assertThat(publish.statusCode()).isEqualTo(503);
        assertThat(publish.headers().firstValue("retry-after")).contains("1");
        assertThat(Answer.of(publish).json())
                .isEqualTo("{\"t\":0,\"error\":\"storage unavailable, try again\",\"num\":8}");
        assertThat(status.status()).isEqualTo(503);
        assertThat(status.json()).isEqualTo("{\"t\":0,\"error\":\"storage unavailable, try again\"}");
    }

    @Test
    void pastCapacityAPublishIs503BusyAndAskForARetryWhileReadsGoOn() throws Exception {
        server.close();
        server = new RestFixture(dir, RestFixture.SETTINGS, FullHeap.refusingAdmission());

        HttpResponse<String> publish = send(HttpRequest.newBuilder(server.uri("/push/" + server.token()))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"method\":\"publish_to_alias\",\"alias\":[\"zed\"],\"msg\":1,\"num\":8}")));
        Answer status = get("/info/status/zed/" + server.token());

        assertThat(publish.statusCode()).isEqualTo(503);
        assertThat(publish.headers().firstValue("retry-after")).contains("1");
        assertThat(Answer.of(publish).json()).isEqualTo("{\"t\":0,\"error\":\"server busy, try again\",\"num\":8}");
        assertThat(status.status()).as("no new work: not refused").isEqualTo(200);
    }

    @Test
    void infoCountsConnectionsPerFaceAndOnlineAliases() throws Exception {
        server.connect("tcp-1", Face.TCP);
        server.connect("tcp-2", Face.TCP);
        server.connect("sio-1", Face.SOCKET_IO);
        server.connect("tcp-1", Face.SOCKET_IO);
        server.hub.presence().opened(Face.WEBSOCKET); // connected, no alias named yet

        Answer answer = get("/info/" + server.token());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo("{\"10.0.0.215\":"
                + "{\"webSocketSize\":1,\"channelSize\":2,\"onlineAllSize\":3,\"socketIOSize\":2}}");
    }

    @Test
    void serversNamesTheAdvertisedHostAndConfiguredPorts() throws Exception {
        Answer answer = get("/info/servers/" + server.token());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo("{\"service\":{\"rest\":19900,\"webSocket\":19000,\"socket\":19906,"
                + "\"push\":19800},\"host\":\"10.0.0.215\"}");
    }

    @Test
    void statusListsTopicsAndWhetherTheAliasIsOnline() throws Exception {
        await(server.hub.subscribe("erin", List.of("m_2", "c_2")));
        assertThat(get("/info/status/erin/" + server.token()).json())
                .isEqualTo("{\"list\":[\"m_2\",\"c_2\"],\"status\":\"offline\"}");

        server.connect("erin", Face.TCP);

        assertThat(get("/info/status/erin/" + server.token()).json())
                .isEqualTo("{\"list\":[\"m_2\",\"c_2\"],\"status\":\"online\"}");
    }

    @Test
    void statusDecodesAnEscapedAlias() throws Exception {
        await(server.hub.subscribe("门 1/2", List.of("c_9")));

        assertThat(get("/info/status/%E9%97%A8%201%2F2/" + server.token()).json())
                .isEqualTo("{\"list\":[\"c_9\"],\"status\":\"offline\"}");
    }

    @Test
    void channelAliasesArePagedFromOne() throws Exception {
        server.connect("c3", Face.TCP);
        server.connect("c1", Face.TCP);
        server.connect("c2", Face.TCP);
        server.connect("s1", Face.SOCKET_IO);

        assertThat(get("/info/allChannelAlias/1/" + server.token()).json())
                .isEqualTo("{\"total\":3,\"list\":[\"c1\",\"c2\"]}");
        assertThat(get("/info/allChannelAlias/2/" + server.token()).json())
                .isEqualTo("{\"total\":3,\"list\":[\"c3\"]}");
        assertThat(get("/info/allChannelAlias/3/" + server.token()).json())
                .isEqualTo("{\"total\":3,\"list\":[]}");
        assertThat(get("/info/allSocketIOAlias/1/" + server.token()).json())
                .isEqualTo("{\"total\":1,\"list\":[\"s1\"]}");
    }

    @ParameterizedTest(name = "page {0}")
    @ValueSource(strings = {"0", "-1", "x", "1.5", "9999999999"})
    void refusesAPageThatIsNotAWholeNumberFromOne(String page) throws Exception {
        Answer answer = get("/info/allSocketIOAlias/" + page + "/" + server.token());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).isEqualTo("{\"t\":0,\"error\":\"page must be a whole number from 1\"}");
    }

    @Test
    void refusesATokenMadeWithAnotherKey() throws Exception {
        String forged = new AppTokens("ffffffffffffffffffffffffffffffff",
                Set.of(RestFixture.APP), Duration.ofSeconds(300)).mint(RestFixture.APP, Instant.now());

        for (String path : List.of("/info/", "/info/servers/", "/info/status/a/", "/info/allChannelAlias/1/")) {
            Answer answer = get(path + forged);
            assertThat(answer.status()).as(path).isEqualTo(401);
            assertThat(answer.json()).as(path).isEqualTo("{\"t\":0,\"error\":\"invalid token\"}");
        }
        Answer publish = post("/push/" + forged, "{\"method\":\"publish\",\"topic\":[\"x\"],\"msg\":1}");
        assertThat(publish.status()).isEqualTo(401);
        Answer aliasToken = post("/alias_token/" + forged, "{\"alias\":\"a\"}");
        assertThat(aliasToken.status()).isEqualTo(401);
        // One per refused request, on six endpoints; the seventh, not asked, shows the zero it starts with.
        assertThat(server.registry.get(RestMetrics.BAD_REQUESTS).tag("reason", "token").counters())
                .extracting(c -> c.count()).containsExactlyInAnyOrder(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0);
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        String old = server.tokens.mint(RestFixture.APP, Instant.now().minus(Duration.ofHours(1)));

        Answer answer = post("/push/" + old, "{\"method\":\"publish\",\"topic\":[\"x\"],\"msg\":1}");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json()).isEqualTo("{\"t\":0,\"error\":\"token expired\"}");
    }

    @Test
    void answersAnUnknownPathWith404() throws Exception {
        Answer answer = get("/info/everything/" + server.token());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json()).isEqualTo("{\"t\":0,\"error\":\"not found\"}");
    }

    @Test
    void answersTheWrongMethodWith405() throws Exception {
        HttpResponse<String> getPush = send(HttpRequest.newBuilder(server.uri("/push/" + server.token())).GET());
        HttpResponse<String> postInfo = send(HttpRequest.newBuilder(server.uri("/info/" + server.token()))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(getPush.statusCode()).isEqualTo(405);
        assertThat(getPush.headers().firstValue("allow")).contains("POST");
        assertThat(getPush.body()).isEqualTo("{\"t\":0,\"error\":\"method not allowed, use POST\"}");
        assertThat(postInfo.statusCode()).isEqualTo(405);
        assertThat(postInfo.headers().firstValue("allow")).contains("GET");
    }

    @Test
    void countsEveryAnsweredRequestByEndpointAndStatus() throws Exception {
        get("/info/servers/" + server.token());
        get("/info/servers/" + server.token());
        get("/nowhere");

        assertThat(server.registry.get(RestMetrics.REQUESTS).tags("endpoint", "servers", "status", "200")
                .counter().count()).isEqualTo(2.0);
        assertThat(server.registry.get(RestMetrics.REQUESTS).tags("endpoint", "none", "status", "404")
                .counter().count()).isEqualTo(1.0);
    }

    private Answer get(String path) throws IOException, InterruptedException {
        return Answer.of(send(HttpRequest.newBuilder(server.uri(path)).GET()));
    }

    private Answer post(String path, String body) throws IOException, InterruptedException {
        return Answer.of(send(HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A response as the tests compare it: status, and the body re-serialised compactly. */
    record Answer(int status, String json) {
        static Answer of(HttpResponse<String> response) {
            assertThat(response.headers().firstValue("content-type")).contains("application/json; charset=utf-8");
            JsonNode json = PushJson.parse(response.body()).orElseThrow(
                    () -> new AssertionError("not JSON: " + response.body()));
            return new Answer(response.statusCode(), PushJson.write(json));
        }
    }
}
