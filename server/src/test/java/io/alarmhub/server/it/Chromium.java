package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium playing the server's video as a viewer's browser does, through {@code
 * src/test/js/play.mjs} (puppeteer-core drives the browser; live FLV plays through mpegts.js, recordings in a
 * plain {@code <video>}). The page measures and {@link Played#report()} carries what it measured (see {@code
 * player.js}); the test judges. A missing browser, node or {@code node_modules} fails the test: {@code .ci/run}
 * installs them ({@code apt-get install chromium}, {@code npm ci} in {@code server/src/test/js}).
 */
final class Chromium {

    /** Where the scripts are: failsafe runs in the server module's directory. */
    static final Path SCRIPTS = Path.of("src", "test", "js").toAbsolutePath();
    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Past the page's own deadline (seconds played + 30 s): the browser's start and end. */
    private static final long SLACK_SECONDS = 90;

    private Chromium() {
    }

    /** What the page measured, and what the page and the browser logged, for an assertion's message. */
    record Played(JsonNode report, String log) {

        @Override
        public String toString() {
            return report.toPrettyString() + "\n--- browser log ---\n" + log;
        }
    }

    /** Plays a live FLV URL ({@code http://} or {@code ws://}) with mpegts.js until {@code seconds} have played. */
    static Played playLive(String url, int seconds, Path dir) throws IOException, InterruptedException {
        return play("live", url, seconds, dir);
    }

    /** Plays a recording's URL in a {@code <video>} until {@code seconds} have played or it ends. */
    static Played playFile(String url, int seconds, Path dir) throws IOException, InterruptedException {
        return play("file", url, seconds, dir);
    }

    /** One run of play.mjs with a fresh browser profile under {@code dir}. */
    private static Played play(String kind, String url, int seconds, Path dir)
            throws IOException, InterruptedException {
        requireTools();
        Path run = Files.createTempDirectory(dir, "chromium-" + kind);
        Path out = run.resolve("report.json");
        Path log = run.resolve("browser.log");
        Process node = new ProcessBuilder(List.of("node", "play.mjs", kind, url, String.valueOf(seconds),
                run.resolve("profile").toString()))
                .directory(SCRIPTS.toFile()).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        node.getOutputStream().close();
        if (!node.waitFor(seconds + SLACK_SECONDS, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            node.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("play.mjs did not end:\n" + Files.readString(log));
        }
        if (node.exitValue() != 0) {
            throw new AssertionError("play.mjs failed (" + node.exitValue() + "):\n" + Files.readString(log));
        }
        return new Played(JSON.readTree(out.toFile()), Files.readString(log));
    }

    private static void requireTools() {
        if (!Files.isExecutable(BROWSER)) {
            throw new AssertionError(BROWSER + " is missing: apt-get install chromium (.ci/run does)");
        }
        for (String module : List.of("mpegts.js", "puppeteer-core")) {
            if (!Files.isDirectory(SCRIPTS.resolve("node_modules").resolve(module))) {
                throw new AssertionError(module + " is missing: run npm ci in " + SCRIPTS + " (.ci/run does)");
            }
        }
    }
}
