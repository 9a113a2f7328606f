package io.alarmhub.server.it;

import io.alarmhub.store.SmallFileSystem;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server with its data directory on a tmpfs of a few megabytes that a filler file fills: every face
 * refuses what it cannot store with its own failure answer, nothing answered ok is lost, the cause is
 * logged once rather than per request, and once the filler is deleted everything is accepted again
 * without a restart.
 */
class DiskFullIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private final Set<String> accepted = new HashSet<>();
    private int next;

    @Test
    void refusesWhatItCannotStoreLosesNothingItAcceptedAndRecoversWhenSpaceIsFreed() throws Exception {
        Path picture = dir.resolve("alarm.jpg");
        byte[] bytes = new byte[512 * 1024];
        new Random(7).nextBytes(bytes);
        Files.write(picture, bytes);
        try (SmallFileSystem disk = SmallFileSystem.mount(dir.resolve("disk"), "8m")) {
            Path filler = disk.dir.resolve("filler");
            ServerProcess server = new ServerProcess(disk.dir).with("devices", "known:",
                    "  - {vendor: jovision, id: S35084741, name: Front door, owners: [alice]}",
                    "  - {vendor: vstarcam, id: VC0000000ABCD, name: Garden, owners: [alice]}");
            try (ServerProcess running = server.start();
                 LineClient tcp = new LineClient(running.tcp);
                 LineClient camera = new LineClient(running.jovision)) {
                RestClient rest = new RestClient(running.rest);
                String vstarcam = "http://127.0.0.1:" + running.vstarcam + "/vstarcam/";
                camera.write("@#1$6{\"mt\":2201,\"lpt\":9,\"pv\":\"1.0\",\"mid\":1,\"dguid\":\"S35084741\"}\r\n");
                assertThat(camera.readLine()).contains("\"rt\":0");
                assertThat(Curl.json(vstarcam + "heartbeat", "{\"vuid\":\"VC0000000ABCD\"}")).contains("\"200\"");
                for (int i = 0; i < 5; i++) {
                    assertThat(restPublish(rest)).isEqualTo(200);
                }

                disk.fill(filler);
                // SQLite may still have room in pages it holds: what it takes meanwhile is ok'd and kept.
                await().atMost(WAIT).until(() -> restPublish(rest) == 503);
                for (int i = 0; i < 20; i++) {
                    assertThat(restPublish(rest)).isIn(200, 503);
                }
                await().atMost(WAIT).until(() -> tcpPublish(tcp).has("error"));
                assertThat(tcpPublish(tcp).get("error").asText()).isEqualTo("storage unavailable, try again");
                await().atMost(WAIT).until(() -> jovisionAlarm(camera).contains("\"rt\":-1"));
                assertThat(Curl.form(vstarcam + "alarm", "vuid=VC0000000ABCD", "type=0x12", "picture=@" + picture))
                        .isEqualTo("{\"code\":\"503\",\"message\":\"storage unavailable\"}");
                assertThat(files(disk.dir.resolve("data/uploads"))).as("partial uploads left").isEmpty();
                assertThat(files(disk.dir.resolve("data/media"))).as("media kept").isEmpty();

                assertThat(Scrape.value(running, "alarmhub_store_write_failures_total", "reason=\"disk_full\""))
                        .isGreaterThanOrEqualTo(20);
                String log = running.output();
                assertThat(log).contains("disk full");
                // Two at most: a minute may turn while the test refuses.
                assertThat(count(log, "rest: store failure")).isBetween(1, 2);
                assertThat(count(log, "failed (disk full) and was rolled back")).isBetween(1, 2);

                Files.delete(filler);
                await().atMost(WAIT).until(() -> restPublish(rest) == 200);
                assertThat(tcpPublish(tcp).get("t").asInt()).isEqualTo(-6);
                assertThat(jovisionAlarm(camera)).contains("\"rt\":0");
                assertThat(Curl.form(vstarcam + "alarm", "vuid=VC0000000ABCD", "type=0x12", "picture=@" + picture))
                        .isEqualTo("{\"code\":\"200\",\"message\":\"Success\"}");
                running.kill();
            }
            assertThat(storedPayloads(disk.dir.resolve("data/alarmhub.db"))).containsAll(accepted);
            try (ServerProcess restarted = server.restarted().start()) {
                assertThat(restPublish(new RestClient(restarted.rest))).isEqualTo(200);
            }
        }
    }

    /** A REST publish; its payload is remembered as accepted when answered 200. */
    private int restPublish(RestClient rest) throws IOException, InterruptedException {
        String payload = "{\"n\":\"rest-" + next++ + "\",\"pad\":\"" + "x".repeat(2000) + "\"}";
        HttpResponse<String> response = rest.tryPublishToAlias("bob", payload, 3600);
        if (response.statusCode() == 200) {
            accepted.add(payload);
        }
        return response.statusCode();
    }

    /** A PushServer publish, answered; its payload is remembered as accepted when answered t:-6. */
    private JsonNode tcpPublish(LineClient tcp) throws IOException {
        int num = next++;
        String payload = "{\"n\":\"tcp-" + num + "\",\"pad\":\"" + "x".repeat(2000) + "\"}";
        tcp.send("{\"t\":6,\"method\":\"publish_to_alias\",\"alias\":[\"bob\"],\"msg\":" + payload
                + ",\"opts\":{\"time_to_live\":3600},\"num\":" + num + "}");
        JsonNode answer = tcp.read();
        assertThat(answer.get("num").asInt()).isEqualTo(num);
        if (answer.get("t").asInt() == -6) {
            accepted.add(payload);
        }
        return answer;
    }

    /** A Jovision cloud alarm; the device's answer line. */
    private String jovisionAlarm(LineClient camera) throws IOException {
        int mid = 100 + next++;
        camera.write("{\"mt\":2219,\"lpt\":9,\"pv\":\"1.0\",\"mid\":" + mid + ",\"dguid\":\"S35084741\",\"ats\":"
                + (1_700_000_000L + mid) + ",\"dcn\":1,\"atype\":7,\"apic\":\"" + mid + ".jpg\"}\r\n");
        String answer = camera.readLine();
        assertThat(answer).contains("\"mid\":" + mid);
        return answer;
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private static Set<String> storedPayloads(Path sqliteFile) throws Exception {
        Set<String> payloads = new HashSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile);
             Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT payload FROM message")) {
            while (rows.next()) {
                payloads.add(rows.getString(1));
            }
        }
        return payloads;
    }
}
