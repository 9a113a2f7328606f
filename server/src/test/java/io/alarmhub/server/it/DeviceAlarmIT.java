package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Device traffic, as the seeds give it, reaches an app connected over Socket.IO and over TCP: online,
 * alarms with their media, and offline.
 */
class DeviceAlarmIT {

    /** Both devices belong to alice. */
    static ServerProcess server(Path dir) {
        return new ServerProcess(dir).with("devices", "known:",
                "  - {vendor: jovision, id: S35084741, name: Front door, owners: [alice]}",
                "  - {vendor: vstarcam, id: VC0000000ABCD, name: Garden, owners: [alice]}");
    }

    @TempDir
    Path dir;

    @Test
    void aJovisionDeviceIsHeardOnEveryFaceOfItsOwner() throws Exception {
        try (ServerProcess server = server(dir).start();
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
                assertThat(alarm.get("device_name").asText()).as("devices.known over dname").isEqualTo("Front door");
                assertThat(push.get("topic").asText()).as("the device topic, its one topic")
                        .isEqualTo("jovision/S35084741");
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

    @Test
    void aVStarcamCameraIsHeardWithAPictureThatOpensAndGoesOfflineWhenItsHeartbeatsStop() throws Exception {
        Path picture = dir.resolve("alarm.jpg");
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 10, 0xff0000);
        ImageIO.write(image, "jpg", picture.toFile());
        try (ServerProcess server = server(dir).with("devices", "sweep-interval: 1s")
                .with("vstarcam", "heartbeat-timeout: 2s").start();
             LineClient app = new LineClient(server.tcp);
             SocketIoApp phone = new SocketIoApp(server.socketIo, "alice")) {
            app.send("{\"t\":14,\"alias\":\"alice\"}");
            app.read();
            phone.next();
            String base = "http://127.0.0.1:" + server.vstarcam + "/vstarcam/";

            assertThat(Curl.json(base + "heartbeat", "{\"vuid\":\"VC0000000ABCD\"}"))
                    .isEqualTo("{\"code\":\"200\",\"message\":\"Success\"}");
            assertThat(event(app.read())).isEqualTo("online");
            assertThat(event(phone.nextPush())).isEqualTo("online");

            assertThat(Curl.form(base + "alarm", "vuid=VC0000000ABCD", "type=0x14", "picture=@" + picture))
                    .isEqualTo("{\"code\":\"200\",\"message\":\"Success\"}");
            for (JsonNode push : new JsonNode[] {app.read(), phone.nextPush()}) {
                JsonNode alarm = push.get("msg");
                assertThat(alarm.get("event").asText()).isEqualTo("alarm");
                assertThat(alarm.get("vendor").asText()).isEqualTo("vstarcam");
                assertThat(alarm.get("type").asText()).isEqualTo("doorbell");
                assertThat(alarm.get("vendor_type").asText()).isEqualTo("0x14");
                String url = alarm.at("/media/0/url").asText();
                assertThat(url).startsWith("http://127.0.0.1:" + server.media + "/media/");
                HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(fetched.statusCode()).isEqualTo(200);
                assertThat(fetched.headers().firstValue("Content-Type")).contains("image/jpeg");
                assertThat(fetched.body()).isEqualTo(Files.readAllBytes(picture));
            }

            JsonNode offline = app.read().get("msg");
            assertThat(offline.get("event").asText()).isEqualTo("offline");
            assertThat(offline.get("device").asText()).isEqualTo("VC0000000ABCD");
            assertThat(offline.get("reason").asText()).isEqualTo("heartbeat timeout");
        }
    }

    static String event(JsonNode push) {
        return push.get("msg").get("event").asText();
    }
}
