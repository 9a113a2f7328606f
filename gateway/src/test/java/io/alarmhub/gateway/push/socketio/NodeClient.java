package io.alarmhub.gateway.push.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * An npm socket.io-client (2.x or 4.x) in a node process running {@code src/test/js/client.js}: commands go
 * to its stdin, the events it prints come back into an {@link Inbox}.
 */
final class NodeClient implements TestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPTS = Path.of("src", "test", "js").toAbsolutePath();
    private static final long LIFETIME_MILLIS = 60_000;

    private final Process process;
    private final Writer commands;
    private final Inbox inbox;
    private final StringBuffer errors = new StringBuffer();

    private NodeClient(Process process, String name) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.inbox = new Inbox(name);
        daemon(name + "-stdout", this::readEvents);
        daemon(name + "-stderr", this::readErrors);
    }

    /** Which Engine.IO transports the client may use. */
    enum Transports {
        /** Long-polling first, then an upgrade to WebSocket: what clients do by default. */
        ANY,
        /** A WebSocket from the start. */
        WEBSOCKET,
        /** Long-polling only. */
        POLLING
    }

    /** @param version {@code v2} (socket.io-client 2.x, Engine.IO 3) or {@code v4} (4.x, Engine.IO 4) */
    static NodeClient connect(String version, int port, String alias, Naming naming, Transports transports) {
        if (!Files.isDirectory(SCRIPTS.resolve("node_modules"))) {
            throw new IllegalStateException("no " + SCRIPTS.resolve("node_modules")
                    + ": run mvn generate-test-resources (it installs the npm test clients)");
        }
        List<String> command = new ArrayList<>(List.of("node", "client.js", version, Integer.toString(port), alias,
                naming.name().toLowerCase(Locale.ROOT), transports.name().toLowerCase(Locale.ROOT),
                Long.toString(LIFETIME_MILLIS)));
        try {
            Process process = new ProcessBuilder(command).directory(SCRIPTS.toFile()).start();
            return new NodeClient(process, "node " + version + " " + alias);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node", e);
        }
    }

    static NodeClient connect(String version, int port, String alias, Naming naming) {
        return connect(version, port, alias, naming, Transports.ANY);
    }

    @Override
    public void emit(String event, JsonNode... args) {
        ObjectNode command = JSON.createObjectNode().put("emit", event);
        command.putArray("args").addAll(List.of(args));
        send(command);
    }

    @Override
    public void emitWithAck(String event, String tag, JsonNode arg) {
        ObjectNode command = JSON.createObjectNode().put("emit", event).put("ack", tag);
        command.putArray("args").add(arg);
        send(command);
    }

    /** Writes one raw Engine.IO message, bypassing the socket.io encoder. */
    void raw(String message) {
        send(JSON.createObjectNode().put("raw", message));
    }

    @Override
    public Inbox.Received take(String event) {
        try {
            return inbox.take(event);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; node said: " + errors, e);
        }
    }

    @Override
    public boolean holds(String event) {
        return inbox.holds(event);
    }

    @Override
    public void close() {
        try {
            send(JSON.createObjectNode().put("close", true));
            commands.close();
        } catch (UncheckedIOException | IOException e) {
            // Already gone; the process is reaped below either way.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void send(JsonNode command) {
        try {
            commands.write(JSON.writeValueAsString(command) + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("node client is gone; it said: " + errors, e);
        }
    }

    private void readEvents() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode printed = JSON.readTree(line);
                String name = printed.has("ack") ? "ack:" + printed.get("ack").asText() : printed.get("event").asText();
                List<JsonNode> args = new ArrayList<>();
                printed.path("args").forEach(args::add);
                inbox.add(new Inbox.Received(name, args));
            }
        } catch (IOException e) {
            errors.append("stdout unreadable: ").append(e);
        }
    }

    private void readErrors() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                errors.append(line).append('\n');
            }
        } catch (IOException e) {
            errors.append("stderr unreadable: ").append(e);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
