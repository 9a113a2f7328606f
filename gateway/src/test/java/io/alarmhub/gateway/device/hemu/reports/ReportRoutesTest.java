package io.alarmhub.gateway.device.hemu.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.store.DayReport;
import io.alarmhub.core.store.PeopleCount;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.app.HemuAppApi;
import io.alarmhub.gateway.device.hemu.platform.Registration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.ACME;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.KEY;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code /hemu/people/…} and {@code /hemu/statistics/…} through the Hemu app API, on a real store. */
class ReportRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String DEVICE = "110234567894562";
    private static final String MAC = "2059a074e0bc";
    private static final DeviceId CAMERA = new DeviceId("hemu", DEVICE);

    @TempDir
    Path dir;
    private HemuOnSqlite platform;
    private HemuAppApi api;

    @BeforeEach
    void open() {
        platform = HemuOnSqlite.open(dir, NOW, 10);
        register("alice", "13888888888");
        api = new HemuAppApi(platform.accounts, () -> "https://cams.example.test:8443", Set.of());
        ReportRoutes routes = new ReportRoutes(platform.directory, platform.store, platform.clock);
        ReportRoutes.names().forEach(name -> api.registerRoute(name, routes));
    }

    private void register(String alias, String mobile) {
        String userToken = platform.accounts.grant(alias, mobile).join().userToken();
        platform.cameras.register(ACME, new Registration(KEY, DEVICE, MAC, MODEL, mobile, userToken, "3RD-X01", 17,
                Optional.empty(), Optional.empty())).join();
    }

    @AfterEach
    void close() {
        platform.close();
    }

    @Test
    void theOwnerReadsTheCountsOfARangeWithItsTotalsPageByPage() throws Exception {
        Instant start = NOW.minus(Duration.ofHours(2));
        for (int i = 0; i < 5; i++) {
            count(start.plusSeconds(600L * i), i + 1, 2 * i, i == 4);
        }

        JsonNode all = ok(get("people", "alias", "alice"));
        assertThat(all.get("deviceId").asText()).isEqualTo(DEVICE);
        assertThat(all.get("from").asText()).as("the last day by default").isEqualTo("2026-12-06T10:00:00Z");
        assertThat(all.get("to").asText()).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(all.get("counts")).hasSize(5);
        assertThat(all.get("counts").get(0)).isEqualTo(JSON.readTree(
                "{\"start\":\"2026-12-07T08:00:00Z\",\"stop\":\"2026-12-07T08:10:00Z\",\"up\":1,\"down\":0}"));
        assertThat(all.get("counts").get(4).get("delayed").asBoolean()).isTrue();
        assertThat(all.get("total")).isEqualTo(JSON.readTree("{\"up\":15,\"down\":20,\"counts\":5}"));
        assertThat(all.has("next")).isFalse();

        JsonNode first = ok(get("people", "alias", "alice", "from", "2026-12-07T08:00:00Z",
                "to", Long.toString(NOW.getEpochSecond()), "limit", "2"));
        assertThat(first.get("counts")).hasSize(2);
        assertThat(first.get("total").get("up").asLong()).as("the whole range's").isEqualTo(15);
        assertThat(first.get("next").asText()).isEqualTo("2026-12-07T08:20:00Z");
        JsonNode second = ok(get("people", "alias", "alice", "from", first.get("next").asText(), "limit", "2"));
        assertThat(second.get("counts").get(0).get("up").asInt()).isEqualTo(3);

        JsonNode offset = ok(get("people", "alias", "alice", "from", "2026-12-07T16:20:00+08:00",
                "to", "2026-12-07T08:40:00Z"));
        assertThat(offset.get("counts")).as("an offset is a time like any other").hasSize(2);
    }

    @Test
    void theOwnerReadsTheStatisticsOfItsDays() throws Exception {
        for (int day = 1; day <= 6; day++) {
            DailyStatistics statistics = DailyStatistics.read(JSON.createObjectNode()
                    .put("startTime", LocalDate.of(2026, 12, day).atStartOfDay().toInstant(ZoneOffset.UTC)
                            .plusSeconds(3600).toEpochMilli())
                    .put("endTime", LocalDate.of(2026, 12, day + 1).atStartOfDay()
                            .toInstant(ZoneOffset.UTC).toEpochMilli())
                    .put("rebootTimes", day), NOW);
            CompletableFuture<Boolean> stored = new CompletableFuture<>();
            platform.store.submit(new StoreOp.PutDayReport(new DayReport(CAMERA, statistics.day(),
                    statistics.json().toString(), NOW), stored));
            stored.join();
        }

        JsonNode all = ok(get("statistics", "alias", "alice"));
        assertThat(all.get("from").asText()).as("the last 30 days by default").isEqualTo("2026-11-08");
        assertThat(all.get("to").asText()).isEqualTo("2026-12-07");
        assertThat(all.get("days")).hasSize(6);
        JsonNode first = all.get("days").get(0);
        assertThat(first.get("day").asText()).isEqualTo("2026-12-01");
        assertThat(first.get("received").asText()).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(first.get("statistics").get("rebootTimes").asInt()).isEqualTo(1);
        assertThat(first.get("statistics").get("startTime").asLong()).isEqualTo(1_796_086_800_000L);

        JsonNode page = ok(get("statistics", "alias", "alice", "from", "2026-12-02", "to", "2026-12-05", "limit", "3"));
        assertThat(page.get("days")).extracting(d -> d.get("day").asText())
                .containsExactly("2026-12-02", "2026-12-03", "2026-12-04");
        assertThat(page.get("next").asText()).isEqualTo("2026-12-05");
    }

    @Test
    void onlyTheOwnersAliasReadsAndAnyOtherIsAsIfThereWereNoCamera() throws Exception {
        AppAnswer other = get("people", "alias", "bob");
        assertThat(other.status()).isEqualTo(404);
        assertThat(json(other).get("error").asText()).isEqualTo("no camera " + DEVICE + " of bob");
        assertThat(api.answer(request("GET", List.of("statistics", "110234567894569"), Map.of("alias", "alice")))
                .get().status()).isEqualTo(404);
        assertThat(api.answer(request("POST", List.of("people", DEVICE), Map.of("alias", "alice"))).get().status())
                .isEqualTo(404);
    }

    @Test
    void badQueriesAreRefusedSayingWhichParameter() throws Exception {
        for (List<String> c : List.of(
                List.of("people", "", "alias"),
                List.of("people", "alias=a b", "alias"),
                List.of("people", "alias=alice&from=yesterday", "from"),
                List.of("people", "alias=alice&from=1999-12-31T23:59:59Z", "from"),
                List.of("people", "alias=alice&from=2026-12-07T10:00:00Z&to=2026-12-07T10:00:00Z", "from"),
                List.of("people", "alias=alice&limit=0", "limit"),
                List.of("people", "alias=alice&limit=1001", "limit"),
                List.of("statistics", "alias=alice&from=2026-12-7", "from"),
                List.of("statistics", "alias=alice&to=2026-02-30", "to"),
                List.of("statistics", "alias=alice&from=2026-12-07&to=2026-12-06", "from"),
                List.of("statistics", "alias=alice&limit=367", "limit"))) {
            Map<String, String> query = new LinkedHashMap<>();
            for (String pair : c.get(1).split("&")) {
                if (!pair.isEmpty()) {
                    query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            AppAnswer answer = api.answer(request("GET", List.of(c.get(0), DEVICE), query)).get();
            assertThat(answer.status()).as(c.toString()).isEqualTo(400);
            assertThat(answer.fault()).contains("query");
            assertThat(json(answer).get("error").asText()).as(c.toString()).startsWith(c.get(2) + ":");
        }
        AppAnswer badId = api.answer(request("GET", List.of("people", "12345"), Map.of("alias", "alice"))).get();
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.route()).isEqualTo("hemu_people");
    }

    @Test
    void whatACameraReportedGoesWithItWhenItsOwnerUnbindsIt() throws Exception {
        count(NOW.minusSeconds(3600), 4, 4, false);
        platform.accounts.unbind("alice", DEVICE).join();
        register("bob", "13999999999");

        JsonNode bobs = ok(get("people", "alias", "bob"));
        assertThat(bobs.get("counts")).isEmpty();
        assertThat(bobs.get("total").get("counts").asInt()).isZero();
        assertThat(get("people", "alias", "alice").status()).isEqualTo(404);
    }

    @Test
    void aRouteIsRegisteredOnceAndNeverInPlaceOfTheApisOwn() {
        assertThatThrownBy(() -> api.registerRoute("people", request -> null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> api.registerRoute("cameras", request -> null)).isInstanceOf(IllegalStateException.class);
    }

    private void count(Instant start, int up, int down, boolean delayed) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        platform.store.submit(new StoreOp.PutPeopleCount(new PeopleCount(CAMERA, start, start.plusSeconds(600), up,
                down, delayed, start.plusSeconds(600)), stored));
        stored.join();
    }

    private AppAnswer get(String route, String... query) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < query.length; i += 2) {
            parameters.put(query[i], query[i + 1]);
        }
        return api.answer(request("GET", List.of(route, DEVICE), parameters)).get();
    }

    private static AppRequest request(String method, List<String> path, Map<String, String> query) {
        return new AppRequest(method, path, query, "", "app");
    }

    private static JsonNode ok(AppAnswer answer) throws Exception {
        assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return json(answer);
    }

    private static JsonNode json(AppAnswer answer) throws Exception {
        return JSON.readTree(answer.body());
    }
}
