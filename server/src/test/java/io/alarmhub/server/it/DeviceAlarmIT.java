package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Device traffic, as the seeds give it, reaches an app connected over Socket.IO and over TCP: online,
 * alarms with their media, and offline.
 */
class DeviceAlarmIT {

    static final String DEVICES = String.join("\n",
            "devices:",
            "  known:",
            "    - {vendor: jovision, id: S35084741, name: Front door, owners: [alice]}",
            "    - {vendor: vstarcam, id: VC0000000ABCD, name: Garden, owners: [alice]}",
            "");

    @TempDir
    Path dir;

    @Test
    void aJovisionDeviceIsHeardOnEveryFaceOfItsOwner() throws Exception {
        try (ServerProcess server = new ServerProcess(dir, DEVICES).start();
             LineClient app = new LineClient(server.tcp);
             SocketIoApp phone = new SocketIoApp(server.socketIo, "alice");
             LineClient camera = new LineClient(server.jovision)) {
            app.send("{\"t\":14,\"alias\":\"alice\"}");
            assertThat(app.read().get("t").asInt()).isEqualTo(-14);
            assertThat(phone.next().get("event").asText()).isEqualTo("connect_c");

            camera.write("@#1$6{\"mt\":2201,\"lpt\":9,\"pv\":\"1.0\",\"mid\":1,\"dguid\":\"S35084741\",\"dname\":\"HD_IPC\"}\r\n");
            assertThat(camera.readLine()).isEqualTo("{\"mt\":2202,\"rt\":0,\"mid\":1,\"dguid\":\"S35084741\"}");
            assertThat(event(app.read())).isEqualTo("online");
            assertThat(event(phone.nextPush())).isEqualTo("online");

            camera.write("{\"mt\":2219,\"lpt\":9,\"pv\":\"1.0\",\"mid\":99,\"dguid\":\"S35084741\",\"ats\":1411626360,"
                    + "\"dname\":\"HD_IPC\",\"dcn\":1,\"atype\":9,\"apic\":\"100634.jpg\",\"avideo\":\"100634.mp4\"}\r\n");
            assertThat(camera.readLine())
                    .isEqualTo("{\"mt\":2220,\"rt\":0,\"mid\":99,\"dguid\":\"S35084741\",\"ats\":1411626360}");
            for (JsonNode push : new JsonNode[] {app.read(), phone.nextPush()}) {
                JsonNode alarm = push.get("msg");
                assertThat(alarm.get("event").asText()).isEqualTo("alarm");
                assertThat(alarm.get("device").asText()).isEqualTo("S35084741");
                assertThat(alarm.get("vendor_type").asText()).isEqualTo("9");
                assertThat(alarm.get("time").asText()).isEqualTo("2014-09-25T06:26:00Z");
                assertThat(alarm.get("media").toString()).isEqualTo(
                        "[{\"kind\":\"picture\",\"name\":\"100634.jpg\",\"url\":\"100634.jpg\"},"
                                + "{\"kind\":\"video\",\"name\":\"100634.mp4\",\"url\":\"100634.mp4\"}]");
                assertThat(push.get("topic")).isNull();
            }

            camera.write("{\"mt\":2221,\"lpt\":9,\"pv\":\"1.0\",\"mid\":100,\"amt\":0,\"dguid\":\"S35084741\","
                    + "\"ats\":1411626387,\"dname\":\"HD_IPC\",\"dcn\":1,\"atype\":7}\r\n"
                    + "{\"mt\":2221,\"lpt\":9,\"pv\":\"1.0\",\"mid\":101,\"amt\":1,\"dguid\":\"S35084741\",\"ats\":1411626387}\r\n");
            assertThat(camera.readLine()).isEqualTo("{\"mt\":2222,\"rt\":0,\"mid\":100,\"dguid\":\"S35084741\",\"ats\":1411626387}");
            assertThat(camera.readLine()).isEqualTo("{\"mt\":2222,\"rt\":0,\"mid\":101,\"dguid\":\"S35084741\",\"ats\":1411626387}");
            JsonNode ftpAlarm = app.read().get("msg");
            assertThat(ftpAlarm.get("type").asText()).isEqualTo("motion");
            assertThat(ftpAlarm.get("ref").asText()).isEqualTo("S35084741:1411626387");
            JsonNode picture = app.read().get("msg");
            assertThat(picture.get("event").asText()).isEqualTo("media");
            assertThat(picture.get("ref").asText()).isEqualTo("S35084741:1411626387");
            assertThat(picture.at("/media/0/url").asText()).isEqualTo("ftp://ftp.example.test/S35084741/1411626387.jpg");

            camera.write("{\"mt\":2205,\"lpt\":9,\"pv\":\"1.0\",\"mid\":2,\"dguid\":\"S35084741\"}\r\n");
            assertThat(camera.readLine()).isEqualTo("{\"mt\":2206,\"rt\":0,\"mid\":2,\"dguid\":\"S35084741\"}");
            JsonNode offline = app.read().get("msg");
            assertThat(offline.get("event").asText()).isEqualTo("offline");
            assertThat(offline.get("reason").asText()).isEqualTo("goodbye");
        }
    }

    static String event(JsonNode push) {
        return push.get("msg").get("event").asText();
    }
}
