package io.alarmhub.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alarmhub.gateway.ListenException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves the node's metrics in the Prometheus text format at {@code GET /metrics}, and at {@code /} a line
 * of plain text saying so. The JDK's own HTTP
 * server is enough for one scraper every few seconds and keeps this out of the Netty loops.
 */
final class MetricsEndpoint implements AutoCloseable {

    private final HttpServer server;

    MetricsEndpoint(PrometheusMeterRegistry registry, String host, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new ListenException("metrics", host, port, e);
        }
        server.createContext("/metrics", exchange ->
                send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        // Every other path: whoever opens the port in a browser learns what it serves.
        server.createContext("/", exchange -> send(exchange, exchange.getRequestURI().getPath().equals("/") ? 200 : 404,
                "text/plain; charset=utf-8", INDEX));
        server.start();
    }

    static final String INDEX = """
            alarmhub metrics
            GET /metrics: every meter of this node (messages, connections, bad input, closes, the store, the JVM)
            in the Prometheus text format, version 0.0.4.
            """;

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
