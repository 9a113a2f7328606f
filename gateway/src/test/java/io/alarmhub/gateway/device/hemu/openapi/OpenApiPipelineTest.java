package io.alarmhub.gateway.device.hemu.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alarmhub.gateway.device.DeviceMetrics;
import io.alarmhub.gateway.device.hemu.HemuAdapter;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.HemuSettings;
import io.alarmhub.gateway.device.hemu.ManufacturerEntry;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.http.BodyAggregator;
import io.alarmhub.gateway.http.HttpServerPipeline;
import io.alarmhub.gateway.tls.ServerTls;
import io.alarmhub.gateway.tls.TlsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.KEY;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.MODEL;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI's request path on virtual time: bytes in, bytes out, through the handlers {@link OpenApiListener}
 * installs after TLS, to a real platform on SQLite; and {@link TlsOnly}, the handler before them, on its own.
 */
class OpenApiPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final HemuSettings SETTINGS = HemuSettings.DEFAULT;
    private static final String DEVICE = "110234567894562";
    private static final String MOBILE = "13888888888";
    private static final String BIND_INFO = "{\"msgType\":\"MSG_P_THD_GET_CAMERA_BIND_INFO_REQ\",\"deviceId\":\""
            + DEVICE + "\"}";
    private static final String RFC_3339 = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})";

    @TempDir
    Path dir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HemuMetrics metrics = new HemuMetrics(registry);
    private HemuOnSqlite platform;
    private EmbeddedChannel channel;
    private int nonces;

    @BeforeEach
    void open() {
        platform = HemuOnSqlite.open(dir, NOW, 100);
        Manufacturers manufacturers = Manufacturers.load(
                List.of(new ManufacturerEntry("Acme", KEY, "", "ACME_SECRET", List.of(MODEL))), dir,
                Map.of("ACME_SECRET", SECRET));
        OpenApiRequests requests = new OpenApiRequests(manufacturers,
                new NonceCache(SETTINGS.nonceCapacity(), HemuAdapter.CLOCK_WINDOW, platform.clock), platform.cameras,
                metrics, () -> JsonNodeFactory.instance.objectNode().put("serverAddr", "hedgw.test")
                        .put("serverPort", "50922"));
        channel = new EmbeddedChannel();
        channel.freezeTime();
        // As OpenApiListener's, after its "tls-only".
        HttpServerPipeline.builder(new OpenApiFace(SETTINGS.maxBodyBytes(), metrics, platform.clock))
                .idleTimeout(SETTINGS.idleTimeout()).requestTimeout(SETTINGS.requestTimeout()).build()
                .install(channel.pipeline());
        channel.pipeline().addLast(new BodyAggregator(SETTINGS.maxBodyBytes()));
        channel.pipeline().addLast(new OpenApiHandler(requests, metrics, SETTINGS.maxBodyBytes(), platform.clock));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        platform.close();
    }

    @Test
    void aValidBindInfoRequestIsAnsweredWithTheBindingsTokenAndTheServersDate() throws Exception {
        platform.accounts.startBinding("alice", MOBILE, Optional.of(DEVICE), Optional.empty()).join();

        send(post(BIND_INFO));
        Answer answer = answer();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("errorCode").asText()).isEqualTo("0");
        assertThat(answer.body().get("msgType").asText()).isEqualTo("MSG_P_THD_GET_CAMERA_BIND_INFO_RSP");
        assertThat(answer.body().get("userMobile").asText()).isEqualTo(MOBILE);
        assertThat(platform.accounts.grantIsLive(answer.body().get("userToken").asText(), MOBILE)).isTrue();
        assertThat(answer.header("Date")).matches(RFC_3339);
        assertThat(OffsetDateTime.parse(answer.header("Date")).toInstant()).isEqualTo(NOW);
        assertThat(count(DeviceMetrics.MESSAGES, "type", "bind_info")).isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aStoreThatCannotTakeTheRequestIsA503ToRetryAndCountedBusy() throws Exception {
        platform.accounts.startBinding("alice", MOBILE, Optional.of(DEVICE), Optional.empty()).join();
        platform.store.close();

        send(post(BIND_INFO));
        Answer answer = decode(received()); // at once: the closed store refuses the grant as it is submitted

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().get("errorCode").asText()).isEqualTo("20000");
        assertThat(answer.body().get("msgType").asText()).isEqualTo("MSG_P_THD_GET_CAMERA_BIND_INFO_RSP");
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(count(HemuMetrics.BUSY, "reason", "store")).isEqualTo(1);
        assertThat(count(HemuMetrics.BUSY, "reason", "nonces")).isZero();
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheIdleTimeoutAndCounted() {
        pass(SETTINGS.idleTimeout().minusMillis(1));
        assertThat(channel.isOpen()).isTrue();

        pass(Duration.ofMillis(1));

        assertThat(channel.isOpen()).isFalse();
        assertThat(count(DeviceMetrics.CLOSED, "reason", "idle")).isEqualTo(1);
        assertThat(count(DeviceMetrics.CLOSED, "reason", "request_timeout")).isZero();
    }

    @Test
    void aBodyAnnouncedOverTheLimitIsRefused413BeforeItIsSent() throws Exception {
        send("POST " + OpenApiFace.PATH + " HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded"
                + "\r\nContent-Length: " + (SETTINGS.maxBodyBytes() + 1) + "\r\nExpect: 100-continue\r\n\r\n");
        String bytes = received();

        assertThat(bytes).doesNotContain("100 Continue");
        Answer answer = decode(bytes);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body().get("errorCode").asText()).isEqualTo("400");
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(count(DeviceMetrics.BAD_INPUT, "reason", "too_large")).isEqualTo(1);
    }

    @Test
    void aGetIsRefused405InTheDocumentsJson() throws Exception {
        send("GET " + OpenApiFace.PATH + " HTTP/1.1\r\nHost: t\r\n\r\n");
        Answer answer = answer();

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.body().get("errorCode").asText()).isEqualTo("400");
        assertThat(count(DeviceMetrics.BAD_INPUT, "reason", "method")).isEqualTo(1);
        assertThat(channel.isOpen()).as("kept for the next request").isTrue();
    }

    @Test
    void anotherPathIsRefused404InTheDocumentsJson() throws Exception {
        send("POST /andmu/v2/service/other HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
        Answer answer = answer();

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("errorCode").asText()).isEqualTo("400");
        assertThat(count(DeviceMetrics.BAD_INPUT, "reason", "not_found")).isEqualTo(1);
    }

    @Test
    void plainHttpToTheTlsPortIsAPlainTextRefusalAndAClose() throws Exception {
        EmbeddedChannel plain = new EmbeddedChannel();
        plain.pipeline().addLast("tls-only", new TlsOnly(ssl(), () -> metrics.badInput("plain_http")));
        try {
            plain.writeInbound(ascii("POST"));
            assertThat((Object) plain.readOutbound()).as("4 bytes do not tell yet").isNull();

            plain.writeInbound(ascii(" / HTTP/1.1\r\n"));
            Answer answer = decode(received(plain));

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().get("errorCode").asText()).isEqualTo("400");
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(plain.isOpen()).isFalse();
            assertThat(count(DeviceMetrics.BAD_INPUT, "reason", "plain_http")).isEqualTo(1);
        } finally {
            plain.finishAndReleaseAll();
        }
    }

    @Test
    void aTlsClientHelloMakesWayForTheTlsHandlerWhichAnswersIt() throws Exception {
        EmbeddedChannel server = new EmbeddedChannel();
        server.pipeline().addLast("tls-only", new TlsOnly(ssl(), () -> metrics.badInput("plain_http")));
        SslContext trustAll = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        EmbeddedChannel client = new EmbeddedChannel(trustAll.newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT));
        try {
            ByteBuf hello = client.readOutbound();
            assertThat(hello.getByte(0)).as("a TLS handshake record").isEqualTo((byte) 0x16);
            assertThat(hello.getByte(1)).isEqualTo((byte) 0x03);

            server.writeInbound(hello);

            assertThat(server.pipeline().get("tls")).isInstanceOf(SslHandler.class);
            assertThat(server.pipeline().get("tls-only")).isNull();
            ByteBuf serverHello = server.readOutbound();
            assertThat(serverHello.getByte(0)).as("the handshake goes on").isEqualTo((byte) 0x16);
            serverHello.release();
            assertThat(server.isOpen()).isTrue();
            assertThat(count(DeviceMetrics.BAD_INPUT, "reason", "plain_http")).isZero();
        } finally {
            server.finishAndReleaseAll();
            client.finishAndReleaseAll();
        }
    }

    /** An answer as the client reads it. */
    private record Answer(int status, Map<String, String> headers, JsonNode body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** A signed request of {@code jsonObject}, sent raw in a form body, with WSSE of a fresh nonce. */
    private String post(String jsonObject) {
        String created = NOW.toString();
        String nonce = "nonce-" + nonces++;
        String body = "accessKey=" + KEY + "&signature=" + ApiSignature.of(SECRET, KEY, jsonObject)
                + "&jsonObject=" + jsonObject;
        return "POST " + OpenApiFace.PATH + " HTTP/1.1\r\nHost: t\r\n"
                + "Authorization: WSSE profile=\"UsernamePwd\"\r\n"
                + "X-WSSE: UsernamePwd Username=\"" + KEY + "-" + DEVICE + "\", PasswordDigest=\""
                + Wsse.digest(nonce, created, SECRET) + "\", Nonce=\"" + nonce + "\", Created=\"" + created + "\"\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private void send(String bytes) {
        channel.writeInbound(ascii(bytes));
        channel.runPendingTasks();
    }

    /** The one answer written once what the request asked of the store is done. */
    private Answer answer() throws Exception {
        platform.settle();
        channel.runPendingTasks();
        return decode(received());
    }

    private void pass(Duration time) {
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    private String received() {
        return received(channel);
    }

    private static String received(EmbeddedChannel from) {
        StringBuilder out = new StringBuilder();
        for (Object msg; (msg = from.readOutbound()) != null; ) {
            if (msg instanceof ByteBuf buf) {
                out.append(buf.toString(StandardCharsets.UTF_8));
            }
            ReferenceCountUtil.release(msg);
        }
        return out.toString();
    }

    /** Exactly one HTTP response, with a JSON body. */
    private static Answer decode(String bytes) throws Exception {
        EmbeddedChannel client = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 16));
        try {
            client.writeInbound(ascii(bytes));
            FullHttpResponse response = client.readInbound();
            assertThat(response).as("a whole response in " + bytes).isNotNull();
            assertThat((Object) client.readInbound()).as("only one").isNull();
            try {
                Map<String, String> headers = new java.util.HashMap<>();
                response.headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT),
                        h.getValue()));
                return new Answer(response.status().code(), headers,
                        JSON.readTree(response.content().toString(StandardCharsets.UTF_8)));
            } finally {
                response.release();
            }
        } finally {
            client.finishAndReleaseAll();
        }
    }

    private SslContext ssl() {
        return ServerTls.context(TlsSettings.SELF_SIGNED, dir.resolve("data"));
    }

    private double count(String name, String tag, String value) {
        return registry.get(name).tag("vendor", "hemu").tag(tag, value).counter().count();
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
