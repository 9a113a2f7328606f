package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.server.HedgwCamera;
import io.alarmhub.server.HemuCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.alarmhub.server.it.HemuFixture.DEVICE;
import static io.alarmhub.server.it.HemuFixture.MAC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's app changes a connected camera's plan and thumbnails over the packaged server's
 * {@code /hemu/admin/plan/} route: the simulated camera is told at once ({@code DevServerCmd} 7 and 9), its
 * owner's app hears of the plan, the camera's next login answer carries it; another app's token is refused 403;
 * and {@code alarmhub hemu plan}, run as its own process, changes a plan.
 */
class HemuPlanIT {

    private static final String PLAN = "/hemu/admin/plan/" + DEVICE;

    @TempDir
    Path dir;

    @Test
    void anOperatorsChangeReachesTheConnectedCameraItsOwnerAndItsNextLogin() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).apps("it", "ops").with("hemu", "operator-apps: [ops]")
                .start();
             LineClient owner = new LineClient(server.tcp)) {
            RestClient app = new RestClient(server.rest);
            RestClient operator = new RestClient(server.rest, "ops");
            HemuCamera.Walk walk = HemuFixture.camera(server, DEVICE, MAC).walk("13888888888",
                    HemuFixture.grant(app, "alice", "13888888888").get("userToken").asText());
            assertThat(walk.complete()).as(walk.toString()).isTrue();
            owner.send("{\"t\":14,\"alias\":\"alice\"}");
            assertThat(owner.read().get("t").asInt()).isEqualTo(-14);
            acknowledge(owner, 2); // the registration and the status the walk reported
            HedgwCamera.LoginParameters login = HedgwCamera.LoginParameters.builder().accessKey("acme")
                    .accessSecret(HemuFixture.ACME_SECRET).userName("13888888888")
                    .deviceToken(walk.deviceToken().orElseThrow()).unifiedId(walk.unifiedId().orElseThrow())
                    .deviceMac(MAC).deviceId(DEVICE).build();
            int port = Integer.parseInt(walk.serverPort().orElseThrow());

            try (HedgwCamera camera = connect(server, port)) {
                Hedgw.DevLoginResp first = camera.login(login);
                assertThat(first.getResult()).isZero();
                assertThat(first.getDeviceStatus()).as("the configured plan").isEqualTo(2);
                assertThat(owner.read().get("msg").get("event").asText()).isEqualTo("online");

                HttpResponse<String> notAnOperator = app.post(PLAN, "{\"deviceStatus\":1,\"serviceDays\":30}");
                assertThat(notAnOperator.statusCode()).isEqualTo(403);
                assertThat(OpenApiClient.JSON.readTree(notAnOperator.body()).get("t").asInt()).isZero();

                JsonNode changed = operator.postOk(PLAN, "{\"deviceStatus\":1,\"serviceDays\":30}");
                assertThat(changed.get("told").asText()).isEqualTo("now");
                Hedgw.HEDGWMessage plan = camera.receive();
                assertThat(plan.getMessageType()).isEqualTo(Hedgw.HEDGWMessage.MessageType.DevServerCmd);
                assertThat(plan.getDevServerCmd().getType()).isEqualTo(7);
                assertThat(plan.getDevServerCmd().getDeviceStatus()).isEqualTo(1);
                assertThat(plan.getDevServerCmd().getServiceDays()).isEqualTo(30);
                JsonNode heard = owner.read().get("msg");
                assertThat(heard.get("event").asText()).isEqualTo("status");
                assertThat(heard.get("values").get("plan").asText()).isEqualTo("cloud");
                assertThat(heard.get("values").get("service_days").asText()).isEqualTo("30");

                operator.postOk(PLAN, "{\"thumbnails\":{\"span\":60,\"width\":640,\"height\":360}}");
                Hedgw.DevServerCmd thumbnails = camera.receive().getDevServerCmd();
                assertThat(thumbnails.getType()).isEqualTo(9);
                assertThat(thumbnails.getThumbnailSpan()).isEqualTo(60);
                assertThat(thumbnails.getThumbnailWidth()).isEqualTo(640);
                assertThat(thumbnails.getThumbnailHeight()).isEqualTo(360);

                JsonNode shown = operator.get(PLAN);
                assertThat(shown.get("connected").asBoolean()).isTrue();
                assertThat(shown.get("source").toString())
                        .isEqualTo("{\"deviceStatus\":\"own\",\"serviceDays\":\"own\",\"thumbnails\":\"own\"}");
            }
            assertThat(owner.read().get("msg").get("event").asText()).isEqualTo("offline");

            try (HedgwCamera camera = connect(server, port)) {
                Hedgw.DevLoginResp again = camera.login(login);
                assertThat(again.getResult()).isZero();
                assertThat(again.getDeviceStatus()).isEqualTo(1);
                assertThat(again.getServiceDays()).isEqualTo(30);
                Hedgw.DevServerCmd thumbnails = camera.receive().getDevServerCmd();
                assertThat(thumbnails.getType()).as("right after the login answer").isEqualTo(9);
                assertThat(thumbnails.getThumbnailSpan()).isEqualTo(60);

                Cli cli = cli(server, "--app", "ops", "--device", DEVICE, "--status", "event", "--service-days", "7");
                assertThat(cli.exit()).as(cli.output()).isZero();
                assertThat(cli.output()).contains("\"plan\" : \"event\"", "\"told\" : \"now\"");
                Hedgw.DevServerCmd told = camera.receive().getDevServerCmd();
                assertThat(told.getType()).isEqualTo(7);
                assertThat(told.getDeviceStatus()).isEqualTo(3);
                assertThat(told.getServiceDays()).isEqualTo(7);

                Cli shows = cli(server, "--app", "ops", "--device", DEVICE);
                assertThat(shows.exit()).as(shows.output()).isZero();
                assertThat(shows.output()).contains("\"deviceStatus\" : 3", "\"connected\" : true");
                Cli refused = cli(server, "--app", "it", "--device", DEVICE, "--status", "cloud");
                assertThat(refused.exit()).as(refused.output()).isEqualTo(3);
                assertThat(refused.output()).contains("HTTP 403");
            }
            assertThat(Scrape.value(server, "alarmhub_hemu_server_commands_total", "vendor=\"hemu\"",
                    "type=\"plan\"")).isEqualTo(2.0);
        }
    }

    private static HedgwCamera connect(ServerProcess server, int port) throws Exception {
        return HedgwCamera.connect("127.0.0.1", port, HemuFixture.certificate(server), Duration.ofSeconds(10));
    }

    /** What {@code alarmhub hemu plan} printed (stdout and stderr together) and its exit code. */
    private record Cli(int exit, String output) {
    }

    /** {@code java -jar alarmhub.jar hemu plan} with the server's configuration, as an operator runs it. */
    private static Cli cli(ServerProcess server, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-jar",
                Path.of(System.getProperty("alarmhub.jar", "target/alarmhub.jar")).toAbsolutePath().toString(),
                "hemu", "plan", "--config", server.dir.resolve("alarmhub.yaml").toString(),
                "--server", "http://127.0.0.1:" + server.rest));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(server.dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("alarmhub hemu plan did not finish");
        }
        return new Cli(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static void acknowledge(LineClient app, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            app.send("{\"t\":-5,\"mid\":\"" + app.read().get("mid").asText() + "\"}");
        }
    }
}
