package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.server.HedgwCamera;
import io.alarmhub.server.HedgwCameraReports;
import io.alarmhub.server.HemuCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.alarmhub.server.it.HemuFixture.DEVICE;
import static io.alarmhub.server.it.HemuFixture.MAC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registered Hemu camera, logged in to the packaged server's HEDGW, reports people counts, its daily
 * statistics, a change of resolution and a panorama: its owner's app (PushServer, TCP) gets the counts, the
 * resolution and the panorama as status events, the panorama's pictures are served byte for byte at the URLs
 * the event gives, the owner's back end reads the counts and statistics over REST (another alias gets 404), and
 * {@code /metrics} sums the statistics up.
 */
class HemuReportsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aCamerasReportsReachItsOwnerTheRestRoutesAndTheMetrics() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).start();
             LineClient app = new LineClient(server.tcp)) {
            RestClient rest = new RestClient(server.rest);
            HemuCamera.Walk walk = HemuFixture.camera(server, DEVICE, MAC).walk("13888888888",
                    HemuFixture.grant(rest, "alice", "13888888888").get("userToken").asText());
            assertThat(walk.complete()).as(walk.toString()).isTrue();
            app.send("{\"t\":14,\"alias\":\"alice\"}");
            assertThat(app.read().get("t").asInt()).isEqualTo(-14);
            skip(app, 2); // the registration and the status the walk reported

            try (HedgwCamera gateway = HedgwCamera.connect("127.0.0.1", Integer.parseInt(walk.serverPort().orElseThrow()),
                    HemuFixture.certificate(server), Duration.ofSeconds(10))) {
                assertThat(gateway.login(HedgwCamera.LoginParameters.builder().accessKey("acme")
                        .accessSecret(HemuFixture.ACME_SECRET).userName("13888888888")
                        .deviceToken(walk.deviceToken().orElseThrow()).unifiedId(walk.unifiedId().orElseThrow())
                        .deviceMac(MAC).deviceId(DEVICE).build()).getResult()).isZero();
                assertThat(event(app).get("event").asText()).isEqualTo("online");
                HedgwCameraReports reports = new HedgwCameraReports(gateway, DEVICE, Clock.systemUTC());

                peopleCounts(app, rest, reports, server);
                statistics(rest, reports, server);

                reports.resolution("1280x720");
                JsonNode resolution = event(app);
                assertThat(resolution.get("event").asText()).isEqualTo("status");
                assertThat(resolution.get("values")).isEqualTo(JSON.readTree(
                        "{\"resolution\":\"1280x720\",\"width\":\"1280\",\"height\":\"720\"}"));

                panorama(app, reports, server);
            }
        }
    }

    private static void peopleCounts(LineClient app, RestClient rest, HedgwCameraReports reports, ServerProcess server)
            throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        int[][] counts = {{3, 1}, {0, 2}, {5, 5}};
        for (int i = 0; i < counts.length; i++) {
            reports.peopleCount(start.plusSeconds(600L * i), start.plusSeconds(600L * (i + 1)), counts[i][0],
                    counts[i][1]);
        }
        for (int[] count : counts) {
            JsonNode status = event(app);
            assertThat(status.get("values").get("people_up").asInt()).isEqualTo(count[0]);
            assertThat(status.get("values").get("people_down").asInt()).isEqualTo(count[1]);
        }

        JsonNode read = get(rest, server, "people", Map.of("alias", "alice", "from", start.toString(), "limit", "2"));
        assertThat(read.get("counts")).hasSize(2);
        assertThat(read.get("counts").get(0).get("start").asText()).isEqualTo(start.toString());
        assertThat(read.get("counts").get(0).get("up").asInt()).isEqualTo(3);
        assertThat(read.get("total")).isEqualTo(JSON.readTree("{\"up\":8,\"down\":8,\"counts\":3}"));
        assertThat(read.get("next").asText()).isEqualTo(start.plusSeconds(1200).toString());

        HttpResponse<String> bob = request(rest, server, "people", Map.of("alias", "bob"));
        assertThat(bob.statusCode()).as(bob.body()).isEqualTo(404);
    }

    private static void statistics(RestClient rest, HedgwCameraReports reports, ServerProcess server)
            throws Exception {
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        long startTime = yesterday.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(1800).toEpochMilli();
        reports.statistics("{\"startTime\":" + startTime + ",\"endTime\":" + (startTime + 86_400_000L)
                + ",\"totalSize\":2333,\"totalVideoFrames\":200000,\"dropVideoFrames\":23445,"
                + "\"totalAudioFrames\":190000,\"dropAudioFrames\":1000,\"onlineDuration\":36000,"
                + "\"disconnectTimes\":10,\"rebootTimes\":2,\"delay\":500,\"openApiFailureTimes\":0,"
                + "\"assignHedgwIpTimes\":5,\"selfDefine\":{\"fw\":\"1.2.3\"}}");
        assertThat(Scrape.await(server, 10_000, v -> v == 1, "alarmhub_hemu_statistics_total", "result=\"stored\""))
                .isEqualTo(1);

        JsonNode read = get(rest, server, "statistics", Map.of("alias", "alice"));
        assertThat(read.get("days")).hasSize(1);
        assertThat(read.get("days").get(0).get("day").asText()).isEqualTo(yesterday.toString());
        JsonNode kept = read.get("days").get(0).get("statistics");
        assertThat(kept.get("startTime").asLong()).isEqualTo(startTime);
        assertThat(kept.get("dropVideoFrames").asLong()).isEqualTo(23445);
        assertThat(kept.get("selfDefine").get("fw").asText()).isEqualTo("1.2.3");

        assertThat(Scrape.value(server, "alarmhub_hemu_camera_frames_total", "media=\"video\"", "frames=\"dropped\""))
                .isEqualTo(23445);
        assertThat(Scrape.value(server, "alarmhub_hemu_camera_frames_total", "media=\"audio\"", "frames=\"total\""))
                .isEqualTo(190000);
        assertThat(Scrape.value(server, "alarmhub_hemu_camera_incidents_total", "kind=\"reboot\"")).isEqualTo(2);
        assertThat(Scrape.value(server, "alarmhub_hemu_camera_online_seconds_total")).isEqualTo(36000);
        assertThat(Scrape.value(server, "alarmhub_hemu_camera_delay_milliseconds_count")).isEqualTo(1);
        assertThat(Scrape.value(server, "alarmhub_hemu_camera_delay_milliseconds_bucket", "le=\"500.0\""))
                .isEqualTo(1);
        assertThat(Scrape.value(server, "alarmhub_hemu_camera_delay_milliseconds_bucket", "le=\"200.0\""))
                .isZero();
    }

    private static void panorama(LineClient app, HedgwCameraReports reports, ServerProcess server) throws Exception {
        List<byte[]> pictures = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            byte[] picture = new byte[2000 + n];
            picture[0] = (byte) 0xFF;
            picture[1] = (byte) 0xD8;
            for (int i = 2; i < picture.length; i++) {
                picture[i] = (byte) (i * n);
            }
            pictures.add(picture);
        }
        reports.panorama("app-7", pictures);

        JsonNode panorama = event(app);
        assertThat(panorama.get("event").asText()).isEqualTo("status");
        assertThat(panorama.get("values").get("panorama").asText()).isEqualTo("3");
        assertThat(panorama.get("values").get("app").asText()).isEqualTo("app-7");
        for (int n = 1; n <= 3; n++) {
            URI url = URI.create(panorama.get("values").get("picture_" + n).asText());
            HttpResponse<byte[]> picture = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.media + url.getRawPath() + "?" + url.getRawQuery())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(picture.statusCode()).isEqualTo(200);
            assertThat(picture.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(picture.body()).isEqualTo(pictures.get(n - 1));
        }
        assertThat(Scrape.value(server, "alarmhub_hemu_panoramas_total", "result=\"pushed\"")).isEqualTo(1);
    }

    /** The next event pushed to the app, acknowledged. */
    private static JsonNode event(LineClient app) throws Exception {
        JsonNode push = app.read();
        app.send("{\"t\":-5,\"mid\":\"" + push.get("mid").asText() + "\"}");
        return push.get("msg");
    }

    private static void skip(LineClient app, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            event(app);
        }
    }

    private static JsonNode get(RestClient rest, ServerProcess server, String route, Map<String, String> query)
            throws Exception {
        HttpResponse<String> response = request(rest, server, route, query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> request(RestClient rest, ServerProcess server, String route,
                                                Map<String, String> query) throws Exception {
        String parameters = new LinkedHashMap<>(query).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.rest + "/hemu/" + route
                + "/" + DEVICE + "/" + rest.token() + "?" + parameters)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
