package io.alarmhub.server.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command-line camera ({@code alarmhub hemu camera --hedgw --video … --audio … --loop}) as its own process,
 * registered to {@code alice} and streaming its files in a loop until closed. What it prints (its login answer,
 * each {@code DevAppCmd} it hears, each change in what it uploads) goes to a file the test reads.
 */
final class CommandLineCamera implements AutoCloseable {

    static final String DEVICE = HemuFixture.DEVICE;
    static final String OWNER = "alice";
    private static final String MOBILE = "13800138000";

    private final Process process;
    private final Path output;

    private CommandLineCamera(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Registers the camera to {@code alice}, logs it in to the HEDGW and waits for its login answer; {@code extra}
     * are further options of the command ({@code --motion}: a motion start and end right after the login).
     */
    static CommandLineCamera start(ServerProcess server, Path dir, Path video, Path audio, String... extra)
            throws Exception {
        RestClient rest = new RestClient(server.rest);
        Path jar = Path.of(System.getProperty("alarmhub.jar", "target/alarmhub.jar"));
        Path output = dir.resolve("camera.out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toAbsolutePath().toString(), "hemu", "camera",
                "--api", "https://127.0.0.1:" + HemuFixture.port(server),
                "--trust", HemuFixture.certificate(server).toString(), "--access-key", "acme",
                "--device-id", DEVICE, "--mac", HemuFixture.MAC, "--model", "acme_cam1", "--user-mobile", MOBILE,
                "--user-token", HemuFixture.grant(rest, OWNER, MOBILE).get("userToken").asText(),
                "--hedgw", "--video", video.toString(), "--audio", audio.toString(), "--loop"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectErrorStream(true);
        builder.environment().put("ALARMHUB_HEMU_SECRET", HemuFixture.ACME_SECRET);
        CommandLineCamera camera = new CommandLineCamera(builder.start(), output);
        camera.awaitLine("DevLoginResp result 0");
        return camera;
    }

    /**
     * Waits until it has printed a line holding {@code text}; fails at once if it exits first. The bound is generous:
     * on a loaded machine a JVM's start, the registration and the TLS login take long.
     */
    void awaitLine(String text) {
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> printed(text) || !process.isAlive());
        assertThat(process.isAlive()).as("the camera exited:\n%s", output()).isTrue();
        assertThat(printed(text)).as("the camera's output:\n%s", output()).isTrue();
    }

    boolean printed(String text) {
        return lines().stream().anyMatch(line -> line.contains(text));
    }

    /** Its lines so far. */
    List<String> lines() {
        return output().lines().toList();
    }

    String output() {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
