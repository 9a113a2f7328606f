package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.auth.AppTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** The RestServer as a publisher's back end calls it, with the JDK's HTTP client and freshly minted tokens. */
final class RestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AppTokens tokens;
    private final int port;
    private final String app;

    RestClient(int port) {
        this(port, "it");
    }

    /** With the tokens of another app of {@code tokens.apps} ({@link ServerProcess#apps}). */
    RestClient(int port, String app) {
        this.port = port;
        this.app = app;
        this.tokens = new AppTokens(ServerProcess.TOKEN_KEY, Set.of(app), Duration.ofSeconds(300));
    }

    String token() {
        return tokens.mint(app, Instant.now());
    }

    /** Publishes to aliases and returns the response body; fails unless the status is 200. */
    JsonNode publishToAlias(String alias, String msgJson, long timeToLive) throws IOException, InterruptedException {
        HttpResponse<String> response = tryPublishToAlias(alias, msgJson, timeToLive);
        if (response.statusCode() != 200) {
            throw new AssertionError("publish answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Publishes to aliases and returns the response, whatever its status. */
    HttpResponse<String> tryPublishToAlias(String alias, String msgJson, long timeToLive)
            throws IOException, InterruptedException {
        String body = "{\"t\":6,\"method\":\"publish_to_alias\",\"alias\":[\"" + alias + "\"],\"msg\":" + msgJson
                + ",\"opts\":{\"time_to_live\":" + timeToLive + "},\"num\":1}";
        return http.send(HttpRequest.newBuilder(uri("/push/" + token()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path + "/" + token())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** GETs {@code path/{token}?query}; the answer's JSON, failing unless the status is 200. */
    JsonNode get(String path, String query) throws IOException, InterruptedException {
        HttpResponse<String> response = getRaw(path, query);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** GETs {@code path/{token}?query}, whatever its status. */
    HttpResponse<String> getRaw(String path, String query) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "/" + token() + "?"
                + query)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a JSON body to {@code path/{token}} and returns the response, whatever its status. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path + "/" + token()))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a JSON body and returns the answer's JSON; fails unless the status is 200. */
    JsonNode postOk(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = post(path, json);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
