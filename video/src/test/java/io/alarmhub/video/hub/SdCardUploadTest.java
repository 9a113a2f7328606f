package io.alarmhub.video.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.video.AudioCodec;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.audio.G726Format;
import io.alarmhub.video.ingest.CameraPackage;
import io.alarmhub.video.live.Audience;
import io.alarmhub.video.record.RecorderSettings;
import io.alarmhub.video.record.RecordingCatalog;
import io.alarmhub.video.record.RecordingFile;
import io.alarmhub.video.record.RecordingKind;
import io.alarmhub.video.record.RecordingMode;
import io.alarmhub.video.testing.CameraPackages;
import io.alarmhub.video.testing.CameraStream;
import io.alarmhub.video.testing.MediaTools;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera back from an outage uploads its SD card on a second connection: the upload is recorded as SD-card files
 * at the camera's own times, an hour ago, beside its live session, which it neither replaces nor shows to viewers.
 */
class SdCardUploadTest {

    private static final String CAMERA = "110234567894562";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<RecordingFile> closed = new CopyOnWriteArrayList<>();

    private VideoHub hub() {
        RecordingCatalog catalog = new RecordingCatalog() {
            @Override
            public void opened(RecordingFile file) {
            }

            @Override
            public void closed(RecordingFile file) {
                closed.add(file);
            }

            @Override
            public void discarded(RecordingFile file) {
            }
        };
        return new VideoHub(new VideoSettings(Duration.ofSeconds(15), 32L << 20, 64L << 20, 4, G726Format.DEFAULT,
                RecorderSettings.defaults(dir)), catalog, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void anUploadFromAnHourAgoIsAnSdCardFileIndexedAtThatHourThatFfprobeReads() throws Exception {
        CameraStream stream = CameraStream.of(VideoCodec.H264, 640, 360, 10);
        long anHourAgo = NOW.minus(Duration.ofHours(1)).toEpochMilli();
        CameraSession live;
        CameraSession upload;
        try (VideoHub hub = hub()) {
            live = hub.open(CAMERA, VideoCodec.H264, AudioCodec.G711A, RecordingMode.OFF, Audience.NONE);
            upload = hub.openSdCard(CAMERA, VideoCodec.H264, AudioCodec.G711A, RecordingMode.CONTINUOUS);
            for (CameraPackage p : CameraPackages.of(stream, 5_000, anHourAgo)) {
                upload.accept(p);
            }

            assertThat(hub.session(CAMERA)).as("the live session stays the camera's").containsSame(live);
            assertThat(hub.feed(CAMERA)).containsSame(live.feed());
            assertThat(hub.sdCard(CAMERA)).containsSame(upload);
            assertThat(upload.feed().viewers()).isZero();
            upload.close();
            assertThat(hub.sdCard(CAMERA)).isEmpty();
            assertThat(hub.session(CAMERA)).containsSame(live);
        }

        assertThat(closed).hasSize(1);
        RecordingFile file = closed.get(0);
        assertThat(file.kind()).isEqualTo(RecordingKind.SD_CARD);
        assertThat(file.serverStart()).as("the camera's time, not the upload's").isEqualTo(anHourAgo);
        assertThat(file.cameraStart()).isEqualTo(anHourAgo);
        assertThat(file.serverEnd()).isEqualTo(anHourAgo + stream.video().get(stream.video().size() - 1).time());
        assertThat(file.path().getParent().getFileName().toString()).isEqualTo("2026-12-07");
        assertThat(file.path().getFileName().toString()).startsWith(anHourAgo + "-sd_card-");
        JsonNode probe = JSON.readTree(MediaTools.ffprobe("-v", "error", "-show_format", "-show_streams", "-of",
                "json", file.path().toString()));
        assertThat(probe.path("streams").get(0).path("codec_name").asText()).isEqualTo("h264");
        assertThat(probe.path("streams").get(1).path("codec_name").asText()).isEqualTo("flac");
        assertThat(probe.path("format").path("duration").asDouble()).isCloseTo(10.0, Offset.offset(0.05));
    }

    @Test
    void separateStretchesOfTheCardAreSeparateFiles() throws Exception {
        CameraStream stream = CameraStream.of(VideoCodec.H264, 640, 360, 10);
        long first = NOW.minus(Duration.ofHours(2)).toEpochMilli();
        long second = NOW.minus(Duration.ofHours(1)).toEpochMilli();
        try (VideoHub hub = hub()) {
            CameraSession upload = hub.openSdCard(CAMERA, VideoCodec.H264, AudioCodec.G711A, RecordingMode.EVENTS);
            // The package clock runs on from one stretch to the next; only ipcam_time shows the hour between.
            for (CameraPackage p : CameraPackages.of(stream, 0, first)) {
                upload.accept(p);
            }
            for (CameraPackage p : CameraPackages.of(stream, stream.millis(), second)) {
                upload.accept(p);
            }
            upload.close();
        }

        assertThat(closed).extracting(RecordingFile::serverStart).containsExactly(first, second);
        for (RecordingFile file : closed) {
            assertThat(file.serverEnd() - file.serverStart()).isLessThan(stream.millis());
            JsonNode probe = JSON.readTree(MediaTools.ffprobe("-v", "error", "-show_format", "-of", "json",
                    file.path().toString()));
            assertThat(probe.path("format").path("duration").asDouble()).isCloseTo(10.0, Offset.offset(0.05));
        }
    }

    @Test
    void aPlanThatRecordsNothingKeepsNoUpload() {
        CameraStream stream = CameraStream.of(VideoCodec.H264, 640, 360, 10);
        try (VideoHub hub = hub()) {
            CameraSession upload = hub.openSdCard(CAMERA, VideoCodec.H264, AudioCodec.G711A, RecordingMode.OFF);
            for (CameraPackage p : CameraPackages.of(stream, 0, NOW.toEpochMilli() - 60_000)) {
                upload.accept(p);
            }
            upload.close();
        }

        assertThat(closed).isEmpty();
    }
}
