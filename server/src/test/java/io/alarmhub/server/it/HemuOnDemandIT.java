package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.video.testing.VideoFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A camera on the expired plan (2) uploads only while someone watches (5.2.3, 5.2.9.1), on the packaged server with
 * the command-line camera: connected and pinging, it sends no media; the first viewer makes the server send it
 * {@code DevAppCmd} 8, its video flows to the viewer; the viewer leaving makes the server send 9, and the video stops.
 */
class HemuOnDemandIT {

    private static final String PACKAGES = "alarmhub_hemu_media_packages_total";
    private static final String PINGS = "alarmhub_device_messages_total";
    private static final String[] VIDEO = {"kind=\"video\""};
    private static final String[] HEMU_PINGS = {"vendor=\"hemu\"", "type=\"ping\""};
    private static final long WAIT = 30_000;
    /** Two GOPs of the test video: one keyframe a second. */
    private static final int TWO_GOPS = 2 * VideoFixtures.Video.FPS;

    @TempDir
    Path dir;

    @Test
    void aCameraOnTheExpiredPlanUploadsFromTheFirstViewerComingToTheLastLeaving() throws Exception {
        // Pings every second: each is a mark on the camera's connection that everything sent before it was read.
        try (ServerProcess server = HemuFixture.server(dir).with("hemu", "hedgw:", "  plan: 2", "  ping-pong-span: 1s")
                .start();
             CommandLineCamera camera = CommandLineCamera.start(server, dir, VideoFixtures.h264(dir, 6),
                     VideoFixtures.alaw(dir, 440, 6))) {
            camera.awaitLine("uploading only while a viewer watches");
            awaitPingsPast(server, value(server, PINGS, HEMU_PINGS) + 2);
            assertThat(value(server, PACKAGES, VIDEO)).as("video while nobody watches").isZero();
            assertThat(value(server, PACKAGES, "kind=\"audio\"")).as("audio while nobody watches").isZero();
            assertThat(value(server, "alarmhub_hemu_live_requests_total", "type=\"8\"")).isZero();
            assertThat(camera.printed("DevAppCmd type 8")).as(camera.output()).isFalse();

            JsonNode links = new RestClient(server.rest).postOk("/hemu/live/" + CommandLineCamera.DEVICE,
                    "{\"alias\":\"alice\",\"audio\":\"flac\"}");
            try (FlvViewer viewer = FlvViewer.watch(links.path("flv").asText())) {
                camera.awaitLine("DevAppCmd type 8");
                camera.awaitLine("uploading from the next keyframe");
                // Two GOPs of frames at the viewer: the camera's video reaches it through the server.
                await().atMost(WAIT, TimeUnit.MILLISECONDS).pollInterval(Duration.ofMillis(100))
                        .until(() -> viewer.videoTags() >= TWO_GOPS || viewer.ended());
                assertThat(viewer.videoTags()).as("%s", viewer.failure()).isGreaterThanOrEqualTo(TWO_GOPS);
                assertThat(viewer.audioTags()).isPositive();
                assertThat(value(server, PACKAGES, VIDEO)).as("a GOP at least")
                        .isGreaterThanOrEqualTo(VideoFixtures.Video.FPS);
                assertThat(value(server, "alarmhub_hemu_live_requests_total", "type=\"8\"")).isEqualTo(1);
            }

            camera.awaitLine("DevAppCmd type 9");
            camera.awaitLine("not uploading: no viewer watches");
            assertThat(value(server, "alarmhub_hemu_live_requests_total", "type=\"9\"")).isEqualTo(1);
            assertThat(value(server, "alarmhub_hemu_live_viewers", "transport=\"http\"")).isZero();
            // The camera sends nothing after that line. A ping already on its way when the line was printed may
            // be read after this look at the counter; the second one read after it was sent after the line, so
            // every package sent before has been read by then.
            double pings = value(server, PINGS, HEMU_PINGS);
            awaitPingsPast(server, pings + 2);
            double stopped = value(server, PACKAGES, VIDEO);
            awaitPingsPast(server, pings + 4);
            assertThat(value(server, PACKAGES, VIDEO)).as("video after the viewer left").isEqualTo(stopped);
            assertThat(value(server, "alarmhub_hemu_live_requests_total", "type=\"8\"")).isEqualTo(1);
            assertThat(camera.isAlive()).as(camera.output()).isTrue();
            // What the camera heard, and what it did about it, in that order. The answering part and the uploading
            // part of the simulator each print their own line for the same DevAppCmd, in either order.
            String plan = "plan 2 (expired): uploading only while a viewer watches (DevAppCmd 8 to 9)";
            assertThat(camera.lines()).containsSubsequence(plan, "DevAppCmd type 8: not answered",
                    "DevAppCmd type 9: not answered");
            assertThat(camera.lines()).containsSubsequence(plan, "uploading from the next keyframe",
                    "not uploading: no viewer watches");
            assertThat(camera.lines().indexOf("uploading from the next keyframe"))
                    .isLessThan(camera.lines().indexOf("DevAppCmd type 9: not answered"));
        }
    }

    private static void awaitPingsPast(ServerProcess server, double count) {
        assertThat(Scrape.await(server, WAIT, v -> v >= count, PINGS, HEMU_PINGS)).isGreaterThanOrEqualTo(count);
    }

    private static double value(ServerProcess server, String name, String... labels) throws Exception {
        return Scrape.value(server, name, labels);
    }
}
