package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.server.HedgwCamera;
import io.alarmhub.server.HemuCamera;
import io.alarmhub.server.SimulatedFirmwareUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A firmware rollout on the packaged server: an operator registers a 12 MB package with {@code alarmhub hemu
 * firmware package add FILE} (uploaded through the RestServer in pieces) and starts a rollout to two connected
 * simulated cameras with {@code rollout start}; one downloads the package at its signed URL from the media
 * listener, checks its MD5, reports 1, 2, 3, 5, 6, reboots (a new HEDGW connection), reports 7 and its new
 * version through the OpenAPI, and ends confirmed; the other reports a failed download (4) and ends failed.
 * {@code rollout show} says so, the owner's app (a PushServer client) was pushed each step, and the metrics
 * counted them.
 */
class HemuFirmwareIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MOBILE = "13888888888";
    private static final String CAM1 = HemuFixture.DEVICE;
    private static final String MAC1 = HemuFixture.MAC;
    private static final String CAM2 = "110234567894563";
    private static final String MAC2 = "2059a074e0bd";
    private static final String NEW = "1.3.0";

    @TempDir
    Path dir;

    @Test
    void aRolloutIsConfirmedOnTheCameraThatInstallsAndFailedOnTheOneWhoseDownloadFails() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).with("hemu", "operator-apps: [it]").start();
             LineClient app = new LineClient(server.tcp)) {
            RestClient rest = new RestClient(server.rest);
            app.send("{\"t\":14,\"alias\":\"alice\"}");
            assertThat(app.read().get("t").asInt()).isEqualTo(-14);
            HemuCamera camera1 = HemuFixture.camera(server, CAM1, MAC1);
            HemuCamera camera2 = HemuFixture.camera(server, CAM2, MAC2);
            HemuCamera.Walk walk1 = camera1.walk(MOBILE, HemuFixture.grant(rest, "alice", MOBILE).get("userToken").asText());
            HemuCamera.Walk walk2 = camera2.walk(MOBILE, HemuFixture.grant(rest, "alice", MOBILE).get("userToken").asText());
            assertThat(walk1.complete()).as(walk1.toString()).isTrue();
            assertThat(walk2.complete()).as(walk2.toString()).isTrue();

            byte[] bytes = new byte[12 * 1024 * 1024 + 17];
            new Random(526).nextBytes(bytes);
            Path file = Files.write(dir.resolve("acme_cam1-1.3.0.enc"), bytes);
            JsonNode added = cli(server, "package", "add", file.toString(), "--service-type", "1", "--new-version", NEW,
                    "--model", "acme_cam1").path("package");
            assertThat(added.path("checkSum").asText()).isEqualTo(md5(bytes));
            assertThat(added.path("size").asLong()).isEqualTo(bytes.length);
            assertThat(added.path("name").asText()).isEqualTo("acme_cam1-1.3.0.enc");

            HedgwCamera gateway1 = login(server, walk1, CAM1, MAC1);
            try (HedgwCamera gateway2 = login(server, walk2, CAM2, MAC2)) {
                JsonNode rollout = cli(server, "rollout", "start", "--package", added.path("id").asText(),
                        "--device", CAM1, "--device", CAM2);
                String rolloutId = rollout.path("id").asText();
                assertThat(rollout.path("state").asText()).isEqualTo("running");

                SimulatedFirmwareUpdate.Command command2 = upgrade(gateway2);
                SimulatedFirmwareUpdate.Result failed = new SimulatedFirmwareUpdate(CAM2, camera2, "1.2.300",
                        "2.15.200", SimulatedFirmwareUpdate.Outcome.FAIL_DOWNLOAD, line -> { })
                        .run(gateway2, command2, () -> login(server, walk2, CAM2, MAC2));
                assertThat(failed.installed()).isFalse();

                SimulatedFirmwareUpdate.Command command1 = upgrade(gateway1);
                assertThat(command1.url().toString()).startsWith("http://127.0.0.1:" + server.media + "/media/");
                assertThat(command1.checkSum()).isEqualTo(md5(bytes));
                assertThat(command1.newServiceVersion()).isEqualTo(NEW);
                assertThat(command1.serviceType()).isEqualTo(1);
                List<String> steps = new ArrayList<>();
                SimulatedFirmwareUpdate.Result installed = new SimulatedFirmwareUpdate(CAM1, camera1, "1.2.300",
                        "2.15.200", SimulatedFirmwareUpdate.Outcome.INSTALL, steps::add)
                        .run(gateway1, command1, () -> login(server, walk1, CAM1, MAC1));
                gateway1 = installed.connection();
                assertThat(installed.installed()).as(String.join("\n", steps)).isTrue();

                await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() ->
                        !rest.get("/hemu/admin/firmware/rollouts/" + rolloutId).path("state").asText().equals("running"));
                JsonNode shown = cli(server, "rollout", "show", rolloutId);
                Map<String, JsonNode> devices = new LinkedHashMap<>();
                shown.path("devices").forEach(d -> devices.put(d.path("deviceId").asText(), d));
                assertThat(devices.get(CAM1).path("state").asText()).isEqualTo("confirmed");
                assertThat(devices.get(CAM2).path("state").asText()).isEqualTo("failed");
                assertThat(devices.get(CAM2).path("comment").asText()).contains("no space left on flash");
                assertThat(shown.path("counts").path("confirmed").asInt()).isEqualTo(1);
                assertThat(shown.path("counts").path("failed").asInt()).isEqualTo(1);

                Map<String, List<String>> pushed = firmwareEvents(app, 2);
                // "installed" (7) is pushed only when it comes before the camera's version report: the two travel
                // on different connections (HEDGW, OpenAPI), and either order confirms the update.
                assertThat(pushed.get(CAM1)).as("camera 1's steps as its owner was pushed them").containsSubsequence(
                        "download_started", "downloading", "downloaded", "install_started", "installing",
                        "confirmed");
                assertThat(pushed.get(CAM1)).last().isEqualTo("confirmed");
                assertThat(pushed.get(CAM2)).containsExactly("download_started", "download_failed");

                assertThat(Scrape.await(server, 10_000, v -> v == 2, "alarmhub_hemu_firmware_updates_total",
                        "vendor=\"hemu\"", "outcome=\"started\"")).isEqualTo(2);
                assertThat(Scrape.value(server, "alarmhub_hemu_firmware_updates_total", "outcome=\"confirmed\""))
                        .isEqualTo(1);
                assertThat(Scrape.value(server, "alarmhub_hemu_firmware_updates_total", "outcome=\"failed\""))
                        .isEqualTo(1);
            } finally {
                gateway1.close();
            }
            assertThat(server.output().lines().filter(line -> line.contains("firmware")
                    && (line.contains(" WARN ") || line.contains(" ERROR ")))).as("the server's complaints").isEmpty();
        }
    }

    /**
     * The command-line camera ({@code alarmhub hemu camera --hedgw --stay}, its own process) registers, logs in and
     * stays; a rollout sent to it is carried out like a camera's: it downloads the package, reports its progress,
     * reboots (a new HEDGW connection), reports the new version, and the rollout ends confirmed.
     */
    @Test
    void theCommandLineCameraCarriesOutARolloutAndComesBackWithTheNewVersion() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).with("hemu", "operator-apps: [it]").start()) {
            RestClient rest = new RestClient(server.rest);
            byte[] bytes = new byte[1024 * 1024 + 3];
            new Random(527).nextBytes(bytes);
            Path file = Files.write(dir.resolve("acme_cam1-1.3.0.enc"), bytes);
            String packageId = cli(server, "package", "add", file.toString(), "--service-type", "1", "--new-version",
                    NEW, "--model", "acme_cam1").path("package").path("id").asText();

            Path jar = Path.of(System.getProperty("alarmhub.jar", "target/alarmhub.jar"));
            Path output = dir.resolve("camera.out");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-jar", jar.toAbsolutePath().toString(), "hemu", "camera",
                    "--api", "https://127.0.0.1:" + HemuFixture.port(server),
                    "--trust", HemuFixture.certificate(server).toString(), "--access-key", "acme",
                    "--device-id", CAM1, "--mac", MAC1, "--model", "acme_cam1", "--user-mobile", MOBILE,
                    "--user-token", HemuFixture.grant(rest, "alice", MOBILE).get("userToken").asText(),
                    "--hedgw", "--stay", "120s")
                    .redirectOutput(output.toFile()).redirectErrorStream(true);
            builder.environment().put("ALARMHUB_HEMU_SECRET", HemuFixture.ACME_SECRET);
            Process camera = builder.start();
            try {
                await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                        .until(() -> Files.readString(output).contains("staying connected"));
                String rolloutId = cli(server, "rollout", "start", "--package", packageId, "--device", CAM1)
                        .path("id").asText();
                await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() ->
                        !rest.get("/hemu/admin/firmware/rollouts/" + rolloutId).path("state").asText()
                                .equals("running"));
                JsonNode shown = cli(server, "rollout", "show", rolloutId);
                assertThat(shown.path("devices").get(0).path("state").asText()).as(Files.readString(output))
                        .isEqualTo("confirmed");
                String printed = Files.readString(output);
                assertThat(printed).contains("a firmware upgrade to " + NEW, "DevIpCamCmd 2049 status 1",
                        "DevIpCamCmd 2049 status 6", "rebooting", "(after the reboot)", "DevIpCamCmd 2049 status 7",
                        "firmwareVersion " + NEW);
                assertThat(camera.isAlive()).as("still staying, on its new connection").isTrue();
            } finally {
                camera.destroy();
                camera.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Logs the camera in to the HEDGW on its live channel. */
    private static HedgwCamera login(ServerProcess server, HemuCamera.Walk walk, String deviceId, String mac)
            throws IOException {
        HedgwCamera gateway = HedgwCamera.connect("127.0.0.1", Integer.parseInt(walk.serverPort().orElseThrow()),
                HemuFixture.certificate(server), Duration.ofSeconds(20));
        Hedgw.DevLoginResp login = gateway.login(HedgwCamera.LoginParameters.builder().accessKey("acme")
                .accessSecret(HemuFixture.ACME_SECRET).userName(MOBILE).deviceToken(walk.deviceToken().orElseThrow())
                .unifiedId(walk.unifiedId().orElseThrow()).deviceMac(mac).deviceId(deviceId).build());
        if (login.getResult() != 0) {
            gateway.close();
            throw new IOException("login result " + login.getResult());
        }
        return gateway;
    }

    /** The next message of the camera, which must be its upgrade command. */
    private static SimulatedFirmwareUpdate.Command upgrade(HedgwCamera gateway) throws IOException {
        Hedgw.HEDGWMessage message = gateway.receive();
        assertThat(SimulatedFirmwareUpdate.handles(message)).as(message.toString()).isTrue();
        return SimulatedFirmwareUpdate.Command.of(message.getDevAppCmd()).orElseThrow();
    }

    /**
     * Reads (and acknowledges) what the app is pushed until each camera's firmware events have ended
     * ({@code confirmed}, a failure, {@code timed_out}): the {@code firmware} words, per camera, in order.
     */
    private static Map<String, List<String>> firmwareEvents(LineClient app, int cameras) throws IOException {
        Map<String, List<String>> words = new LinkedHashMap<>();
        int ended = 0;
        while (ended < cameras) {
            JsonNode message = app.read();
            if (message.has("mid")) {
                app.send("{\"t\":-5,\"mid\":\"" + message.get("mid").asText() + "\"}");
            }
            JsonNode values = message.path("msg").path("values");
            if (!values.has("firmware")) {
                continue;
            }
            String word = values.path("firmware").asText();
            words.computeIfAbsent(message.path("msg").path("device").asText(), d -> new ArrayList<>()).add(word);
            if (List.of("confirmed", "download_failed", "install_failed", "timed_out").contains(word)) {
                ended++;
            }
        }
        return words;
    }

    /** Runs {@code alarmhub hemu firmware ARGS --config …} with the packaged jar; its JSON output. */
    private static JsonNode cli(ServerProcess server, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("alarmhub.jar", "target/alarmhub.jar"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toAbsolutePath().toString(), "hemu", "firmware"));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", server.dir.resolve("alarmhub.yaml").toString()));
        Process process = new ProcessBuilder(command).redirectError(server.dir.resolve("cli.err").toFile()).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not finish: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text + Files.readString(server.dir.resolve("cli.err"))).isZero();
        return JSON.readTree(text);
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
