package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.tls.ServerTls;
import io.alarmhub.server.HemuAuth;

import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * Requests to the Hemu OpenAPI as a camera makes them, but under the test's control: the WSSE header's
 * parts, the nonce and the signature can each be made wrong, which the simulator never does.
 */
final class OpenApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Random RANDOM = new Random();

    private final HttpClient http;
    private final URI uri;
    final String accessKey;
    final String secret;

    OpenApiClient(int port, Path certificate, String accessKey, String secret) {
        SSLParameters tls12 = new SSLParameters();
        tls12.setProtocols(new String[] {"TLSv1.2"});
        this.http = HttpClient.newBuilder().sslContext(ServerTls.clientTrusting(certificate)).sslParameters(tls12)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.uri = URI.create("https://127.0.0.1:" + port + "/andmu/v2/service/batch");
        this.accessKey = accessKey;
        this.secret = secret;
    }

    /** The answer: its status, its {@code Date} and {@code WWW-Authenticate}, and its JSON (empty for a 401). */
    record Answer(int status, String date, String authenticate, JsonNode body) {
        String errorCode() {
            return body.path("errorCode").asText();
        }
    }

    /** The WSSE header's parts, each of which a test may replace. */
    record Wsse(String username, String nonce, String created, String digest) {
        String header() {
            return HemuAuth.wsse(username, digest, nonce, created);
        }
    }

    /** A correct header for this device, created {@code at}. */
    Wsse wsse(String deviceId, Instant at) {
        String nonce = HemuAuth.nonce(RANDOM);
        String created = HemuAuth.created(at, ZoneOffset.ofHours(8));
        return new Wsse(accessKey + "-" + deviceId, nonce, created, HemuAuth.passwordDigest(nonce, created, secret));
    }

    /** A correct request for this JSON. */
    Answer send(String jsonObject) throws IOException, InterruptedException {
        String deviceId = JSON.readTree(jsonObject).path("deviceId").asText();
        return send(wsse(deviceId, Instant.now()), form(accessKey, HemuAuth.signature(secret, accessKey, jsonObject),
                jsonObject));
    }

    /** The form body, every value URL-encoded. */
    static String form(String accessKey, String signature, String jsonObject) {
        return "accessKey=" + encode(accessKey) + "&signature=" + signature + "&jsonObject=" + encode(jsonObject);
    }

    Answer send(Wsse wsse, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "WSSE profile=\"UsernamePwd\"")
                .header("X-WSSE", wsse.header())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), response.headers().firstValue("Date").orElse(""),
                response.headers().firstValue("WWW-Authenticate").orElse(""), json);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
