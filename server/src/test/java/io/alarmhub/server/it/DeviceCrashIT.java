package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Alarms a device was told "ok" for survive a SIGKILL of the server and reach their watcher afterwards. */
class DeviceCrashIT {

    private ServerProcess server() {
        return new ServerProcess(dir).with("devices", "known:", "  - {vendor: jovision, id: S35084741, owners: [bob]}",
                "  - {vendor: vstarcam, id: VC0000000ABCD, owners: [carol]}");
    }

    @TempDir
    Path dir;

    @Test
    void jovisionAlarmsAnsweredOkAreDeliveredAfterAKill() throws Exception {
        List<Integer> acknowledged = new ArrayList<>();
        try (ServerProcess first = server().start();
             LineClient camera = new LineClient(first.jovision)) {
            for (int mid = 1; mid <= 20; mid++) {
                camera.write("{\"mt\":2219,\"lpt\":9,\"pv\":\"1.0\",\"mid\":" + mid + ",\"dguid\":\"S35084741\","
                        + "\"ats\":" + (1_700_000_000 + mid) + ",\"dcn\":1,\"atype\":7}\r\n");
            }
            for (int i = 0; i < 20; i++) {
                JsonNode reply = JsonLines.parse(camera.readLine());
                if (reply.get("rt").asInt() == 0) {
                    acknowledged.add(reply.get("mid").asInt());
                }
            }
            first.kill();
        }
        assertThat(acknowledged).hasSize(20);

        try (ServerProcess second = server().start(); LineClient bob = new LineClient(second.tcp)) {
            bob.send("{\"t\":14,\"alias\":\"bob\"}");
            bob.read();
            // The camera spoke first with an alarm: it was announced online before it.
            assertThat(bob.read().get("msg").get("event").asText()).isEqualTo("online");
            List<Integer> delivered = new ArrayList<>();
            for (int i = 0; i < acknowledged.size(); i++) {
                JsonNode alarm = bob.read().get("msg");
                assertThat(alarm.get("event").asText()).isEqualTo("alarm");
                delivered.add(alarm.get("raw").get("mid").asInt());
            }
            assertThat(delivered).containsExactlyElementsOf(acknowledged);
        }
    }

    @Test
    void aVStarcamAlarmAnsweredOkIsDeliveredAfterAKillWithAPictureThatStillOpens() throws Exception {
        byte[] picture = new byte[200_000];
        new java.util.Random(7).nextBytes(picture);
        Path file = dir.resolve("snapshot.jpg");
        Files.write(file, picture);
        try (ServerProcess first = server().start()) {
            String answer = Curl.form("http://127.0.0.1:" + first.vstarcam + "/vstarcam/alarm",
                    "vuid=VC0000000ABCD", "type=18", "picture=@" + file);
            assertThat(answer).isEqualTo("{\"code\":\"200\",\"message\":\"Success\"}");
            first.kill();
        }
        try (ServerProcess second = server().start(); LineClient carol = new LineClient(second.tcp)) {
            carol.send("{\"t\":14,\"alias\":\"carol\"}");
            carol.read();
            assertThat(carol.read().get("msg").get("event").asText()).isEqualTo("online");
            JsonNode alarm = carol.read().get("msg");
            assertThat(alarm.get("type").asText()).isEqualTo("motion");
            // The media port changed with the restart; the signed path and query still name the file.
            URI signed = URI.create(alarm.at("/media/0/url").asText());
            URI now = URI.create("http://127.0.0.1:" + second.media + signed.getRawPath() + "?" + signed.getRawQuery());
            HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(now).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo(picture);
        }
    }
}
