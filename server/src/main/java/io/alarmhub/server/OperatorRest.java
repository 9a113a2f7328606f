package io.alarmhub.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.auth.AppTokens;
import io.alarmhub.gateway.device.hemu.HemuAdapter;
import io.alarmhub.gateway.device.hemu.HemuSettings;
import io.alarmhub.server.config.AlarmhubConfig;
import io.alarmhub.server.config.ConfigException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An operator's client of the RestServer's {@code /hemu/admin/…} routes, as the {@code alarmhub hemu firmware}
 * commands use it: it mints a fresh REST token for each request from the configuration's key, as
 * {@code alarmhub token} does (so a long upload never outlives its token's window), and calls the routes with
 * the JDK's HTTP client.
 */
final class OperatorRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(11); // a fetch by the server may take ten

    /** The RestServer's refusal: its status and its {@code error}. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String error) {
            super("HTTP " + status + ": " + error, null, false, false);
            this.status = status;
        }
    }

    private final URI base;
    private final AppTokens tokens;
    private final String app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private OperatorRest(URI base, AppTokens tokens, String app) {
        this.base = base;
        this.tokens = tokens;
        this.app = app;
    }

    /**
     * A client for the configuration's node: the RestServer at {@code rest} (default: the configuration's
     * {@code rest.host} and {@code rest.port}, loopback for {@code 0.0.0.0}), as {@code app} (default: the first
     * of {@code hemu.operator-apps}).
     *
     * @throws ConfigException when the app is not an operator's, or there is none
     */
    static OperatorRest of(AlarmhubConfig config, Optional<URI> rest, Optional<String> app) {
        HemuSettings hemu = (HemuSettings) config.vendorSections().get(HemuAdapter.VENDOR);
        String chosen = app.or(() -> hemu.operatorApps().stream().findFirst()).orElseThrow(() -> new ConfigException(
                "hemu.operator-apps is empty: name the app ids (of tokens.apps) whose tokens may use /hemu/admin/"));
        if (!hemu.operatorApps().contains(chosen)) {
            throw new ConfigException("app '" + chosen + "' is not in hemu.operator-apps " + hemu.operatorApps());
        }
        if (!config.tokens().apps().contains(chosen)) {
            throw new ConfigException("app '" + chosen + "' is not in tokens.apps " + config.tokens().apps());
        }
        String host = config.rest().host().equals("0.0.0.0") ? "127.0.0.1" : config.rest().host();
        URI base = rest.orElseGet(() -> URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + config.rest().port()));
        return new OperatorRest(base, new AppTokens(TokenKeys.resolve(config), Set.copyOf(config.tokens().apps()),
                config.tokens().window()), chosen);
    }

    JsonNode get(String... path) throws IOException, InterruptedException, Refused {
        return send(request(path).GET());
    }

    JsonNode post(String body, String... path) throws IOException, InterruptedException, Refused {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    JsonNode delete(String... path) throws IOException, InterruptedException, Refused {
        return send(request(path).DELETE());
    }

    /** {@code <base>/hemu/admin/<path…>/<token>}, each segment URL-encoded. */
    private HttpRequest.Builder request(String... path) {
        String segments = Arrays.stream(path).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return HttpRequest.newBuilder(URI.create(root + "hemu/admin/" + segments + "/"
                + tokens.mint(app, Instant.now()))).timeout(TIMEOUT);
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException, Refused {
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new Refused(response.statusCode(), "the answer is not JSON");
        }
        if (response.statusCode() != 200) {
            throw new Refused(response.statusCode(), json.path("error").asText("(no error given)"));
        }
        return json;
    }

    @Override
    public String toString() {
        return "OperatorRest[" + base + ", app " + app + "]";
    }
}
