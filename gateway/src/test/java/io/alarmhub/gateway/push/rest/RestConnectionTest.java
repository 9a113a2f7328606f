package io.alarmhub.gateway.push.rest;

import io.alarmhub.gateway.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What the RestServer does with a connection: keep-alive, pipelining, limits and bad bytes. */
class RestConnectionTest {

    private static final String SERVERS = "{\"service\":{\"rest\":19900,\"webSocket\":19000,\"socket\":19906,"
            + "\"push\":19800},\"host\":\"10.0.0.215\"}";

    @TempDir
    Path dir;
    private RestFixture server;

    @BeforeEach
    void start() {
        server = new RestFixture(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void keepsTheConnectionForTheNextRequest() throws Exception {
        try (RawHttp http = new RawHttp(server.address)) {
            assertThat(http.send(RawHttp.get("/info/servers/" + server.token())).read().body()).isEqualTo(SERVERS);
            assertThat(http.send(RawHttp.get("/info/servers/" + server.token())).read().body()).isEqualTo(SERVERS);
            assertThat(server.registry.get(RestMetrics.CONNECTIONS).gauge().value()).isEqualTo(1.0);
        }
    }

    @Test
    void answersPipelinedRequestsInTheirOrderEvenWhenTheFirstWaitsForTheStore() throws Exception {
        String token = server.token();
        try (RawHttp http = new RawHttp(server.address)) {
            http.send(RawHttp.post("/push/" + token,
                            "{\"method\":\"publish_to_alias\",\"alias\":[\"p\"],\"msg\":1,\"num\":1}")
                    + RawHttp.get("/info/servers/" + token)
                    + RawHttp.get("/nowhere"));

            assertThat(http.read().body()).isEqualTo("{\"t\":-6,\"num\":1}");
            assertThat(http.read().body()).isEqualTo(SERVERS);
            assertThat(http.read().status()).isEqualTo(404);
        }
    }

    @Test
    void closesAfterAnsweringWhenTheClientAsksForIt() throws Exception {
        try (RawHttp http = new RawHttp(server.address)) {
            RawHttp.Response response = http.send(RawHttp.get("/info/servers/" + server.token(),
                    "Connection: close\r\n")).read();

            assertThat(response.headers()).containsEntry("connection", "close");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void skipsAnOversizedBodyAndServesTheNextRequest() throws Exception {
        String big = "{\"method\":\"publish\",\"topic\":[\"x\"],\"msg\":\"" + "a".repeat(5000) + "\"}";
        try (RawHttp http = new RawHttp(server.address)) {
            http.send(RawHttp.post("/push/" + server.token(), big));
            RawHttp.Response tooLarge = http.read();
            http.send(RawHttp.get("/info/servers/" + server.token()));

            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.body()).isEqualTo("{\"t\":0,\"error\":\"body too large\"}");
            assertThat(http.read().body()).isEqualTo(SERVERS);
        }
    }

    @Test
    void answersGarbageWith400AndClosesOnlyThatConnection() throws Exception {
        try (RawHttp bystander = new RawHttp(server.address); RawHttp http = new RawHttp(server.address)) {
            RawHttp.Response response = http.send("\u0001\u0002 nonsense\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"t\":0,\"error\":\"malformed HTTP request\"}");
            assertThat(http.closedByServer()).isTrue();
            assertThat(bystander.send(RawHttp.get("/info/servers/" + server.token())).read().body())
                    .isEqualTo(SERVERS);
        }
    }

    @Test
    void answersATooLongRequestLineWith414() throws Exception {
        try (RawHttp http = new RawHttp(server.address)) {
            RawHttp.Response response = http.send(RawHttp.get("/info/" + "a".repeat(5000))).read();

            assertThat(response.status()).isEqualTo(414);
            assertThat(response.body()).isEqualTo("{\"t\":0,\"error\":\"request line too long\"}");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void closesAConnectionThatStaysIdle(@TempDir Path other) throws Exception {
        RestSettings quick = new RestSettings("127.0.0.1", 0, 4096, Duration.ofMillis(100), 100);
        try (RestFixture idle = new RestFixture(other, quick); RawHttp http = new RawHttp(idle.address)) {
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void closesAClientWhoseRequestDoesNotArriveWithinTheRequestTimeout(@TempDir Path other) throws Exception {
        // A byte a second would keep resetting the idle timer (60 s): only the request timeout catches it.
        // Its timing, byte by byte, is tested on virtual time in HttpServerPipelineTest; here, the listener
        // gives the core its setting and the RestServer counts the close.
        RestSettings quick = new RestSettings("127.0.0.1", 0, 4096, Duration.ofSeconds(60), 100,
                Duration.ofMillis(300));
        try (RestFixture slow = new RestFixture(other, quick); RawHttp http = new RawHttp(slow.address)) {
            http.send("GET /info/servers/".getBytes(StandardCharsets.US_ASCII));

            assertThat(http.closedByServer()).isTrue();
            assertThat(slow.registry.get(RestMetrics.CLOSED).tag("reason", "request_timeout").counter().count())
                    .isEqualTo(1.0);
            assertThat(slow.registry.get(RestMetrics.CLOSED).tag("reason", "idle").counter().count()).isZero();
        }
    }
}
