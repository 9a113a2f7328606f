package io.alarmhub.bench.video;

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

/**
 * The camera owner's app back end on the RestServer: a registration token for the cameras
 * ({@code POST /hemu/grant}) and each camera's live URL ({@code POST /hemu/live}), with REST tokens it mints
 * itself from the key the bench gave the server.
 */
final class HemuRest {

    /** The bench's REST app and its token key: on loopback only, for a server that lives as long as the run. */
    static final String APP = "bench";
    static final String TOKEN_KEY = "62656e63682d766964656f2d6b657921";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AppTokens tokens = new AppTokens(TOKEN_KEY, Set.of(APP), Duration.ofSeconds(300));
    private final int port;

    HemuRest(int port) {
        this.port = port;
    }

    /** The server's {@code tokens:} section for this app. */
    static String tokensYaml() {
        return "tokens:\n  key: " + TOKEN_KEY + "\n  apps: [" + APP + "]\n";
    }

    /** A {@code userToken} that registers cameras to {@code alias}, presented with {@code mobile}. */
    String grant(String alias, String mobile) throws IOException, InterruptedException {
        return post("/hemu/grant", "{\"alias\":\"" + alias + "\",\"mobile\":\"" + mobile + "\"}").path("userToken")
                .asText();
    }

    /** The camera's HTTP-FLV URL for its owner {@code alias}, audio as FLAC (what browsers play). */
    URI liveFlv(String deviceId, String alias) throws IOException, InterruptedException {
        return URI.create(post("/hemu/live/" + deviceId, "{\"alias\":\"" + alias + "\",\"audio\":\"flac\"}")
                .path("flv").asText());
    }

    private JsonNode post(String path, String body) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + path + "/" + tokens.mint(APP, Instant.now()));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
