package io.alarmhub.server.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command-line camera ({@code alarmhub hemu camera --hedgw --video … --audio …}, a process of its own) registered
 * to alice and streaming to a server, its output in {@code camera.out} of the test's directory.
 */
final class HemuCameraProcess {

    private HemuCameraProcess() {
    }

    /** Starts it and waits for its HEDGW login; {@code extra} are further options ({@code --loop}, {@code --motion}). */
    static Process start(Path dir, ServerProcess server, RestClient rest, String deviceId, String mac, String mobile,
                         Path video, Path audio, String... extra) throws Exception {
        Path jar = Path.of(System.getProperty("alarmhub.jar", "target/alarmhub.jar"));
        Path output = dir.resolve("camera.out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-jar", jar.toAbsolutePath().toString(), "hemu", "camera",
                "--api", "https://127.0.0.1:" + HemuFixture.port(server),
                "--trust", HemuFixture.certificate(server).toString(), "--access-key", "acme",
                "--device-id", deviceId, "--mac", mac, "--model", "acme_cam1", "--user-mobile", mobile,
                "--user-token", HemuFixture.grant(rest, "alice", mobile).get("userToken").asText(),
                "--hedgw", "--video", video.toString(), "--audio", audio.toString()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectErrorStream(true);
        builder.environment().put("ALARMHUB_HEMU_SECRET", HemuFixture.ACME_SECRET);
        Process process = builder.start();
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(output) && Files.readString(output).contains("DevLoginResp result 0")
                        || !process.isAlive());
        assertThat(process.isAlive()).as(Files.readString(output)).isTrue();
        return process;
    }
}
