package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.stream.SecretHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An enterprise back end on the JDK's TLS client receives the events of real Jovision and VStarcam device
 * traffic, within its prefetch window, and gets exactly its unacknowledged events again after a reconnect
 * and after a kill -9 of the server.
 */
class EnterpriseStreamIT {

    private static final String SECRET = "c7c9e01549004b96a8612a0ed6";
    private static final String HASH = SecretHash.of(SECRET).encoded();

    @TempDir
    Path dir;

    private ServerProcess server() {
        return new ServerProcess(dir)
                .with("stream", "alarm-clear-after: 1h")
                .with("enterprises", "- {id: acme, secret-hash: '" + HASH + "', vendors: [jovision, vstarcam]}");
    }

    private static String alarm(int mid) {
        return "{\"mt\":2219,\"lpt\":9,\"pv\":\"1.0\",\"mid\":" + mid + ",\"dguid\":\"S35084741\",\"ats\":"
                + (1_700_000_000 + mid) + ",\"dcn\":1,\"atype\":7}\r\n";
    }

    @Test
    void deviceEventsArriveWithinThePrefetchWindowAndTheUnackedComeBackAfterAReconnectAndAKill() throws Exception {
        List<Long> unacked = new ArrayList<>();
        try (ServerProcess first = server().start(); LineClient camera = new LineClient(first.jovision)) {
            try (StreamClient acme = new StreamClient(first)) {
                assertThat(acme.protocol()).isEqualTo("TLSv1.3");
                assertThat(acme.login("acme", SECRET, 2).toString())
                        .isEqualTo("{\"cmd\":\"enterprise_login_res\",\"data\":{\"result\":true,\"msg\":\"ok\"}}");
                for (int mid = 1; mid <= 4; mid++) {
                    camera.write(alarm(mid));
                    assertThat(camera.readLine()).contains("\"rt\":0");
                }
                assertThat(Curl.json("http://127.0.0.1:" + first.vstarcam + "/vstarcam/heartbeat",
                        "{\"vuid\":\"VC0000000ABCD\"}")).contains("\"200\"");

                // The camera spoke first with an alarm: it is announced online before it.
                JsonNode hello = acme.read();
                assertThat(hello.get("event_type").asText()).isEqualTo("device_online");
                assertThat(hello.get("product_key").asText()).isEqualTo("jovision");
                JsonNode one = acme.read();
                acme.ack(hello);
                JsonNode two = acme.read();
                assertThat(acme.readWithin(700)).as("a third event beyond prefetch 2").isEmpty();
                for (JsonNode event : new JsonNode[] {one, two}) {
                    assertThat(event.get("cmd").asText()).isEqualTo("enterprise_event_push");
                    assertThat(event.get("delivery_id").isIntegralNumber()).isTrue();
                    assertThat(event.get("event_type").asText()).isEqualTo("attr_alert");
                    assertThat(event.get("product_key").asText()).isEqualTo("jovision");
                    assertThat(event.get("did").asText()).isEqualTo("S35084741");
                    assertThat(event.at("/data/value").asInt()).isEqualTo(1);
                }
                acme.ack(one);
                JsonNode three = acme.read();
                assertThat(three.get("delivery_id").asLong()).isGreaterThan(two.get("delivery_id").asLong());
                unacked.add(two.get("delivery_id").asLong());
                unacked.add(three.get("delivery_id").asLong());
            }
            try (StreamClient again = new StreamClient(first)) {
                again.login("acme", SECRET, 10);
                List<Long> redelivered = new ArrayList<>();
                JsonNode event = null;
                for (int i = 0; i < 4; i++) {
                    event = again.read();
                    redelivered.add(event.get("delivery_id").asLong());
                }
                assertThat(redelivered.subList(0, 2)).containsExactlyElementsOf(unacked);
                assertThat(event.get("event_type").asText()).isEqualTo("device_online");
                assertThat(event.get("product_key").asText()).isEqualTo("vstarcam");
                unacked.clear();
                unacked.addAll(redelivered);
                again.send("{\"cmd\":\"enterprise_ping\"}");
                assertThat(again.read().toString()).isEqualTo("{\"cmd\":\"enterprise_pong\"}");
            }
            first.kill();
        }
        try (ServerProcess second = server().start(); StreamClient after = new StreamClient(second)) {
            after.login("acme", SECRET, 10);
            List<Long> survived = new ArrayList<>();
            for (int i = 0; i < unacked.size(); i++) {
                JsonNode event = after.read();
                survived.add(event.get("delivery_id").asLong());
                after.ack(event);
            }
            assertThat(survived).containsExactlyElementsOf(unacked);
            assertThat(after.readWithin(700)).isEmpty();
        }
    }

    @Test
    void aVStarcamAlarmIsRaisedWithThePictureUrlThatThePushCarries() throws Exception {
        Path picture = dir.resolve("snapshot.jpg");
        Files.write(picture, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9});
        try (ServerProcess server = server().start(); StreamClient acme = new StreamClient(server)) {
            acme.login("acme", SECRET, 10);
            assertThat(Curl.form("http://127.0.0.1:" + server.vstarcam + "/vstarcam/alarm",
                    "vuid=VC0000000ABCD", "type=18", "picture=@" + picture)).contains("\"200\"");

            assertThat(acme.read().get("event_type").asText()).as("announced first").isEqualTo("device_online");
            JsonNode raise = acme.read();
            assertThat(raise.get("event_type").asText()).isEqualTo("attr_alert");
            assertThat(raise.at("/data/attr_name").asText()).isEqualTo("motion");
            assertThat(raise.at("/data/media/0/kind").asText()).isEqualTo("picture");
            assertThat(raise.at("/data/media/0/url").asText()).contains("/media/").contains("sig=");
        }
    }

    @Test
    void aWrongSecretABadPrefetchAndGarbageGetTheSeedsAnswers() throws Exception {
        try (ServerProcess server = server().start()) {
            try (StreamClient wrong = new StreamClient(server)) {
                JsonNode refused = wrong.login("acme", "not-the-secret", 5);
                assertThat(refused.at("/cmd").asText()).isEqualTo("enterprise_login_res");
                assertThat(refused.at("/data/result").asBoolean()).isFalse();
                assertThat(wrong.closedByServer()).isTrue();
            }
            for (int prefetch : new int[] {0, 32768}) {
                try (StreamClient greedy = new StreamClient(server)) {
                    JsonNode refused = greedy.login("acme", SECRET, prefetch);
                    assertThat(refused.at("/data/result").asBoolean()).isFalse();
                    assertThat(refused.at("/data/msg").asText()).contains("32767");
                    assertThat(greedy.closedByServer()).isTrue();
                }
            }
            try (StreamClient client = new StreamClient(server)) {
                client.login("acme", SECRET, 5);
                client.send("this is not json");
                assertThat(client.read().get("cmd").asText()).isEqualTo("invalid_msg");
                client.send("{\"cmd\":\"enterprise_dance\"}");
                assertThat(client.read().get("cmd").asText()).isEqualTo("invalid_msg");
                client.send("{\"cmd\":\"enterprise_ping\"}");
                assertThat(client.read().toString()).isEqualTo("{\"cmd\":\"enterprise_pong\"}");
            }
        }
    }
}
