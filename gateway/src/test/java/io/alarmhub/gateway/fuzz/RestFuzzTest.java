package io.alarmhub.gateway.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.auth.AppTokens;
import io.alarmhub.core.auth.TokenException;
import io.alarmhub.gateway.push.rest.RestFuzzAccess;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RestServer's pipeline (HTTP request decoder, aggregator, routes, handler) under arbitrary request bytes,
 * on a real push hub and SQLite store shared by the whole class, behind Netty's in-VM transport
 * ({@link LocalServer}); and {@link AppTokens#verify} under
 * arbitrary tokens.
 *
 * <p>{@link #requests}: each input is one connection's byte stream, in which every {@code {token}} is
 * replaced by a valid token before it is sent (so that the fuzzer gets past the token and into the
 * bodies; it can still break the token by mutating the placeholder). It is sent in pieces of 1 to 16 bytes;
 * then a neighbour connection asks {@code GET /info/{token}}. Asserted, for every input:
 * <ul>
 *   <li>nothing escapes: no exception is logged as unexpected by a gateway handler or by Netty;</li>
 *   <li>every response is a complete HTTP response with a real status, never a 5xx (nothing here can
 *       fail but the server itself), a {@code Content-Length} equal to its body, and, when it says it is
 *       JSON, a body that is one JSON object;</li>
 *   <li>the connection is closed only after a response that said {@code Connection: close};</li>
 *   <li>the neighbour gets its 200 as if nothing had happened;</li>
 *   <li>no buffer leaks ({@link Watch}, Netty at paranoid).</li>
 * </ul>
 *
 * <p>{@link #tokens}: {@code verify} returns an app it knows or throws {@link TokenException}, never
 * anything else; and a token minted for a known app verifies to that app within the window.
 */
class RestFuzzTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String KEY = "000102030405060708090a0b0c0d0e0f";
    private static final Set<String> APPS = Set.of("demo", "alarmhub");
    private static final AppTokens TOKENS = new AppTokens(KEY, APPS, Duration.ofSeconds(300));
    private static final String TOKEN = TOKENS.mint("demo", NOW);
    private static final byte[] PLACEHOLDER = "{token}".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_BODY = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Watch watch;
    private static PushStores stores;
    private static LocalServer server;
    private static long inputs;

    @BeforeAll
    static void open() {
        watch = Watch.install();
        stores = new PushStores(CLOCK);
        server = new LocalServer("rest", RestFuzzAccess.initializer(stores.context, TOKENS, CLOCK, MAX_BODY));
    }

    @AfterAll
    static void close() {
        server.close();
        stores.close();
        watch.check();
    }

    @FuzzTest(maxDuration = "30s")
    void requests(byte[] input) {
        LocalServer.Client client = server.connect();
        LocalServer.Client neighbour = server.connect();
        client.keep(Response::of);
        neighbour.keep(Response::of);
        try {
            client.sendInPieces(withToken(input));
            stores.settle(server);
            List<Response> responses = checked(client.take());
            if (!client.isOpen()) {
                assertThat(responses).as("responses of a connection that was closed").isNotEmpty();
                assertThat(responses.get(responses.size() - 1).keepAlive())
                        .as("the last response before the close says Connection: close").isFalse();
            }

            neighbour.send(("GET /info/" + TOKEN + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            stores.settle(server);
            List<Response> answers = checked(neighbour.take());
            assertThat(answers).as("the neighbour's answers").hasSize(1);
            assertThat(answers.get(0).status()).isEqualTo(200);
            assertThat(neighbour.isOpen()).isTrue();
        } finally {
            client.close();
            neighbour.close();
            stores.settle(server);
        }
        watch.checkExceptions();
        if (++inputs % FuzzMode.LEAK_CHECK_EVERY == 0) {
            watch.check();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void tokens(FuzzedDataProvider data) {
        String app = data.consumeString(16);
        long seconds = NOW.getEpochSecond() + data.consumeLong(-400, 400);
        String token = data.consumeRemainingAsString();
        try {
            assertThat(APPS).contains(TOKENS.verify(token, NOW));
        } catch (TokenException refused) {
            // The one way to refuse.
        }
        if (APPS.contains(app)) {
            String minted = TOKENS.mint(app, Instant.ofEpochSecond(seconds));
            if (Math.abs(seconds - NOW.getEpochSecond()) <= 300) {
                assertThat(TOKENS.verify(minted, NOW)).isEqualTo(app);
            } else {
                assertThatThrownBy(() -> TOKENS.verify(minted, NOW)).isInstanceOf(TokenException.class);
            }
        }
    }

    /**
     * Found by reading {@code AppTokens.decrypt} for this fuzz test: {@code Character.digit(c, 16)} takes
     * any Unicode digit (Arabic-Indic, fullwidth, ...) for a hex digit, and {@code HexFormat.parseHex} then
     * threw IllegalArgumentException, which RestServer answered as a 500 "unexpected" failure, not a 401.
     */
    @Test
    void aTokenOfNonAsciiDigitsIsRefusedAsInvalid() {
        String arabicIndicThrees = "\u0663".repeat(32);
        String fullwidthOnes = "\uff11".repeat(32);
        for (String token : List.of(arabicIndicThrees, fullwidthOnes)) {
            assertThatThrownBy(() -> TOKENS.verify(token, NOW)).isInstanceOf(TokenException.class)
                    .hasMessage("invalid token");
        }
    }

    private static byte[] withToken(byte[] input) {
        byte[] token = TOKEN.getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(input.length + 64);
        for (int i = 0; i < input.length; i++) {
            if (startsWith(input, i, PLACEHOLDER)) {
                out.write(token, 0, token.length);
                i += PLACEHOLDER.length - 1;
            } else {
                out.write(input[i]);
            }
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] input, int at, byte[] prefix) {
        if (input.length - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (input[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** What the client keeps of a response; the response itself is released as it arrives. */
    record Response(Object type, int status, boolean decoded, boolean keepAlive, Integer contentLength,
                    String contentType, int bodyBytes, String body) {

        static Response of(Object message) {
            if (!(message instanceof FullHttpResponse response)) {
                return new Response(message.getClass().getName(), -1, false, false, null, "", 0, "");
            }
            return new Response(FullHttpResponse.class, response.status().code(),
                    response.decoderResult().isSuccess(), HttpUtil.isKeepAlive(response),
                    response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH),
                    response.headers().get(HttpHeaderNames.CONTENT_TYPE, ""), response.content().readableBytes(),
                    response.content().toString(StandardCharsets.UTF_8));
        }
    }

    /** Checks each response: a real one, no 5xx, its length right, its JSON JSON. */
    private static List<Response> checked(List<Object> received) {
        List<Response> responses = new ArrayList<>();
        for (Object kept : received) {
            Response response = (Response) kept;
            assertThat(response.type()).as("what the server wrote").isEqualTo(FullHttpResponse.class);
            int code = response.status();
            assertThat(code).as("status").isBetween(100, 499);
            assertThat(response.decoded()).isTrue();
            if (code >= 200) {
                assertThat(response.contentLength()).as("Content-Length of a %d", code)
                        .isEqualTo(response.bodyBytes());
            }
            if (response.contentType().startsWith("application/json")) {
                JsonNode json;
                try {
                    json = JSON.readTree(response.body());
                } catch (Exception e) {
                    throw new AssertionError("a JSON response that is not JSON: " + response.body(), e);
                }
                assertThat(json != null && json.isObject()).as("body %s", response.body()).isTrue();
            }
            responses.add(response);
        }
        return responses;
    }
}
