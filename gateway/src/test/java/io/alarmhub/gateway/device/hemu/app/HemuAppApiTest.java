package io.alarmhub.gateway.device.hemu.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceChange;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.device.hemu.platform.AccountCalls;
import io.alarmhub.gateway.device.hemu.platform.CameraDirectory;
import io.alarmhub.store.SqlitePushStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The RestServer's /hemu/ routes, on a real store: registration tokens, their QR codes, refusals. */
class HemuAppApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String OPEN_API = "https://cams.example.test:8443";

    @TempDir
    Path dir;
    private SqlitePushStore store;
    private HemuAppApi api;

    @BeforeEach
    void open() throws Exception {
        store = SqlitePushStore.open(dir.resolve("alarmhub.db"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        CameraDirectory directory = CameraDirectory.load(store, clock, 10).get(10, TimeUnit.SECONDS);
        api = new HemuAppApi(new AccountCalls(directory, NO_EVENTS, Duration.ofMinutes(30), Duration.ofMinutes(10)),
                () -> OPEN_API, Set.of("ops"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aGrantIsATokenForTheUserWithItsExpiryAndTheQrTextACameraReads() throws Exception {
        AppAnswer answer = post("grant", "{\"alias\":\"alice\",\"mobile\":\"13888888888\"}");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode grant = json(answer);
        assertThat(grant.get("userToken").asText()).matches("[0-9a-f]{32}");
        assertThat(grant.get("expires").asText()).isEqualTo("2026-12-07T10:30:00Z");
        assertThat(JSON.readTree(grant.get("qr").asText())).isEqualTo(JSON.readTree("{\"hemu\":1,\"openapi\":\""
                + OPEN_API + "\",\"userMobile\":\"13888888888\",\"userToken\":\"" + grant.get("userToken").asText()
                + "\"}"));
    }

    @Test
    void theQrImageHoldsTheTokenAndTheWifiCredentialsTheAppGave() throws Exception {
        JsonNode grant = json(post("grant", "{\"alias\":\"alice\",\"mobile\":\"13888888888\"}"));
        String token = grant.get("userToken").asText();

        AppAnswer image = post("qr", "{\"userMobile\":\"13888888888\",\"userToken\":\"" + token
                + "\",\"wifiSSID\":\"家里的网\",\"wifiPassword\":\"s3cret pass\"}");

        assertThat(image.status()).isEqualTo(200);
        assertThat(image.contentType()).isEqualTo("image/png");
        JsonNode qr = JSON.readTree(QrDecoder.decode(image.body()));
        assertThat(qr.get("userToken").asText()).isEqualTo(token);
        assertThat(qr.get("wifiSSID").asText()).isEqualTo("家里的网");
        assertThat(qr.get("wifiPassword").asText()).isEqualTo("s3cret pass");
        assertThat(qr.get("openapi").asText()).isEqualTo(OPEN_API);
    }

    @Test
    void aQrCodeIsDrawnOnlyForALiveTokenOfThatMobileNumber() throws Exception {
        String token = json(post("grant", "{\"alias\":\"alice\",\"mobile\":\"13888888888\"}")).get("userToken").asText();

        assertThat(post("qr", "{\"userMobile\":\"13999999999\",\"userToken\":\"" + token + "\"}").status())
                .isEqualTo(404);
        assertThat(post("qr", "{\"userMobile\":\"13888888888\",\"userToken\":\"" + "0".repeat(32) + "\"}").status())
                .isEqualTo(404);
    }

    @Test
    void badBodiesAreRefusedInTheRestServersErrorShape() throws Exception {
        for (String body : List.of("not json", "[]", "{\"alias\":\"alice\"}", "{\"alias\":\"alice\",\"mobile\":\"12\"}",
                "{\"alias\":\"\",\"mobile\":\"13888888888\"}",
                "{\"alias\":99999999999e9999999998}")) {
            AppAnswer answer = post("grant", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(json(answer).get("t").asInt()).isZero();
            assertThat(answer.fault()).contains("body");
        }
        assertThat(api.answer(new AppRequest("GET", List.of("grant"), Map.of(), "", "app")).get().status()).isEqualTo(404);
        assertThat(api.answer(new AppRequest("POST", List.of("reboot"), Map.of(), "{}", "app")).get().route()).isEqualTo("hemu_none");
        AppAnswer noCamera = post("settings", "110234567894562", "{\"alias\":\"alice\",\"camRW\":{}}");
        assertThat(noCamera.status()).isEqualTo(404);
        assertThat(json(noCamera).get("error").asText()).contains("no camera 110234567894562 of alice");
    }

    @Test
    void onlyAnOperatorsAppReachesTheAdminRoutes() throws Exception {
        api.registerAdmin("echo", request -> CompletableFuture.completedFuture(AppAnswer.ok("echo",
                JsonNodeFactory.instance.objectNode().put("path", String.join("/", request.path())))));
        AppAnswer app = api.answer(new AppRequest("GET", List.of("admin", "echo", "x"), Map.of(), "", "app")).get();
        assertThat(app.status()).isEqualTo(403);
        assertThat(app.fault()).contains("operator");
        AppAnswer ops = api.answer(new AppRequest("GET", List.of("admin", "echo", "x"), Map.of(), "", "ops")).get();
        assertThat(ops.status()).isEqualTo(200);
        assertThat(json(ops).get("path").asText()).isEqualTo("echo/x");
        assertThat(api.answer(new AppRequest("GET", List.of("admin", "none"), Map.of(), "", "ops")).get().status())
                .isEqualTo(404);
    }

    private AppAnswer post(String... pathAndBody) throws Exception {
        List<String> path = List.of(pathAndBody).subList(0, pathAndBody.length - 1);
        return api.answer(new AppRequest("POST", path, Map.of(), pathAndBody[pathAndBody.length - 1], "app")).get(10, TimeUnit.SECONDS);
    }

    private static JsonNode json(AppAnswer answer) throws Exception {
        return JSON.readTree(new String(answer.body(), StandardCharsets.UTF_8));
    }

    /** Registration tokens and QR codes need no events: a call here is a bug. */
    private static final DeviceEvents NO_EVENTS = new DeviceEvents() {
        @Override
        public CompletableFuture<Void> accept(DeviceEvent event) {
            throw new AssertionError("an event from a route that makes none: " + event);
        }

        @Override
        public CompletableFuture<Void> accept(DeviceEvent event, DeviceChange change) {
            throw new AssertionError("an event from a route that makes none: " + event);
        }

        @Override
        public String nextId() {
            throw new AssertionError("an event id from a route that makes none");
        }

        @Override
        public boolean online(DeviceId device) {
            return false;
        }

        @Override
        public void seen(DeviceId device, Instant at) {
        }
    };
}
