package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.AlarmType;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.gateway.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The listener through the JDK's HTTP client, with multipart bodies built by hand. */
@Timeout(120)
class VStarcamHttpClientTest {

    private static final String OK = "{\"code\":\"200\",\"message\":\"Success\"}";
    private static final DeviceId CAMERA = new DeviceId("vstarcam", "VC0000000ABCD");

    @TempDir
    Path dir;
    private VStarcamFixture server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Path picture;

    @BeforeEach
    void start() throws Exception {
        server = new VStarcamFixture(dir);
        picture = VStarcamFixture.jpeg(dir, "snapshot.jpg");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void heartbeatIsAnsweredOnlyOnceTheOnlineEventIsDurable() throws Exception {
        server.events.mode = RecordingEvents.Mode.HOLD;

        try (RawHttp camera = new RawHttp(server.address); RawHttp probe = new RawHttp(server.address)) {
            camera.send(RawHttp.post("/vstarcam/heartbeat", "{\"vuid\":\"VC0000000ABCD\"}"));
            VStarcamFixture.eventually(() -> server.events.held.size() == 1, "the Online event is handed over");

            // The fixture's one I/O thread answers the probe only after it has finished with the heartbeat's
            // read; an answer to the heartbeat written then would be in the camera's socket before this one.
            assertThat(probe.send(RawHttp.get("/no-such-path")).read().status()).isEqualTo(404);
            assertThat(camera.unread()).as("bytes answered before the Online event is durable").isZero();

            server.events.held.get(0).complete(null);
            RawHttp.Response answered = camera.read();
            assertThat(answered.status()).isEqualTo(200);
            assertThat(answered.body()).isEqualTo(OK);
            assertThat(answered.headers().get("content-type")).isEqualTo("application/json; charset=UTF-8");
        }
        assertThat(server.events.of(DeviceEvent.Online.class)).singleElement()
                .satisfies(online -> assertThat(online.device()).isEqualTo(CAMERA));

        // Online now: the next heartbeat is only noted, and answered at once (the intake holds nothing).
        HttpResponse<String> second = send(heartbeat("{\"vuid\":\"VC0000000ABCD\",\"extra\":1}"));

        assertThat(second.body()).isEqualTo(OK);
        assertThat(server.events.held).hasSize(1);
        assertThat(server.events.seen).containsKey(CAMERA);
    }

    @Test
    void alarmWithDecimalTypeKeepsPictureAndVideo() throws Exception {
        Path video = VStarcamFixture.random(dir, "alarm.mp4", 20L << 20, 11);

        HttpResponse<String> response = send(alarm(new Multipart().field("vuid", "VC0000000ABCD").field("type", "18")
                .file("picture", picture, "image/jpeg").file("video", video, "video/mp4")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(OK);
        DeviceEvent.Alarm alarm = server.events.of(DeviceEvent.Alarm.class).get(0);
        assertThat(alarm.type()).isEqualTo(AlarmType.MOTION);
        assertThat(alarm.vendorType()).isEqualTo("18");
        assertThat(alarm.media()).hasSize(2);
        assertThat(alarm.media().get(0).kind()).isEqualTo(MediaKind.PICTURE);
        assertThat(alarm.media().get(0).url()).startsWith("http://media.test/");
        assertThat(alarm.media().get(1).kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(Files.mismatch(server.media.file(alarm.media().get(0)), picture)).isEqualTo(-1);
        assertThat(Files.mismatch(server.media.file(alarm.media().get(1)), video)).isEqualTo(-1);
        assertThat(server.leftovers()).isEmpty();
        assertThat(server.messages("alarm")).isEqualTo(1);
    }

    @Test
    void hexTypesMapAndUnknownCodesAreKept() throws Exception {
        for (String type : new String[] {"0x6E", "0x6d", "0x29", "0x99", "153", "beep"}) {
            assertThat(send(alarm(new Multipart().field("vuid", "VC0000000ABCD").field("type", type)
                    .file("picture", picture, "image/jpeg"))).body()).isEqualTo(OK);
        }

        assertThat(server.events.of(DeviceEvent.Alarm.class))
                .extracting(DeviceEvent.Alarm::type, DeviceEvent.Alarm::vendorType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AlarmType.SMOKE, "0x6E"),
                        org.assertj.core.groups.Tuple.tuple(AlarmType.FIRE, "0x6d"),
                        org.assertj.core.groups.Tuple.tuple(AlarmType.HUMANOID, "0x29"),
                        org.assertj.core.groups.Tuple.tuple(AlarmType.OTHER, "0x99"),
                        org.assertj.core.groups.Tuple.tuple(AlarmType.OTHER, "153"),
                        org.assertj.core.groups.Tuple.tuple(AlarmType.OTHER, "beep"));
    }

    @Test
    void storeFailureIs503AndLeavesNoFileBehind() throws Exception {
        server.events.mode = RecordingEvents.Mode.STORE_FAILS;

        HttpResponse<String> alarm = send(alarm(new Multipart().field("vuid", "VC0000000ABCD").field("type", "0x12")
                .file("picture", picture, "image/jpeg")));
        HttpResponse<String> heartbeat = send(heartbeat("{\"vuid\":\"VC0000000ABCD\"}"));

        assertThat(alarm.statusCode()).isEqualTo(503);
        assertThat(alarm.body()).isEqualTo("{\"code\":\"503\",\"message\":\"storage unavailable\"}");
        assertThat(heartbeat.statusCode()).isEqualTo(503);
        assertThat(server.leftovers()).isEmpty();
        // The picture was kept before the store failed: it is deleted again, as nothing refers to it.
        assertThat(server.media.kept).hasSize(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !Files.exists(server.media.kept.get(0).file()));
    }

    @Test
    void pastCapacityAnAlarmAndAHeartbeatAre503BusyAndLeaveNoFileBehind() throws Exception {
        server.events.mode = RecordingEvents.Mode.BUSY;

        HttpResponse<String> alarm = send(alarm(new Multipart().field("vuid", "VC0000000ABCD").field("type", "0x12")
                .file("picture", picture, "image/jpeg")));
        HttpResponse<String> heartbeat = send(heartbeat("{\"vuid\":\"VC0000000ABCD\"}"));

        assertThat(alarm.statusCode()).isEqualTo(503);
        assertThat(alarm.body()).isEqualTo("{\"code\":\"503\",\"message\":\"server busy, try again\"}");
        assertThat(heartbeat.statusCode()).isEqualTo(503);
        assertThat(heartbeat.body()).isEqualTo(alarm.body());
        assertThat(server.leftovers()).isEmpty();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !Files.exists(server.media.kept.get(0).file()));
    }

    @Test
    void mediaStoreFailureIs503() throws Exception {
        server.media.failing = true;
        Path video = VStarcamFixture.random(dir, "alarm.mp4", 1L << 20, 5);

        HttpResponse<String> response = send(alarm(new Multipart().field("vuid", "VC0000000ABCD")
                .field("type", "0x12").file("picture", picture, "image/jpeg").file("video", video, "video/mp4")));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"code\":\"503\",\"message\":\"storage unavailable\"}");
        assertThat(server.events.accepted).isEmpty();
        assertThat(server.leftovers()).isEmpty();
    }

    @Test
    void refusedDeviceIs403() throws Exception {
        server.events.mode = RecordingEvents.Mode.REFUSE;

        HttpResponse<String> heartbeat = send(heartbeat("{\"vuid\":\"VC0000000ABCD\"}"));
        HttpResponse<String> alarm = send(alarm(new Multipart().field("vuid", "VC0000000ABCD").field("type", "0x12")
                .file("picture", picture, "image/jpeg")));

        assertThat(heartbeat.statusCode()).isEqualTo(403);
        assertThat(heartbeat.body()).startsWith("{\"code\":\"403\",\"message\":\"device vstarcam/VC0000000ABCD");
        assertThat(alarm.statusCode()).isEqualTo(403);
        assertThat(server.leftovers()).isEmpty();
        assertThat(server.badInput("refused")).isEqualTo(2);
    }

    @Test
    void missingFieldsAreNamed() throws Exception {
        assertThat(send(alarm(new Multipart().field("type", "0x12").file("picture", picture, "image/jpeg"))))
                .satisfies(r -> assertRefused(r, 400, "missing vuid"));
        assertThat(send(alarm(new Multipart().field("vuid", "VC0000000ABCD").file("picture", picture, "image/jpeg"))))
                .satisfies(r -> assertRefused(r, 400, "missing type"));
        assertThat(send(alarm(new Multipart().field("vuid", "VC0000000ABCD").field("type", "0x12"))))
                .satisfies(r -> assertRefused(r, 400, "missing picture"));
        assertThat(send(alarm(new Multipart().field("vuid", "VC0000000ABCD").field("type", "0x12")
                .field("picture", "not a file")))).satisfies(r -> assertRefused(r, 400, "picture must be a file part"));
        assertThat(send(alarm(new Multipart().field("vuid", "VC0000000ABCD").field("vuid", "VC0000000ABCE")
                .field("type", "0x12").file("picture", picture, "image/jpeg"))))
                .satisfies(r -> assertRefused(r, 400, "more than one vuid"));
        assertThat(server.events.accepted).isEmpty();
        assertThat(server.leftovers()).isEmpty();
    }

    @Test
    void badHeartbeatsAre400() throws Exception {
        assertRefused(send(heartbeat("{\"vuid\":")), 400, "heartbeat is not valid JSON");
        assertRefused(send(heartbeat("[\"VC0000000ABCD\"]")), 400, "heartbeat is not a JSON object");
        assertRefused(send(heartbeat("{\"id\":\"VC0000000ABCD\"}")), 400, "missing vuid");
        assertRefused(send(heartbeat("{\"vuid\":42}")), 400, "vuid must be a string");
        assertRefused(send(heartbeat("{\"vuid\":\"VC 0000\"}")), 400,
                "vuid must be 1 to 64 printable characters without spaces");
        assertThat(server.events.accepted).isEmpty();
        assertThat(server.badInput("bad_json")).isEqualTo(2);
    }

    @Test
    void wrongRequestsGetTheirStatus() throws Exception {
        assertRefused(send(HttpRequest.newBuilder(server.uri("/vstarcam/alarm"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(BodyPublishers.ofString("vuid=VC0000000ABCD&type=0x12")).build()),
                415, "alarm must be multipart/form-data");
        assertRefused(send(HttpRequest.newBuilder(server.uri("/vstarcam/nothing")).GET().build()), 404,
                "unknown path");
        HttpResponse<String> get = send(HttpRequest.newBuilder(server.uri("/vstarcam/heartbeat")).GET().build());
        assertRefused(get, 405, "use POST");
        assertThat(get.headers().firstValue("allow")).contains("POST");
        assertRefused(send(heartbeat("{\"vuid\":\"" + "V".repeat(5000) + "\"}")), 413,
                "heartbeat larger than 4096 bytes");
        // The connection of a refused request without a body stays usable.
        assertThat(send(heartbeat("{\"vuid\":\"VC0000000ABCD\"}")).body()).isEqualTo(OK);
        assertThat(server.badInput("not_found")).isEqualTo(1);
        assertThat(server.badInput("method")).isEqualTo(1);
    }

    @Test
    void oversizedVideoIsRefusedAndItsPartialFileDeleted() throws Exception {
        server.close();
        server = new VStarcamFixture(dir, VStarcamFixture.SETTINGS.withLimits(4096, 1L << 20, 2L << 20, 56L << 20));
        Path video = VStarcamFixture.random(dir, "long.mp4", 12L << 20, 9);

        HttpResponse<String> response = send(alarm(new Multipart().field("vuid", "VC0000000ABCD")
                .field("type", "0x12").file("picture", picture, "image/jpeg").file("video", video, "video/mp4")));

        assertRefused(response, 413, "video larger than 2097152 bytes");
        assertThat(server.events.accepted).isEmpty();
        assertThat(server.media.kept).isEmpty();
        assertThat(server.leftovers()).isEmpty();
    }

    @Test
    void requestOverTheTotalLimitIsRefused() throws Exception {
        server.close();
        server = new VStarcamFixture(dir, VStarcamFixture.SETTINGS.withLimits(4096, 1L << 20, 50L << 20, 3L << 20));
        Path video = VStarcamFixture.random(dir, "long.mp4", 4L << 20, 9);

        HttpResponse<String> response = send(alarm(new Multipart().field("vuid", "VC0000000ABCD")
                .field("type", "0x12").file("picture", picture, "image/jpeg").file("video", video, "video/mp4")));

        assertRefused(response, 413, "request larger than 3145728 bytes");
        assertThat(server.leftovers()).isEmpty();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo("{\"code\":\"" + status + "\",\"message\":\"" + message + "\"}");
        assertThat(response.headers().firstValue("content-type")).contains("application/json; charset=UTF-8");
    }

    private HttpRequest heartbeat(String json) {
        return HttpRequest.newBuilder(server.uri("/vstarcam/heartbeat"))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(BodyPublishers.ofString(json)).build();
    }

    private HttpRequest alarm(Multipart body) {
        return HttpRequest.newBuilder(server.uri("/vstarcam/alarm"))
                .header("Content-Type", body.contentType())
                .POST(body.publisher()).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unused")
    private URI uri(String path) {
        return server.uri(path);
    }
}
