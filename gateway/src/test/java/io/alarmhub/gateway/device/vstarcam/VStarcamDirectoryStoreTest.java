package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.store.media.DirectoryMediaStore;
import io.alarmhub.store.media.MediaSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The happy path with the real directory media store behind the listener. */
@Timeout(120)
class VStarcamDirectoryStoreTest {

    @TempDir
    Path dir;
    private DirectoryMediaStore store;
    private VStarcamFixture server;

    @BeforeEach
    void start() {
        store = DirectoryMediaStore.open(MediaSettings.defaults(dir.resolve("media"), "http://127.0.0.1:9910"),
                new MediaSigner(new byte[MediaSigner.SECRET_BYTES]));
        server = new VStarcamFixture(dir, VStarcamFixture.SETTINGS, store);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void curlAlarmEndsUpInTheMediaStoreByteForByte() throws Exception {
        Path picture = VStarcamFixture.jpeg(dir, "snapshot.jpg");
        Path video = VStarcamFixture.random(dir, "clip.mp4", 20L << 20, 17);

        String out = Curl.run("-F", "vuid=VC0000000ABCD", "-F", "type=0x29", "-F", "picture=@" + picture,
                "-F", "video=@" + video, server.uri("/vstarcam/alarm").toString());

        assertThat(out).isEqualTo("{\"code\":\"200\",\"message\":\"Success\"}\n200");
        DeviceEvent.Alarm alarm = server.events.of(DeviceEvent.Alarm.class).get(0);
        assertThat(alarm.media()).extracting(MediaRef::kind).containsExactly(MediaKind.PICTURE, MediaKind.VIDEO);
        MediaRef kept = alarm.media().get(0);
        MediaRef clip = alarm.media().get(1);
        assertThat(kept.key()).hasValueSatisfying(key -> assertThat(key).endsWith(".jpg"));
        assertThat(clip.key()).hasValueSatisfying(key -> assertThat(key).endsWith(".mp4"));
        assertThat(kept.url()).startsWith("http://127.0.0.1:9910/media/" + kept.key().orElseThrow());
        assertThat(kept.name()).isEqualTo("snapshot.jpg");
        assertThat(Files.mismatch(store.file(kept.key().orElseThrow()).orElseThrow(), picture)).isEqualTo(-1);
        assertThat(Files.mismatch(store.file(clip.key().orElseThrow()).orElseThrow(), video)).isEqualTo(-1);
        assertThat(store.storedBytes()).isEqualTo(Files.size(picture) + Files.size(video));
        assertThat(server.leftovers()).isEmpty();
    }
}
