package io.alarmhub.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alarmhub camera} against a fake VStarcam camera on loopback. */
@Timeout(60)
class CameraCommandTest {

    private static final String PASSWORD = "888888";

    private HttpServer camera;
    private final Map<String, String> config = new LinkedHashMap<>();
    private final List<Map<String, String>> sets = new CopyOnWriteArrayList<>();
    private volatile boolean ignoresSet;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        config.put("heartbeatTime", "30");
        config.put("heartbeatServer", "http://cloud.example/hb");
        config.put("alarmPushMainServer", "http://cloud.example/push");
        config.put("alarmPushSubServer", "");
        camera = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        camera.createContext("/get_alarm_push_cfg.cgi", exchange -> serve(exchange, false));
        camera.createContext("/set_alarm_push_cfg.cgi", exchange -> serve(exchange, true));
        camera.start();
    }

    @AfterEach
    void stop() {
        camera.stop(0);
    }

    @Test
    void printsTheCameraSettings() {
        int status = alarmhub("camera", "--url", url(), "--user", "admin", "--password", PASSWORD);

        assertThat(status).isZero();
        assertThat(out.toString()).isEqualTo("heartbeatTime=30\nheartbeatServer=http://cloud.example/hb\n"
                + "alarmPushMainServer=http://cloud.example/push\nalarmPushSubServer=\n");
        assertThat(out.toString() + err).doesNotContain(PASSWORD);
        assertThat(alarmhub("camera", "--url", url(), "--password", PASSWORD, "get")).isZero();
    }

    @Test
    void pointsTheCameraAtThisServer() {
        int status = alarmhub("camera", "--url", url(), "--password", PASSWORD, "set",
                "--server", "http://192.168.1.10:9920");

        assertThat(status).as(err.toString()).isZero();
        assertThat(sets).singleElement().isEqualTo(Map.of("heartbeatTime", "60",
                "heartbeatServer", "http://192.168.1.10:9920/vstarcam/heartbeat",
                "alarmPushMainServer", "http://192.168.1.10:9920/vstarcam/alarm",
                "alarmPushSubServer", "http://192.168.1.10:9920/vstarcam/alarm"));
        assertThat(out.toString()).isEqualTo("heartbeatTime=60\n"
                + "heartbeatServer=http://192.168.1.10:9920/vstarcam/heartbeat\n"
                + "alarmPushMainServer=http://192.168.1.10:9920/vstarcam/alarm\n"
                + "alarmPushSubServer=http://192.168.1.10:9920/vstarcam/alarm\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void takesThePasswordFromTheEnvironment() {
        int status = command(Map.of(CameraCommand.PASSWORD_ENV, PASSWORD))
                .execute("--url", url(), "set", "--server", "http://alarmhub.lan:9920/", "--heartbeat-time", "120");

        assertThat(status).as(err.toString()).isZero();
        assertThat(sets.get(0)).containsEntry("heartbeatTime", "120")
                .containsEntry("heartbeatServer", "http://alarmhub.lan:9920/vstarcam/heartbeat");
        assertThat(err.toString()).startsWith("note: a camera silent for 180 s counts as offline");
        assertThat(out.toString() + err).doesNotContain(PASSWORD);
    }

    @Test
    void failsClearly() {
        assertThat(command(Map.of()).execute("--url", url())).isEqualTo(2);
        assertThat(err.toString()).contains("no password: give --password or set ALARMHUB_CAMERA_PASSWORD");

        err.getBuffer().setLength(0);
        assertThat(command(Map.of()).execute("--url", url(), "--password", "wrong")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("camera: the camera refused get_alarm_push_cfg.cgi: "
                + "result=Auth Failed (check the user and password)\n");

        err.getBuffer().setLength(0);
        ignoresSet = true;
        assertThat(command(Map.of()).execute("--url", url(), "--password", PASSWORD, "set", "--server",
                "http://192.168.1.10:9920")).isEqualTo(1);
        assertThat(err.toString()).contains("it accepted the settings but reports others");

        err.getBuffer().setLength(0);
        assertThat(command(Map.of()).execute("--url", url(), "--password", PASSWORD, "set", "--server",
                "192.168.1.10")).isEqualTo(2);
        assertThat(err.toString()).contains("the server must be an http:// address");
    }

    private int alarmhub(String... args) {
        return wire(new CommandLine(new Main())).execute(args);
    }

    private CommandLine command(Map<String, String> env) {
        return wire(new CommandLine(new CameraCommand(env)));
    }

    private CommandLine wire(CommandLine line) {
        return line.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }

    private String url() {
        return "http://127.0.0.1:" + camera.getAddress().getPort();
    }

    private void serve(HttpExchange exchange, boolean set) throws IOException {
        try (exchange) {
            Map<String, String> query = new LinkedHashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            String body;
            if (!"admin".equals(query.remove("loginuse")) || !PASSWORD.equals(query.remove("loginpas"))) {
                body = "var result=\"Auth Failed\";\r\n";
            } else if (set) {
                sets.add(query);
                if (!ignoresSet) {
                    config.putAll(query);
                }
                body = "var result=\"ok\";\r\n";
            } else {
                StringBuilder text = new StringBuilder();
                config.forEach((name, value) -> text.append("var ").append(name).append('=')
                        .append(name.equals("heartbeatTime") ? value : "\"" + value + "\"").append(";\r\n"));
                body = text.toString();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(bytes);
            }
        }
    }
}
