package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.event.DeviceEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof that a video streams to disk as it arrives rather than being collected in memory: the camera
 * stops sending in the middle of a 20 MiB video, and the part already sent must be on disk by then. With
 * an {@code HttpObjectAggregator} (or anything else that waits for the whole body) in front of the
 * decoder, nothing would be written until the camera sent the rest, and this test would fail.
 */
@Timeout(120)
class VStarcamStreamingTest {

    private static final long VIDEO = 20L << 20;
    private static final long PAUSE_AT = 8L << 20;

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
    void videoIsOnDiskBeforeTheCameraHasSentAllOfIt() throws Exception {
        assertThat(server.listener.uploads()).hasValueSatisfying(factory -> {
            assertThat(factory.diskBased()).isTrue();
            assertThat(factory.dir()).isEqualTo(server.uploads);
        });
        Path picture = VStarcamFixture.jpeg(dir, "snapshot.jpg");
        Path video = VStarcamFixture.random(dir, "clip.mp4", VIDEO, 13);
        Multipart form = new Multipart();
        String head = "--" + form.boundary + "\r\nContent-Disposition: form-data; name=\"vuid\"\r\n\r\nVC0000000ABCD\r\n"
                + "--" + form.boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n0x12\r\n";
        CountDownLatch resume = new CountDownLatch(1);
        AtomicLong sent = new AtomicLong();
        HttpRequest request = HttpRequest.newBuilder(server.uri("/vstarcam/alarm"))
                .header("Content-Type", form.contentType())
                // Unknown length: sent chunked, as it is read.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body(List.of(
                        text(head + form.fileHead("picture", "snapshot.jpg", "image/jpeg")),
                        open(picture),
                        text("\r\n" + form.fileHead("video", "clip.mp4", "video/mp4")),
                        new PausingStream(open(video), PAUSE_AT, resume, sent),
                        text("\r\n" + form.end())))))
                .build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        CompletableFuture<HttpResponse<String>> response = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofString());
        long onDisk;
        try {
            VStarcamFixture.eventually(() -> sent.get() >= PAUSE_AT, "the camera sent the first 8 MiB");
            VStarcamFixture.eventually(() -> partialBytes() >= PAUSE_AT / 2,
                    "half of what was sent is on disk while the camera waits");
            onDisk = partialBytes();
            assertThat(response).isNotDone();
        } finally {
            resume.countDown();
        }

        assertThat(response.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(onDisk).isLessThan(VIDEO);
        DeviceEvent.Alarm alarm = server.events.of(DeviceEvent.Alarm.class).get(0);
        assertThat(Files.mismatch(server.media.file(alarm.media().get(1)), video)).isEqualTo(-1);
        assertThat(server.leftovers()).isEmpty();
    }

    /** The largest file in the upload directory: the video being received. */
    private long partialBytes() {
        return server.leftovers().stream().mapToLong(file -> {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return 0;
            }
        }).max().orElse(0);
    }

    private static InputStream body(List<InputStream> parts) {
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    private static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Passes a stream through, stopping once {@code pauseAt} bytes went by until told to resume. */
    private static final class PausingStream extends FilterInputStream {

        private final long pauseAt;
        private final CountDownLatch resume;
        private final AtomicLong sent;

        PausingStream(InputStream in, long pauseAt, CountDownLatch resume, AtomicLong sent) {
            super(in);
            this.pauseAt = pauseAt;
            this.resume = resume;
            this.sent = sent;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long before = sent.get();
            if (before >= pauseAt) {
                try {
                    if (!resume.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("never resumed");
                    }
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
            }
            int max = before < pauseAt ? (int) Math.min(len, pauseAt - before) : len;
            int n = super.read(b, off, max);
            if (n > 0) {
                sent.addAndGet(n);
            }
            return n;
        }
    }
}
