package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.AlarmType;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.media.MediaKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The listener as curl sees it: proof that a client outside the JDK pushes to it as the document says. */
@Timeout(120)
class VStarcamCurlTest {

    private static final String OK = "{\"code\":\"200\",\"message\":\"Success\"}\n200";
    private static final DeviceId CAMERA = new DeviceId("vstarcam", "VC0000000ABCD");

    @TempDir
    Path dir;
    private VStarcamFixture server;

    @BeforeEach
    void start() {
        server = new VStarcamFixture(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void firstHeartbeatBringsTheCameraOnlineAndLaterOnesMarkItSeen() throws Exception {
        String url = server.uri("/vstarcam/heartbeat").toString();

        String first = Curl.run("-X", "POST", "-H", "Content-Type: application/json; charset=UTF-8",
                "--data-binary", "{\"vuid\":\"VC0000000ABCD\"}", url);

        assertThat(first).isEqualTo(OK);
        assertThat(server.events.of(DeviceEvent.Online.class)).singleElement().satisfies(online -> {
            assertThat(online.device()).isEqualTo(CAMERA);
            assertThat(online.address()).contains("127.0.0.1");
            assertThat(online.raw()).isEqualTo("{\"vuid\":\"VC0000000ABCD\"}");
        });
        assertThat(server.events.seen).isEmpty();

        Instant before = Instant.now();
        String second = Curl.run("-X", "POST", "-H", "Content-Type: application/json; charset=UTF-8",
                "--data-binary", "{\"vuid\":\"VC0000000ABCD\"}", url);

        assertThat(second).isEqualTo(OK);
        assertThat(server.events.accepted).hasSize(1);
        assertThat(server.events.seen.get(CAMERA)).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(server.messages("heartbeat")).isEqualTo(2);
    }

    @Test
    void alarmWithPictureAndVideoKeepsBothFilesByteForByte() throws Exception {
        Path picture = VStarcamFixture.jpeg(dir, "snapshot.jpg");
        Path video = VStarcamFixture.random(dir, "clip.mp4", 20L << 20, 7);
        Instant before = Instant.now();

        String out = Curl.run("-F", "vuid=VC0000000ABCD", "-F", "type=0x12",
                "-F", "picture=@" + picture + ";type=image/jpeg", "-F", "video=@" + video + ";type=video/mp4",
                server.uri("/vstarcam/alarm").toString());

        assertThat(out).isEqualTo(OK);
        DeviceEvent.Alarm alarm = server.events.of(DeviceEvent.Alarm.class).get(0);
        assertThat(server.events.accepted).hasSize(1);
        assertThat(alarm.device()).isEqualTo(CAMERA);
        assertThat(alarm.type()).isEqualTo(AlarmType.MOTION);
        assertThat(alarm.vendorType()).isEqualTo("0x12");
        assertThat(alarm.channel()).isZero();
        assertThat(alarm.ref()).isEmpty();
        assertThat(alarm.time()).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(alarm.media()).extracting(m -> m.kind()).containsExactly(MediaKind.PICTURE, MediaKind.VIDEO);
        assertThat(alarm.media()).extracting(m -> m.name()).containsExactly("snapshot.jpg", "clip.mp4");
        assertThat(Files.mismatch(server.media.file(alarm.media().get(0)), picture)).isEqualTo(-1);
        assertThat(Files.mismatch(server.media.file(alarm.media().get(1)), video)).isEqualTo(-1);
        assertThat(server.media.kept).extracting(KeepingMediaStore.Kept::extension).containsExactly("jpg", "mp4");
        assertThat(server.media.kept).allSatisfy(k -> assertThat(k.thread()).doesNotStartWith("alarmhub-io"));
        assertThat(alarm.raw()).isEqualTo("{\"vuid\":\"VC0000000ABCD\",\"type\":\"0x12\","
                + "\"picture\":{\"file\":\"snapshot.jpg\",\"size\":" + Files.size(picture)
                + ",\"contentType\":\"image/jpeg\"},"
                + "\"video\":{\"file\":\"clip.mp4\",\"size\":" + (20L << 20) + ",\"contentType\":\"video/mp4\"}}");
        assertThat(server.leftovers()).isEmpty();
        assertThat(server.uploaded("video")).isEqualTo(20L << 20);
    }

    @Test
    void oversizedPictureIsRefusedWhileItStreams() throws Exception {
        server.close();
        server = new VStarcamFixture(dir, VStarcamFixture.SETTINGS.withLimits(4096, 1L << 20, 50L << 20, 56L << 20));
        Path picture = VStarcamFixture.random(dir, "huge.jpg", 8L << 20, 3);

        String out = Curl.run("-F", "vuid=VC0000000ABCD", "-F", "type=0x12", "-F", "picture=@" + picture,
                server.uri("/vstarcam/alarm").toString());

        assertThat(out).isEqualTo("{\"code\":\"413\",\"message\":\"picture larger than 1048576 bytes\"}\n413");
        assertThat(server.events.accepted).isEmpty();
        assertThat(server.media.kept).isEmpty();
        assertThat(server.leftovers()).isEmpty();
        assertThat(server.badInput("too_large")).isEqualTo(1);
    }

    @Test
    void missingFieldsAreNamed() throws Exception {
        Path picture = VStarcamFixture.jpeg(dir, "snapshot.jpg");
        String url = server.uri("/vstarcam/alarm").toString();

        assertThat(Curl.run("-F", "vuid=VC0000000ABCD", "-F", "type=0x12", url))
                .isEqualTo("{\"code\":\"400\",\"message\":\"missing picture\"}\n400");
        assertThat(Curl.run("-F", "type=0x12", "-F", "picture=@" + picture, url))
                .isEqualTo("{\"code\":\"400\",\"message\":\"missing vuid\"}\n400");
        assertThat(Curl.run("-F", "vuid=VC0000000ABCD", "-F", "picture=@" + picture, url))
                .isEqualTo("{\"code\":\"400\",\"message\":\"missing type\"}\n400");
        assertThat(server.events.accepted).isEmpty();
        assertThat(server.media.kept).isEmpty();
        assertThat(server.leftovers()).isEmpty();
        assertThat(server.badInput("missing_field")).isEqualTo(3);
    }

    @Test
    void decimalTypeIsTheSameCode() throws Exception {
        Path picture = VStarcamFixture.jpeg(dir, "snapshot.jpg");

        String out = Curl.run("-F", "vuid=VC0000000ABCD", "-F", "type=20", "-F", "picture=@" + picture,
                server.uri("/vstarcam/alarm").toString());

        assertThat(out).isEqualTo(OK);
        assertThat(server.events.of(DeviceEvent.Alarm.class)).singleElement().satisfies(alarm -> {
            assertThat(alarm.type()).isEqualTo(AlarmType.DOORBELL);
            assertThat(alarm.vendorType()).isEqualTo("20");
            assertThat(alarm.media()).singleElement().satisfies(m -> assertThat(m.kind()).isEqualTo(MediaKind.PICTURE));
        });
    }
}
