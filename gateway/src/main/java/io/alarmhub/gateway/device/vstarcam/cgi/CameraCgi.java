package io.alarmhub.gateway.device.vstarcam.cgi;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A client of one VStarcam camera's CGI, to read and set where it pushes heartbeats and alarms.
 * The camera logs in each request by the query parameters {@code loginuse} and {@code loginpas}; the
 * password therefore travels in the URL (the camera's design, over plain HTTP). This class never puts the
 * URL, and so the password, in a message or log.
 */
public final class CameraCgi {

    static final String GET = "get_alarm_push_cfg.cgi";
    static final String SET = "set_alarm_push_cfg.cgi";
    private static final Set<String> OK_RESULTS = Set.of("0", "ok", "success");

    private final URI camera;
    private final String user;
    private final String password;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param camera the camera's HTTP address, {@code http://192.168.1.20:81}
     */
    public CameraCgi(URI camera, String user, String password) {
        this(camera, user, password, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build(), Duration.ofSeconds(10));
    }

    public CameraCgi(URI camera, String user, String password, HttpClient client, Duration timeout) {
        Objects.requireNonNull(camera, "camera");
        String scheme = camera.getScheme() == null ? "" : camera.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || camera.getHost() == null) {
            throw new IllegalArgumentException("the camera must be an http:// address with a host, was " + camera);
        }
        if (camera.getRawQuery() != null || camera.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the camera address takes no query and no user, was " + camera);
        }
        this.camera = camera;
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Reads the camera's push settings. */
    public PushConfig get() throws CameraCgiException {
        CgiText answer = call(GET, Map.of());
        List<String> missing = new ArrayList<>();
        for (String field : List.of("heartbeatTime", "heartbeatServer", "alarmPushMainServer", "alarmPushSubServer")) {
            if (!answer.values().containsKey(field)) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new CameraCgiException("the camera's " + GET + " answer lacks " + String.join(", ", missing)
                    + " (a firmware without alarm push?)");
        }
        int heartbeatTime;
        try {
            heartbeatTime = Integer.parseInt(answer.values().get("heartbeatTime").strip());
        } catch (NumberFormatException e) {
            throw new CameraCgiException("the camera's heartbeatTime is no number: '"
                    + answer.values().get("heartbeatTime") + "'");
        }
        return new PushConfig(heartbeatTime, answer.values().get("heartbeatServer"),
                answer.values().get("alarmPushMainServer"), answer.values().get("alarmPushSubServer"));
    }

    /** Sets the camera's push settings; read them back with {@link #get()} to see what it took. */
    public void set(PushConfig config) throws CameraCgiException {
        // The push document writes "heartbeat Server" and "alarmPushSub Server" in its example URL: those
        // spaces are typos. The parameters are named exactly as get_alarm_push_cfg.cgi returns the fields.
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("heartbeatTime", Integer.toString(config.heartbeatTime()));
        parameters.put("heartbeatServer", config.heartbeatServer());
        parameters.put("alarmPushMainServer", config.alarmPushMainServer());
        parameters.put("alarmPushSubServer", config.alarmPushSubServer());
        call(SET, parameters);
    }

    private CgiText call(String cgi, Map<String, String> parameters) throws CameraCgiException {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(name).append('=').append(encode(value)).append('&'));
        query.append("loginuse=").append(encode(user)).append("&loginpas=").append(encode(password));
        HttpRequest request = HttpRequest.newBuilder(endpoint(cgi, query.toString())).timeout(timeout).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new CameraCgiException("the camera at " + address() + " did not answer " + cgi + " within "
                    + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new CameraCgiException("cannot connect to the camera at " + address());
        } catch (IOException e) {
            throw new CameraCgiException("talking to the camera at " + address() + " failed: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CameraCgiException("interrupted while waiting for the camera");
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new CameraCgiException("the camera refused the login (HTTP " + response.statusCode()
                    + "): check the user and password");
        }
        if (response.statusCode() != 200) {
            throw new CameraCgiException("the camera answered " + cgi + " with HTTP " + response.statusCode()
                    + summary(redact(body)));
        }
        CgiText text = CgiText.parse(body);
        String result = text.values().get("result");
        if (result != null && !OK_RESULTS.contains(result.strip().toLowerCase(Locale.ROOT))) {
            throw new CameraCgiException("the camera refused " + cgi + ": result=" + result
                    + (result.toLowerCase(Locale.ROOT).contains("auth") ? " (check the user and password)" : ""));
        }
        for (String name : text.values().keySet()) {
            if (name.toLowerCase(Locale.ROOT).contains("error")) {
                throw new CameraCgiException("the camera refused " + cgi + ": " + name + "="
                        + text.values().get(name));
            }
        }
        for (String line : text.other()) {
            if (line.toLowerCase(Locale.ROOT).contains("error")) {
                throw new CameraCgiException("the camera refused " + cgi + ": " + cut(redact(line)));
            }
        }
        return text;
    }

    private URI endpoint(String cgi, String query) {
        String base = camera.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/" + cgi + "?" + query);
    }

    /** The camera's address without anything secret: scheme, host and port. */
    private String address() {
        return camera.getScheme() + "://" + camera.getHost() + (camera.getPort() < 0 ? "" : ":" + camera.getPort());
    }

    /** The text without the password, should the camera echo the request. */
    private String redact(String text) {
        if (password.isEmpty()) {
            return text;
        }
        return text.replace(encode(password), "***").replace(password, "***");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String summary(String body) {
        String text = body.strip();
        return text.isEmpty() ? "" : ": " + cut(text);
    }

    private static String cut(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= 120 ? line : line.substring(0, 120) + "…";
    }

    @Override
    public String toString() {
        return "CameraCgi[" + address() + ", user " + user + "]";
    }
}
