package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.testing.VideoFixtures;
import io.alarmhub.video.testing.VideoFixtures.Video;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two viewers of one streaming camera on the packaged server: one reads everything, the other sends its request
 * and never reads a byte. Once the stalled viewer's buffers are full and the camera's ring holds all it keeps, for
 * 20 s of the camera's stream the server skips GOPs for the stalled viewer instead of queueing them: the heap that
 * is live stays flat, the ring within its bound, and the reading viewer gets every GOP.
 */
class HemuSlowViewerIT {

    private static final String SKIPPED = "alarmhub_hemu_live_skipped_gops_total";
    private static final String RING = "alarmhub_hemu_video_ring_bytes";
    private static final String VIEWERS = "alarmhub_hemu_live_viewers";
    private static final String[] HTTP = {"transport=\"http\""};
    /** 8 Mbit/s: 1 MB a second, so that a queue for the stalled viewer would be 20 MB by the end. */
    private static final int MEGABITS = 8;
    /** How much of the camera's stream the memory is watched over, in its own time. */
    private static final long STREAM_MILLIS = 20_000;
    /** {@code hemu.video.retain}'s default: by then the ring holds all it keeps. */
    private static final long RETAIN_MILLIS = 15_000;
    /** {@code hemu.video.max-ring-bytes}'s default: one camera's ring never holds more. */
    private static final long MAX_RING_BYTES = 8L * 1024 * 1024;
    /**
     * What the live heap may move by, for what is legitimately in flight: a GOP more or less in the ring and in the
     * recorder's fragment (about 1 MB each at this rate), the stalled viewer's watermark (1 MiB). A queue would add
     * 20 MB.
     */
    private static final long LIVE_HEAP_SLACK = 8L * 1024 * 1024;
    /** The test video has a frame every 40 ms; a GOP lost is a step of a second. */
    private static final long LONGEST_FRAME_STEP_MILLIS = 200;

    @TempDir
    Path dir;

    @Test
    void aViewerThatNeverReadsCostsTheServerABoundedBufferWhileAnotherGetsEveryGop() throws Exception {
        Path video = VideoFixtures.video(dir, Video.of(VideoCodec.H264, 6).hd().megabits(MEGABITS));
        try (ServerProcess server = HemuFixture.server(dir).with("hemu", "hedgw:", "  plan: 1").start();
             CommandLineCamera camera = CommandLineCamera.start(server, dir, video, VideoFixtures.alaw(dir, 440, 6))) {
            JsonNode links = new RestClient(server.rest).postOk("/hemu/live/" + CommandLineCamera.DEVICE,
                    "{\"alias\":\"alice\",\"audio\":\"flac\"}");
            String url = links.path("flv").asText();
            try (FlvViewer reading = FlvViewer.watch(url); Socket stalled = stalledViewer(url)) {
                assertThat(Scrape.await(server, 30_000, v -> v == 2, VIEWERS, HTTP)).isEqualTo(2);
                RingSamples ring = new RingSamples();
                // First the stalled viewer's buffers fill (the server's watermark, both sides' socket buffers), and
                // the ring fills up to what it keeps: from then on nothing the server holds should grow.
                sampleUntil(server, ring, reading, () -> Scrape.value(server, SKIPPED) > 0
                        && reading.lastVideoMillis() > RETAIN_MILLIS);
                double skipped = Scrape.value(server, SKIPPED);
                double liveBefore = liveHeap(server);
                long from = reading.lastVideoMillis();
                // Then 20 s of the camera's stream, in its own time, as it reaches the reading viewer.
                sampleUntil(server, ring, reading, () -> reading.lastVideoMillis() - from >= STREAM_MILLIS);
                double liveAfter = liveHeap(server);

                assertThat(reading.failure()).isEmpty();
                assertThat(reading.ended()).isFalse();
                assertThat(reading.lastVideoMillis() - from).isGreaterThanOrEqualTo(STREAM_MILLIS);
                assertThat(reading.longestVideoStepMillis()).as("the reading viewer lost no GOP")
                        .isLessThanOrEqualTo(LONGEST_FRAME_STEP_MILLIS);
                assertThat(Scrape.value(server, VIEWERS, HTTP))
                        .as("the stalled viewer is still connected, and still costs what it costs").isEqualTo(2);
                assertThat(Scrape.value(server, SKIPPED)).as("GOPs skipped for the stalled viewer, still")
                        .isGreaterThan(skipped);
                assertThat(ring.max).as("ring bytes").isPositive().isLessThanOrEqualTo(MAX_RING_BYTES);
                assertThat(liveAfter).as("live heap after 20 s, from %s", liveBefore)
                        .isLessThanOrEqualTo(liveBefore + LIVE_HEAP_SLACK);
            }
            assertThat(camera.isAlive()).as(camera.output()).isTrue();
        }
    }

    /** Samples the ring every half second until {@code done}, or the reading viewer's stream ends. */
    private static void sampleUntil(ServerProcess server, RingSamples ring, FlvViewer reading, Callable<Boolean> done) {
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(() -> {
            ring.take(Scrape.value(server, RING));
            return done.call() || reading.ended();
        });
    }

    /**
     * The server's heap in use (the metrics' {@code jvm_memory_used_bytes}) right after a full collection, which
     * {@code jcmd GC.run} asks for and waits for: what is live, without the garbage that otherwise swings the
     * number by the young generation's size and piles up in the old one until its next cycle.
     */
    private static double liveHeap(ServerProcess server) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(server.pid()), "GC.run").redirectErrorStream(true).start();
        String said = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jcmd.exitValue()).as(said).isZero();
        return Scrape.value(server, "jvm_memory_used_bytes", "area=\"heap\"");
    }

    /** A viewer that sends its request and never reads: its receive window closes once a few KiB are in. */
    private static Socket stalledViewer(String url) throws Exception {
        URI uri = URI.create(url);
        Socket socket = new Socket();
        // Small, so that the server's side of the connection fills soon; set before connecting, as the window is.
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** The most the ring held; written by the polling thread only, read once it is done. */
    private static final class RingSamples {

        volatile double max;

        void take(double bytes) {
            max = Math.max(max, bytes);
        }
    }
}
