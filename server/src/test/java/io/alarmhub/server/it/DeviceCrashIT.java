package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Alarms a device was told "ok" for survive a SIGKILL of the server and reach their watcher afterwards. */
class DeviceCrashIT {

    private static final String DEVICES = "devices:\n  known:\n"
            + "    - {vendor: jovision, id: S35084741, owners: [bob]}\n";

    @TempDir
    Path dir;

    @Test
    void jovisionAlarmsAnsweredOkAreDeliveredAfterAKill() throws Exception {
        List<Integer> acknowledged = new ArrayList<>();
        try (ServerProcess first = new ServerProcess(dir, DEVICES).start();
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

        try (ServerProcess second = new ServerProcess(dir, DEVICES).start(); LineClient bob = new LineClient(second.tcp)) {
            bob.send("{\"t\":14,\"alias\":\"bob\"}");
            bob.read();
            List<Integer> delivered = new ArrayList<>();
            for (int i = 0; i < acknowledged.size(); i++) {
                JsonNode alarm = bob.read().get("msg");
                assertThat(alarm.get("event").asText()).isEqualTo("alarm");
                delivered.add(alarm.get("raw").get("mid").asInt());
            }
            assertThat(delivered).containsExactlyElementsOf(acknowledged);
        }
    }
}
