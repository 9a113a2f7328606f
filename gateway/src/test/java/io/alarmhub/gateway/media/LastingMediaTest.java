package io.alarmhub.gateway.media;

import io.alarmhub.core.media.MediaFiles;
import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.store.media.DirectoryMediaStore;
import io.alarmhub.store.media.MediaSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lasting file (a firmware package) served by the media listener over a real socket at the URL its store
 * signs for the validity asked, until the second it expires; the listener's clock is the test's.
 */
class LastingMediaTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aLastingFileIsServedAtItsSignedUrlUntilItExpires() throws Exception {
        Moving clock = new Moving(T0);
        MediaSigner signer = new MediaSigner(new byte[MediaSigner.SECRET_BYTES]);
        DirectoryMediaStore[] store = new DirectoryMediaStore[1];
        try (NettyLoops loops = new NettyLoops(1)) {
            MediaListener listener = new MediaListener(MediaFixture.SETTINGS, loops, new MediaFiles() {
                @Override
                public Optional<Path> file(String key) {
                    return store[0].file(key);
                }

                @Override
                public MediaSigner signer() {
                    return signer;
                }

                @Override
                public Path recordings() {
                    return store[0].recordings();
                }
            }, new SimpleMeterRegistry(), clock);
            InetSocketAddress address = listener.start();
            try {
                store[0] = DirectoryMediaStore.open(MediaSettings.defaults(dir.resolve("media"),
                        "http://127.0.0.1:" + address.getPort()), signer, clock);
                byte[] bytes = new byte[200_000];
                new Random(7).nextBytes(bytes);
                String key = store[0].keepLasting(Files.write(dir.resolve("fw.part"), bytes), "bin");
                URI url = URI.create(store[0].url(key, Duration.ofHours(2)).orElseThrow());
                HttpClient http = HttpClient.newHttpClient();

                HttpResponse<byte[]> fresh = http.send(HttpRequest.newBuilder(url).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(fresh.statusCode()).isEqualTo(200);
                assertThat(fresh.body()).isEqualTo(bytes);
                assertThat(fresh.headers().firstValue("Content-Type")).contains("application/octet-stream");

                clock.now = T0.plus(Duration.ofHours(2));
                assertThat(http.send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).as("its last second")
                        .isEqualTo(200);
                clock.now = T0.plus(Duration.ofHours(2)).plusSeconds(1);
                HttpResponse<String> expired = http.send(HttpRequest.newBuilder(url).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(expired.statusCode()).isEqualTo(403);
                assertThat(expired.body()).isEqualTo("{\"error\":\"url expired\"}");
            } finally {
                listener.close();
            }
        }
    }

    private static final class Moving extends Clock {
        volatile Instant now;

        Moving(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
