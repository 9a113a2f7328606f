package io.alarmhub.gateway.device.hemu.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.app.HemuAppApi;
import io.alarmhub.gateway.device.hemu.HedgwSettings;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwLink;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwSessions;
import io.alarmhub.gateway.device.hemu.platform.Registration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.ACME;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.KEY;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/** The operators' plan route behind {@code HemuAppApi}'s admin gate, over a real store. */
class PlanApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String DEVICE = "110234567894562";
    private static final String MOBILE = "13888888888";
    private static final CameraPlan DEFAULTS = new CameraPlan(PlanStatus.EXPIRED, 0, new Thumbnails(0, 640, 360));

    @TempDir
    Path dir;
    private HemuOnSqlite platform;
    private SimpleMeterRegistry meters;
    private HemuAppApi api;

    @BeforeEach
    void start() {
        platform = HemuOnSqlite.open(dir, NOW, 10);
        meters = new SimpleMeterRegistry();
        String userToken = platform.accounts.grant("alice", MOBILE).join().userToken();
        platform.cameras.register(ACME, new Registration(KEY, DEVICE, "2059a074e0bc", MODEL, MOBILE, userToken,
                "3RD-X01", 17, Optional.empty(), Optional.empty())).join();
        HemuMetrics metrics = new HemuMetrics(meters);
        Plans plans = Plans.load(platform.store, platform.directory, platform.desk,
                new HedgwLink(new HedgwSessions(HedgwSettings.DEFAULT)), DEFAULTS, metrics).join();
        api = new HemuAppApi(platform.accounts, () -> "https://127.0.0.1:8443", Set.of("ops"));
        api.registerAdmin("plan", new PlanApi(plans, metrics));
    }

    @AfterEach
    void close() {
        platform.close();
    }

    @Test
    void aCameraWithoutAPlanShowsTheConfiguredOneAsDefault() throws Exception {
        AppAnswer answer = call("GET", "ops", DEVICE, "");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(json(answer).toString()).isEqualTo("{\"deviceId\":\"" + DEVICE + "\",\"connected\":false,"
                + "\"deviceStatus\":2,\"plan\":\"expired\",\"serviceDays\":0,"
                + "\"thumbnails\":{\"span\":0,\"width\":640,\"height\":360},"
                + "\"source\":{\"deviceStatus\":\"default\",\"serviceDays\":\"default\",\"thumbnails\":\"default\"}}");
    }

    @Test
    void aChangeIsAnsweredWithThePlanAndWhereEachValueComesFrom() throws Exception {
        AppAnswer changed = call("POST", "ops", DEVICE, "{\"deviceStatus\":1,\"serviceDays\":30}");

        assertThat(changed.status()).isEqualTo(200);
        JsonNode plan = json(changed);
        assertThat(plan.get("plan").asText()).isEqualTo("cloud");
        assertThat(plan.get("serviceDays").asInt()).isEqualTo(30);
        assertThat(plan.get("told").asText()).as("the camera is not connected").isEqualTo("next_login");
        assertThat(plan.get("source").toString())
                .isEqualTo("{\"deviceStatus\":\"own\",\"serviceDays\":\"own\",\"thumbnails\":\"default\"}");

        JsonNode shown = json(call("GET", "ops", DEVICE, ""));
        assertThat(shown.get("deviceStatus").asInt()).isEqualTo(1);
        assertThat(shown.has("told")).isFalse();
    }

    @Test
    void onlyAnOperatorsAppMayLookOrChange() throws Exception {
        AppAnswer look = call("GET", "app", DEVICE, "");
        AppAnswer change = call("POST", "app", DEVICE, "{\"deviceStatus\":1}");

        assertThat(look.status()).isEqualTo(403);
        assertThat(change.status()).isEqualTo(403);
        assertThat(json(call("GET", "ops", DEVICE, "")).get("deviceStatus").asInt()).isEqualTo(2);
    }

    @Test
    void badValuesAreRefused400InTheRestServersShape() throws Exception {
        AppAnswer deleted = call("POST", "ops", DEVICE, "{\"deviceStatus\":44}");
        AppAnswer size = call("POST", "ops", DEVICE, "{\"thumbnails\":{\"span\":60,\"width\":8000}}");
        AppAnswer badId = call("GET", "ops", "12345", "");

        assertThat(deleted.status()).isEqualTo(400);
        assertThat(json(deleted).get("t").asInt()).isZero();
        assertThat(json(deleted).get("error").asText()).contains("44 (deleted) is no plan");
        assertThat(size.status()).isEqualTo(400);
        assertThat(json(size).get("error").asText()).startsWith("thumbnails.width");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(json(call("GET", "ops", DEVICE, "")).get("source").get("thumbnails").asText())
                .as("nothing changed").isEqualTo("default");
    }

    @Test
    void anUnknownCameraIs404AndAnotherMethod405() throws Exception {
        assertThat(call("GET", "ops", "999999999999999", "").status()).isEqualTo(404);
        AppAnswer change = call("POST", "ops", "999999999999999", "{\"deviceStatus\":1}");
        assertThat(change.status()).isEqualTo(404);
        assertThat(json(change).get("error").asText()).isEqualTo("no camera 999999999999999");
        assertThat(call("DELETE", "ops", DEVICE, "").status()).isEqualTo(405);
    }

    @Test
    void aStoreThatCannotTakeTheChangeIs503AndCountedBusy() throws Exception {
        platform.store.close();

        AppAnswer answer = call("POST", "ops", DEVICE, "{\"deviceStatus\":1}");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(json(answer).get("error").asText()).contains("try again");
        assertThat(meters.counter(HemuMetrics.BUSY, "vendor", "hemu", "reason", "store").count()).isEqualTo(1);
    }

    private AppAnswer call(String method, String app, String deviceId, String body) throws Exception {
        return api.answer(new AppRequest(method, List.of("admin", "plan", deviceId), Map.of(), body, app))
                .get(10, TimeUnit.SECONDS);
    }

    private static JsonNode json(AppAnswer answer) throws Exception {
        return JSON.readTree(new String(answer.body(), StandardCharsets.UTF_8));
    }
}
