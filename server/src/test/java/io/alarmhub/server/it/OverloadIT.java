package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged server admitting one new event at a time ({@code admission.max-in-flight: 1}): devices that send
 * many alarms at once have those past the first answered {@code rt:-1} at once, every alarm answered {@code rt:0}
 * and none answered {@code rt:-1} reaches the owner, the refusals are counted, and once the burst is over the
 * next alarm is taken.
 */
class OverloadIT {

    private static final int DEVICES = 4;
    /** Alarms each device writes in one go: as many as a connection may have unanswered. */
    private static final int ALARMS = 64;

    @TempDir
    Path dir;

    @Test
    void pastCapacityAlarmsAreRefusedAtOnceAndOnlyTheAcceptedAreDelivered() throws Exception {
        ServerProcess configured = new ServerProcess(dir).with("admission", "max-in-flight: 1");
        List<String> known = new ArrayList<>(List.of("known:"));
        for (int d = 0; d < DEVICES; d++) {
            known.add("  - {vendor: jovision, id: " + device(d) + ", owners: [alice]}");
        }
        configured.with("devices", known.toArray(String[]::new));
        try (ServerProcess server = configured.start()) {
            List<LineClient> devices = new ArrayList<>();
            try {
                for (int d = 0; d < DEVICES; d++) {
                    devices.add(new LineClient(server.jovision));
                }
                for (int d = 0; d < DEVICES; d++) {
                    StringBuilder burst = new StringBuilder();
                    for (int mid = 1; mid <= ALARMS; mid++) {
                        burst.append(alarm(d, mid));
                    }
                    devices.get(d).write(burst.toString());
                }
                Set<String> taken = new HashSet<>();
                int refused = 0;
                for (int d = 0; d < DEVICES; d++) {
                    for (int mid = 1; mid <= ALARMS; mid++) {
                        JsonNode reply = devices.get(d).read();
                        assertThat(reply.get("mid").asInt()).as("replies in request order").isEqualTo(mid);
                        int rt = reply.get("rt").asInt();
                        assertThat(rt).isIn(0, -1);
                        if (rt == 0) {
                            taken.add(device(d) + "/" + mid);
                        } else {
                            refused++;
                        }
                    }
                }
                assertThat(taken).as("the first of a burst at least").isNotEmpty();
                assertThat(refused).as("a burst of %d alarms with room for one", DEVICES * ALARMS).isPositive();
                assertThat(Scrape.value(server, "alarmhub_admission_refused_total", "source=\"jovision\"",
                        "reason=\"in_flight\"")).isEqualTo(refused);

                assertThat(delivered(server)).as("the owner gets exactly the alarms answered rt:0")
                        .isEqualTo(taken);

                await().atMost(Duration.ofSeconds(10))
                        .until(() -> Scrape.value(server, "alarmhub_admission_in_flight") == 0);
                devices.get(0).write(alarm(0, ALARMS + 1));
                assertThat(devices.get(0).read().get("rt").asInt()).as("taken again after the burst").isZero();
            } finally {
                for (LineClient device : devices) {
                    device.close();
                }
            }
        }
    }

    /** The alarms pending for the owner, by device and mid, as a pull lists them. */
    private static Set<String> delivered(ServerProcess server) throws Exception {
        try (LineClient app = new LineClient(server.tcp)) {
            app.send("{\"t\":14,\"alias\":\"alice\"}");
            app.send("{\"t\":4,\"num\":\"pull\"}");
            JsonNode pulled;
            do {
                pulled = app.read();
            } while (pulled.get("t").asInt() != -4);
            Set<String> alarms = new HashSet<>();
            for (JsonNode msg : pulled.get("msg")) {
                if (msg.get("event").asText().equals("alarm")) {
                    alarms.add(msg.get("device").asText() + "/" + msg.at("/raw/mid").asInt());
                }
            }
            return alarms;
        }
    }

    private static String device(int d) {
        return "S9000000" + d;
    }

    private static String alarm(int d, int mid) {
        return "{\"mt\":2219,\"lpt\":9,\"pv\":\"1.0\",\"mid\":" + mid + ",\"dguid\":\"" + device(d) + "\",\"ats\":"
                + (1_700_000_000 + mid) + ",\"dcn\":1,\"atype\":7}\r\n";
    }
}
