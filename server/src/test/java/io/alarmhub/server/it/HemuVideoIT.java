package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.video.testing.MediaTools;
import io.alarmhub.video.testing.VideoFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Hemu camera's video on the packaged server: the command-line camera ({@code alarmhub hemu camera --hedgw
 * --video … --audio … --loop}, its own process) streams ffmpeg-made H.264 with A-law, the server records it in
 * segments (continuous plan), lists them to the camera's owner and serves each at its signed URL with HTTP
 * Range, and FFmpeg reads them: H.264 and FLAC, as long as a segment. The owner's live URL plays the same camera
 * as HTTP-FLV, and the clip of the camera's motion alarm reaches her app as a {@code media} event that plays.
 */
class HemuVideoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE = "110234567894562";
    private static final String MAC = "2059a074e0bc";
    private static final String MOBILE = "13800138000";

    @TempDir
    Path dir;

    @Test
    void aStreamingCameraIsRecordedInSegmentsThatItsOwnerListsAndPlays() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).with("hemu", "hedgw:", "  plan: 1", "video:", "  segment: 4s")
                .start()) {
            RestClient rest = new RestClient(server.rest);
            Path video = VideoFixtures.h264(dir, 6);
            Path audio = VideoFixtures.alaw(dir, 440, 6);
            LineClient app = new LineClient(server.tcp);
            app.send("{\"t\":14,\"alias\":\"alice\"}");
            CommandLineCamera camera = CommandLineCamera.start(server, dir, video, audio, "--motion");
            try {
                JsonNode recording = await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500))
                        .until(() -> firstComplete(rest), r -> r != null);
                assertThat(recording.path("kind").asText()).isEqualTo("continuous");
                assertThat(recording.path("video").asText()).isEqualTo("h264");
                assertThat(recording.path("audio").asText()).isEqualTo("flac");
                String url = recording.path("url").asText();

                JsonNode probe = JSON.readTree(MediaTools.ffprobe8("-v", "error", "-show_streams", "-show_format",
                        "-of", "json", url));
                assertThat(probe.path("streams").get(0).path("codec_name").asText()).isEqualTo("h264");
                assertThat(probe.path("streams").get(0).path("width").asInt()).isEqualTo(640);
                assertThat(probe.path("streams").get(1).path("codec_name").asText()).isEqualTo("flac");
                assertThat(probe.path("format").path("duration").asDouble()).isBetween(3.9, 5.1);

                HttpResponse<byte[]> part = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .header("Range", "bytes=4-7").build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(part.statusCode()).isEqualTo(206);
                assertThat(new String(part.body())).isEqualTo("ftyp");

                HttpResponse<String> stranger = rest.getRaw("/hemu/recordings/" + DEVICE, "alias=mallory");
                assertThat(stranger.statusCode()).isEqualTo(404);

                JsonNode links = rest.postOk("/hemu/live/" + DEVICE, "{\"alias\":\"alice\",\"audio\":\"flac_ffmpeg\"}");
                JsonNode live = JSON.readTree(MediaTools.ffprobe8("-v", "error", "-show_streams", "-of", "json",
                        links.path("flv").asText()));
                assertThat(live.path("streams").get(0).path("codec_name").asText()).isEqualTo("h264");
                assertThat(live.path("streams").get(1).path("codec_name").asText()).isEqualTo("flac");
                assertThat(rest.post("/hemu/live/" + DEVICE, "{\"alias\":\"mallory\"}").statusCode()).isEqualTo(403);

                // The camera reported a motion start and end as it logged in: its clip reaches alice, ready.
                JsonNode media = clipReady(app, server);
                JsonNode clip = JSON.readTree(MediaTools.ffprobe8("-v", "error", "-show_streams", "-show_format",
                        "-of", "json", media.path("url").asText()));
                assertThat(clip.path("streams").get(0).path("codec_name").asText()).isEqualTo("h264");
                assertThat(clip.path("format").path("duration").asDouble()).isGreaterThanOrEqualTo(9.9);
            } finally {
                camera.close();
                app.close();
            }
        }
    }

    /**
     * Reads (and acknowledges) alice's pushes until the camera's clip is announced, within a minute; its media
     * entry. A clip lasts the pre-record and post-record around its alarm, so it is ready some seconds after it.
     */
    private static JsonNode clipReady(LineClient app, ServerProcess server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> next = app.readWithin(1_000);
            if (next.isEmpty()) {
                continue;
            }
            JsonNode message = next.get();
            if (message.has("mid")) {
                app.send("{\"t\":-5,\"mid\":\"" + message.get("mid").asText() + "\"}");
            }
            JsonNode msg = message.path("msg");
            if (msg.path("event").asText().equals("media") && msg.path("device").asText().equals(DEVICE)) {
                return msg.path("media").get(0);
            }
        }
        throw new AssertionError("no clip was announced within a minute; the server said:\n" + server.output());
    }

    /** The owner's first complete recording of the camera, or null while there is none. */
    private static JsonNode firstComplete(RestClient rest) throws Exception {
        for (JsonNode r : rest.get("/hemu/recordings/" + DEVICE, "alias=alice").path("recordings")) {
            if (r.path("complete").asBoolean()) {
                return r;
            }
        }
        return null;
    }
}
