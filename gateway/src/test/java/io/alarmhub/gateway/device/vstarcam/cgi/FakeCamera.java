package io.alarmhub.gateway.device.vstarcam.cgi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A VStarcam camera's CGI on loopback: checks {@code loginuse}/{@code loginpas}, answers
 * {@code get_alarm_push_cfg.cgi} with JavaScript-like text and records what {@code set_alarm_push_cfg.cgi}
 * was given.
 */
final class FakeCamera implements AutoCloseable {

    enum Style {
        /** {@code var name="value";} lines, as the firmware answers. */
        VAR,
        /** {@code name=value} lines without var, quotes or semicolons. */
        PLAIN,
        /** Several statements on one line. */
        ONE_LINE
    }

    private final HttpServer server;
    private final String user;
    private final String password;
    final Map<String, String> config = new LinkedHashMap<>();
    /** The raw query of each set call. */
    final List<String> setQueries = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> sets = new CopyOnWriteArrayList<>();
    volatile Style style = Style.VAR;
    /** When set, the set CGI answers this body instead of succeeding. */
    volatile String setFailure;
    /** When not 200, every CGI answers this status. */
    volatile int status = 200;
    /** When true, set is acknowledged but not applied. */
    volatile boolean ignoresSet;

    FakeCamera(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        config.put("heartbeatTime", "30");
        config.put("heartbeatServer", "http://cloud.example/heartbeat");
        config.put("alarmPushMainServer", "http://cloud.example/push");
        config.put("alarmPushSubServer", "");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/get_alarm_push_cfg.cgi", exchange -> serve(exchange, false));
        server.createContext("/set_alarm_push_cfg.cgi", exchange -> serve(exchange, true));
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange, boolean set) throws IOException {
        try (exchange) {
            if (status != 200) {
                answer(exchange, status, "<html><body>Unavailable</body></html>");
                return;
            }
            String raw = exchange.getRequestURI().getRawQuery();
            Map<String, String> query = parse(raw);
            if (!user.equals(query.get("loginuse")) || !password.equals(query.get("loginpas"))) {
                answer(exchange, 200, "var result=\"Auth Failed\";\r\n");
                return;
            }
            if (!set) {
                answer(exchange, 200, render());
                return;
            }
            setQueries.add(raw);
            Map<String, String> given = new LinkedHashMap<>(query);
            given.remove("loginuse");
            given.remove("loginpas");
            sets.add(given);
            if (setFailure != null) {
                answer(exchange, 200, setFailure);
                return;
            }
            if (!ignoresSet) {
                given.forEach((name, value) -> {
                    if (config.containsKey(name)) {
                        config.put(name, value);
                    }
                });
            }
            answer(exchange, 200, "var result=\"ok\";\r\n");
        }
    }

    private String render() {
        StringBuilder text = new StringBuilder();
        config.forEach((name, value) -> {
            boolean number = name.equals("heartbeatTime");
            switch (style) {
                case VAR -> text.append("var ").append(name).append('=')
                        .append(number ? value : "\"" + value + "\"").append(";\r\n");
                case PLAIN -> text.append(name).append('=').append(value).append("\n");
                case ONE_LINE -> text.append("var ").append(name).append("='").append(value).append("'; ");
            }
        });
        return text.toString();
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(name, value);
        }
        return query;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
