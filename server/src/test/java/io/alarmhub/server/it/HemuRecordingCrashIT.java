package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.video.testing.MediaTools;
import io.alarmhub.video.testing.VideoFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A kill -9 of the server in the middle of a recording leaves a file that plays: the segment being written is in
 * the index (incomplete) while it is written, and after the kill FFmpeg reads its complete fragments from disk.
 */
class HemuRecordingCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE = "110234567894562";
    private static final String MAC = "2059a074e0bc";
    private static final String MOBILE = "13800138000";

    @TempDir
    Path dir;

    @Test
    void aRecordingCutByKillNineStillPlaysUpToItsLastFragment() throws Exception {
        ServerProcess server = HemuFixture.server(dir).with("hemu", "hedgw:", "  plan: 1", "video:", "  segment: 60s")
                .start();
        CommandLineCamera camera = null;
        try {
            RestClient rest = new RestClient(server.rest);
            camera = CommandLineCamera.start(server, dir, VideoFixtures.h264(dir, 6), VideoFixtures.alaw(dir, 440, 6));
            // A segment is open and has taken more than a few fragments (one per GOP, a GOP a second).
            JsonNode open = await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500))
                    .until(() -> writing(rest, server), r -> r != null);
            Path file = file(server, open);
            server.kill();

            JsonNode probe = JSON.readTree(MediaTools.ffprobe8("-v", "fatal", "-count_frames", "-show_streams", "-of",
                    "json", file.toString()));
            JsonNode video = probe.path("streams").get(0);
            assertThat(video.path("codec_name").asText()).isEqualTo("h264");
            assertThat(video.path("nb_read_frames").asInt()).isGreaterThanOrEqualTo(50);
        } finally {
            if (camera != null) {
                camera.close();
            }
            server.close();
        }
    }

    /** The camera's recording still being written, once its file holds a few fragments; null until then. */
    private static JsonNode writing(RestClient rest, ServerProcess server) throws Exception {
        for (JsonNode r : rest.get("/hemu/recordings/" + DEVICE, "alias=alice").path("recordings")) {
            if (!r.path("complete").asBoolean() && Files.exists(file(server, r))
                    && Files.size(file(server, r)) > 400_000) {
                return r;
            }
        }
        return null;
    }

    /** Where a recording's file lies: its URL's key under the media directory. */
    private static Path file(ServerProcess server, JsonNode recording) {
        String url = recording.path("url").asText();
        String key = url.substring(url.indexOf("/media/") + "/media/".length(), url.indexOf('?'));
        return server.dir.resolve("data").resolve("media").resolve(key);
    }
}
