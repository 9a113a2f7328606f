package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium talking through alarmhub's two-way talk: {@code src/test/js/talk/drive.js} in a node process
 * opens the talk page, whose fake microphone plays a WAV file, on a talk URL. Its events (JSON lines on stdout)
 * come back in order; {@link #stop} ends the talk as a user would.
 */
final class TalkingBrowser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path SCRIPTS = Path.of("src", "test", "js", "talk").toAbsolutePath();

    private final Process process;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final StringBuffer errors = new StringBuffer();

    private TalkingBrowser(Process process) {
        this.process = process;
        daemon("talk-browser-stdout", this::readEvents);
        daemon("talk-browser-stderr", this::readErrors);
    }

    /**
     * Starts Chromium on {@code talk} with {@code microphone} as what it hears, in a fresh profile under
     * {@code profile}. Fails, not skips, when node's packages are not installed.
     */
    static TalkingBrowser start(URI talk, Path microphone, Path profile) throws IOException {
        if (!Files.isDirectory(SCRIPTS.resolve("node_modules"))) {
            throw new IllegalStateException("no " + SCRIPTS.resolve("node_modules") + ": run npm ci there (.ci/run does)");
        }
        Files.createDirectories(profile);
        Process process = new ProcessBuilder(List.of("node", "drive.js", talk.toString(), microphone.toString(),
                profile.toString())).directory(SCRIPTS.toFile()).start();
        return new TalkingBrowser(process);
    }

    /** The next event; fails when none comes within {@code wait} or it is not {@code expected}. */
    JsonNode await(String expected, Duration wait) throws InterruptedException {
        JsonNode event = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no \"" + expected + "\" from the browser within " + wait.toSeconds() + " s;"
                    + " its errors:\n" + errors);
        }
        if (!event.path("event").asText().equals(expected)) {
            throw new AssertionError("the browser said " + event + " rather than \"" + expected + "\"; its errors:\n"
                    + errors);
        }
        return event;
    }

    /** Ends the talk as the user would and returns what the page says of it ({@code "stopped"}, or why not). */
    JsonNode stop(Duration wait) throws IOException, InterruptedException {
        Writer commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        commands.write("stop\n");
        commands.flush();
        await("stop", wait);
        return await("stopped", wait);
    }

    /** What node and the page wrote on stderr so far. */
    String errors() {
        return errors.toString();
    }

    private void readEvents() {
        try (BufferedReader lines = reader(process.getInputStream())) {
            for (String line; (line = lines.readLine()) != null; ) {
                events.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            errors.append("reading the browser's events: ").append(e).append('\n');
        }
    }

    private void readErrors() {
        try (BufferedReader lines = reader(process.getErrorStream())) {
            for (String line; (line = lines.readLine()) != null; ) {
                errors.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Closing node's stdin ends the talk and the browser; it is killed if it does not end within 10 s. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
