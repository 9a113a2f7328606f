package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.server.it.Chromium.Played;
import io.alarmhub.video.testing.VideoFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Hemu camera's video in a real browser: the command-line camera streams H.264 with A-law on the continuous plan,
 * and Debian's headless Chromium plays its owner's live URL with mpegts.js, over HTTP and over a WebSocket, as FLV
 * with FLAC audio (enhanced FLV), then one of its recordings (fragmented MP4, H.264 and FLAC) in a plain
 * {@code <video>}: pictures are decoded and shown, the clock runs, and sound is decoded too.
 */
class HemuBrowserIT {

    /** Seconds of live video each transport must play: several GOPs (one a second) and audio all along. */
    private static final int LIVE_SECONDS = 5;
    /** 25 frames a second: the video must not be a few pictures that stall. */
    private static final int MIN_FRAMES_A_SECOND = 10;

    @TempDir
    Path dir;

    @Test
    void chromiumPlaysTheLiveViewOverHttpAndWebSocketAndARecording() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir)
                .with("hemu", "hedgw:", "  plan: 1", "video:", "  segment: 4s").start();
             CommandLineCamera camera = CommandLineCamera.start(server, dir, VideoFixtures.h264(dir, 6),
                     VideoFixtures.alaw(dir, 440, 6))) {
            RestClient rest = new RestClient(server.rest);
            JsonNode links = rest.postOk("/hemu/live/" + CommandLineCamera.DEVICE,
                    "{\"alias\":\"alice\",\"audio\":\"flac\"}");

            Played overHttp = Chromium.playLive(links.path("flv").asText(), LIVE_SECONDS, dir);
            assertPlayedLive(overHttp, "http");
            Played overWebSocket = Chromium.playLive(links.path("ws").asText(), LIVE_SECONDS, dir);
            assertPlayedLive(overWebSocket, "websocket");

            JsonNode recording = await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500))
                    .until(() -> firstComplete(rest), r -> r != null);
            Played file = Chromium.playFile(recording.path("url").asText(), 3, dir);
            JsonNode report = file.report();
            assertThat(report.path("loadedMetadata").asBoolean()).as("%s", file).isTrue();
            assertThat(report.path("errors")).as("%s", file).isEmpty();
            assertThat(report.path("duration").asDouble()).as("%s", file).isBetween(3.9, 5.1);
            assertThat(report.path("videoWidth").asInt()).as("%s", file).isEqualTo(640);
            assertThat(report.path("last").path("error").isNull()).as("%s", file).isTrue();
            assertThat(report.path("last").path("currentTime").asDouble()).as("%s", file).isGreaterThanOrEqualTo(3);
            assertThat(report.path("last").path("totalVideoFrames").asInt()).as("%s", file)
                    .isGreaterThanOrEqualTo(3 * MIN_FRAMES_A_SECOND);
            assertThat(report.path("last").path("audioDecodedBytes").asLong()).as("FLAC decoded: %s", file)
                    .isPositive();
            assertThat(camera.isAlive()).as(camera.output()).isTrue();
        }
    }

    /** mpegts.js read H.264 and FLAC from the stream, and the browser decoded both while the clock ran. */
    private static void assertPlayedLive(Played played, String transport) {
        JsonNode report = played.report();
        JsonNode info = report.path("mediaInfo");
        JsonNode first = report.path("first");
        JsonNode last = report.path("last");
        assertThat(report.path("transport").asText()).isEqualTo(transport);
        assertThat(report.path("errors")).as("%s", played).isEmpty();
        assertThat(info.path("hasVideo").asBoolean()).as("%s", played).isTrue();
        assertThat(info.path("videoCodec").asText()).as("%s", played).startsWith("avc1.");
        assertThat(info.path("hasAudio").asBoolean()).as("%s", played).isTrue();
        assertThat(info.path("audioCodec").asText()).as("%s", played).isEqualTo("flac");
        assertThat(info.path("audioSampleRate").asInt()).as("%s", played).isEqualTo(8000);
        assertThat(info.path("audioChannelCount").asInt()).as("%s", played).isEqualTo(1);
        assertThat(report.path("advanced").asBoolean()).as("played %s s: %s", LIVE_SECONDS, played).isTrue();
        assertThat(last.path("error").isNull()).as("%s", played).isTrue();
        assertThat(last.path("currentTime").asDouble() - first.path("currentTime").asDouble()).as("%s", played)
                .isGreaterThanOrEqualTo(LIVE_SECONDS);
        assertThat(last.path("totalVideoFrames").asInt() - first.path("totalVideoFrames").asInt()).as("%s", played)
                .isGreaterThanOrEqualTo(LIVE_SECONDS * MIN_FRAMES_A_SECOND);
        assertThat(last.path("audioDecodedBytes").asLong()).as("FLAC decoded all along: %s", played)
                .isGreaterThan(first.path("audioDecodedBytes").asLong());
    }

    /** The owner's first complete recording of the camera, or null while there is none. */
    private static JsonNode firstComplete(RestClient rest) throws Exception {
        for (JsonNode r : rest.get("/hemu/recordings/" + CommandLineCamera.DEVICE, "alias=alice").path("recordings")) {
            if (r.path("complete").asBoolean()) {
                return r;
            }
        }
        return null;
    }
}
