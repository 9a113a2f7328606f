package io.alarmhub.gateway.device.hemu.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.device.hemu.FirmwareSettings;
import io.alarmhub.gateway.device.hemu.app.HemuAppApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.alarmhub.gateway.device.hemu.firmware.RolloutsTest.bytes;
import static io.alarmhub.gateway.device.hemu.firmware.RolloutsTest.md5;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' routes {@code /hemu/admin/firmware/…} as the RestServer hands them to the Hemu app API: only an
 * operator app's token gets there; a package uploaded in base64 pieces, the package list, a rollout started,
 * shown and cancelled, and the refusals with their statuses.
 */
class FirmwareRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final FirmwareSettings SETTINGS = new FirmwareSettings(50_000, Duration.ofHours(2),
            Duration.ofHours(1));
    private static final String CAM = "110234567894562";

    @TempDir
    Path dir;
    private FirmwareOnSqlite f;
    private HemuAppApi api;

    @BeforeEach
    void open() {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        api = new HemuAppApi(f.platform.accounts, () -> "https://127.0.0.1:8443", Set.of("ops"));
        api.registerAdmin("firmware", f.firmware.routes());
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void onlyAnOperatorAppGetsThere() throws Exception {
        AppAnswer answer = api.answer(new AppRequest("GET", List.of("admin", "firmware", "packages"), Map.of(), "",
                "app")).join();

        assertThat(answer.status()).isEqualTo(403);
        assertThat(call("GET", "", "packages").path("packages")).isEmpty();
    }

    @Test
    void aPackageIsUploadedInBase64PiecesAndARolloutStartedShownAndCancelled() throws Exception {
        f.register(CAM, "2059a074e0bc", "alice", "13888888888");
        byte[] bytes = bytes(20_000);
        JsonNode started = call("POST", "{\"serviceType\":1,\"version\":\"1.0.0.526\",\"models\":[\"ACME_cam1\"],"
                + "\"size\":20000,\"name\":\"fw 1.0.enc\",\"checkSum\":\"" + md5(bytes).toUpperCase() + "\"}",
                "packages");
        String upload = started.path("upload").asText();
        assertThat(started.path("received").asLong()).isZero();
        JsonNode last = null;
        for (int at = 0; at < bytes.length; at += 6000) {
            byte[] piece = Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 6000));
            last = call("POST", Base64.getEncoder().encodeToString(piece), "uploads", upload, Long.toString(at));
        }
        JsonNode p = last.path("package");
        assertThat(p.path("checkSum").asText()).isEqualTo(md5(bytes));
        assertThat(p.path("models")).extracting(JsonNode::asText).containsExactly("acme_cam1");
        assertThat(p.path("name").asText()).isEqualTo("fw 1.0.enc");
        assertThat(call("GET", "", "packages").path("packages")).hasSize(1);
        assertThat(call("GET", "", "packages", p.path("id").asText()).path("package")).isEqualTo(p);

        JsonNode rollout = call("POST", "{\"package\":\"" + p.path("id").asText() + "\",\"devices\":[\"" + CAM + "\"]}",
                "rollouts");
        String id = rollout.path("id").asText();
        assertThat(rollout.path("state").asText()).isEqualTo("running");
        assertThat(rollout.path("devices").get(0).path("state").asText()).isEqualTo("waiting");
        assertThat(call("GET", "", "rollouts").path("rollouts").get(0).has("devices")).isFalse();
        assertThat(answer("DELETE", "", "packages", p.path("id").asText()).status()).isEqualTo(409);

        JsonNode cancelled = call("POST", "", "rollouts", id, "cancel");
        assertThat(cancelled.path("state").asText()).isEqualTo("ended");
        assertThat(cancelled.path("counts").path("cancelled").asInt()).isEqualTo(1);
        assertThat(call("GET", "", "rollouts", id)).isEqualTo(cancelled);
        assertThat(call("DELETE", "", "packages", p.path("id").asText()).path("deleted").asText())
                .isEqualTo(p.path("id").asText());
    }

    @Test
    void badRequestsAreRefusedWithTheirStatus() {
        String good = "\"version\":\"1.0\",\"models\":[\"acme_cam1\"]";
        assertRefused(400, "serviceType", "POST", "{\"serviceType\":3," + good + ",\"size\":10}", "packages");
        assertRefused(400, "models", "POST", "{\"serviceType\":1,\"version\":\"1.0\",\"models\":[\"other_cam\"],"
                + "\"size\":10}", "packages");
        assertRefused(400, "url or size", "POST", "{\"serviceType\":1," + good + "}", "packages");
        assertRefused(400, "url", "POST", "{\"serviceType\":1," + good + ",\"url\":\"ftp://h/x\"}", "packages");
        assertRefused(413, "max-package-bytes", "POST", "{\"serviceType\":1," + good + ",\"size\":50001}", "packages");
        assertRefused(400, "not JSON", "POST", "{", "packages");
        assertRefused(404, "upload", "POST", "AAAA", "uploads", "0123456789ab", "0");
        assertRefused(400, "base64", "POST", "not base64!", "uploads", "0123456789ab", "0");
        assertRefused(400, "offset", "POST", "AAAA", "uploads", "0123456789ab", "-1");
        assertRefused(400, "devices or model", "POST", "{\"package\":\"0123456789ab\"}", "rollouts");
        assertRefused(404, "no such package", "POST", "{\"package\":\"0123456789ab\",\"model\":\"acme_cam1\"}",
                "rollouts");
        assertRefused(404, "no such rollout", "GET", "", "rollouts", "0123456789ab");
        assertRefused(404, "not found", "PUT", "", "packages");
    }

    private void assertRefused(int status, String says, String method, String body, String... path) {
        AppAnswer answer = answer(method, body, path);
        assertThat(answer.status()).as(String.join("/", path) + " " + body).isEqualTo(status);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"t\":0").contains(says);
    }

    private JsonNode call(String method, String body, String... path) throws Exception {
        AppAnswer answer = answer(method, body, path);
        assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private AppAnswer answer(String method, String body, String... path) {
        List<String> full = new ArrayList<>(List.of("admin", "firmware"));
        full.addAll(List.of(path));
        return api.answer(new AppRequest(method, full, Map.of(), body, "ops")).join();
    }
}
