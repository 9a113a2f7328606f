package io.alarmhub.video.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.video.AudioCodec;
import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.audio.CameraAudio;
import io.alarmhub.video.audio.FlacStreamInfo;
import io.alarmhub.video.live.Audience;
import io.alarmhub.video.live.LiveFeed;
import io.alarmhub.video.mp4.FlacTrack;
import io.alarmhub.video.ring.CameraRing;
import io.alarmhub.video.ring.RingBudget;
import io.alarmhub.video.testing.CameraStream;
import io.alarmhub.video.testing.MediaTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording by plan, on real video made by ffmpeg and read back by ffprobe: continuous segments cut at keyframes,
 * clips that start at least the pre-record before their alarm and end the post-record after it, overlapping
 * alarms in one clip, and nothing on the expired plan.
 */
class CameraRecorderTest {

    private static final long T0 = 1_765_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<RecordingFile> opened = new ArrayList<>();
    private final List<RecordingFile> closed = new ArrayList<>();

    private final RecordingCatalog catalog = new RecordingCatalog() {
        @Override
        public void opened(RecordingFile file) {
            opened.add(file);
        }

        @Override
        public void closed(RecordingFile file) {
            closed.add(file);
        }

        @Override
        public void discarded(RecordingFile file) {
        }
    };

    /** A camera: its ring and feed, and the recorder fed after them, as ingest does. */
    private final class Camera {
        final CameraRing ring = new CameraRing(Duration.ofSeconds(15), 64L << 20, new RingBudget(256L << 20));
        final LiveFeed feed = new LiveFeed(ring, 4, Audience.NONE);
        final CameraRecorder recorder;
        final CameraAudio audio = CameraAudio.of(AudioCodec.G711A);

        Camera(RecordingMode mode, RecorderSettings settings) {
            recorder = new CameraRecorder("110234567894562", mode,
                    Optional.of(FlacTrack.of(FlacStreamInfo.of(8000).streamInfo())), ring, settings, catalog);
        }

        /** Plays {@code stream} into the camera, calling {@code at} with each video frame's time first. */
        void play(CameraStream stream, int controlFlag, LongConsumer at) {
            play(stream, time -> controlFlag, at);
        }

        /** As above, each frame's {@code control_flag} given by its time. */
        void play(CameraStream stream, LongToIntFunction controlFlag, LongConsumer at) {
            feed.parameterSets(stream.sets());
            recorder.parameterSets(stream.sets());
            for (MediaFrame frame : stream.frames()) {
                MediaFrame f = frame instanceof AudioFrame a ? audio.frame(a.time(), a.alaw()) : frame;
                if (!(f instanceof AudioFrame)) {
                    at.accept(f.time());
                }
                feed.publish(f);
                recorder.frame(f, T0 + f.time(), T0 + f.time() - 3_000, controlFlag.applyAsInt(f.time()));
            }
        }
    }

    private RecorderSettings settings(int segmentSeconds) {
        return new RecorderSettings(dir, Duration.ofSeconds(segmentSeconds), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 16L << 20);
    }

    private static JsonNode probe(Path file) throws Exception {
        return JSON.readTree(MediaTools.ffprobe8("-v", "error", "-show_streams", "-show_format", "-of", "json",
                file.toString()));
    }

    private static double duration(Path file) throws Exception {
        return probe(file).path("format").path("duration").asDouble();
    }

    @Test
    void continuousRecordingIsCutIntoSegmentsAtKeyframesThatFfprobeReadsWhole() throws Exception {
        Camera camera = new Camera(RecordingMode.CONTINUOUS, settings(10));
        CameraStream stream = CameraStream.of(VideoCodec.H264, 640, 360, 25);

        camera.play(stream, 0, t -> { });
        camera.recorder.close();

        assertThat(closed).hasSize(3);
        assertThat(opened).extracting(RecordingFile::id).containsExactlyElementsOf(
                closed.stream().map(RecordingFile::id).toList());
        double total = 0;
        for (RecordingFile file : closed) {
            assertThat(file.kind()).isEqualTo(RecordingKind.CONTINUOUS);
            assertThat(file.complete()).isTrue();
            JsonNode probe = probe(file.path());
            assertThat(probe.path("streams").get(0).path("codec_name").asText()).isEqualTo("h264");
            assertThat(probe.path("streams").get(1).path("codec_name").asText()).isEqualTo("flac");
            total += duration(file.path());
        }
        assertThat(duration(closed.get(0).path())).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(total).isCloseTo(stream.millis() / 1000.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(closed.get(0).cameraStart()).isEqualTo(closed.get(0).serverStart() - 3_000);
    }

    @Test
    void anAlarmsClipStartsAtLeastThePreRecordBeforeItAndEndsThePostRecordAfter() throws Exception {
        Camera camera = new Camera(RecordingMode.EVENTS, settings(60));
        CameraStream stream = CameraStream.of(VideoCodec.H264, 640, 360, 30);

        camera.play(stream, 2, t -> {
            if (t == 12_000) {
                camera.recorder.alarmStarted("alarm-1");
            } else if (t == 14_000) {
                camera.recorder.alarmEnded("alarm-1");
            }
        });
        camera.recorder.close();

        assertThat(closed).hasSize(1);
        RecordingFile clip = closed.get(0);
        assertThat(clip.kind()).isEqualTo(RecordingKind.CLIP);
        assertThat(clip.alarmRefs()).containsExactly("alarm-1");
        assertThat(T0 + 12_000 - clip.serverStart()).isGreaterThanOrEqualTo(5_000);
        assertThat(clip.serverEnd() - (T0 + 14_000)).isGreaterThanOrEqualTo(10_000);
        assertThat(duration(clip.path())).isBetween(17.0, 19.1);
    }

    @Test
    void overlappingAlarmsShareOneClip() {
        Camera camera = new Camera(RecordingMode.CONTINUOUS, settings(60));
        CameraStream stream = CameraStream.of(VideoCodec.H264, 640, 360, 30);

        camera.play(stream, 0, t -> {
            if (t == 8_000) {
                camera.recorder.alarmStarted("a");
            } else if (t == 9_000) {
                camera.recorder.alarmEnded("a");
            } else if (t == 15_000) {
                camera.recorder.alarmStarted("b");
            } else if (t == 16_000) {
                camera.recorder.alarmEnded("b");
            }
        });
        camera.recorder.close();

        List<RecordingFile> clips = closed.stream().filter(f -> f.kind() == RecordingKind.CLIP).toList();
        assertThat(clips).hasSize(1);
        assertThat(clips.get(0).alarmRefs()).containsExactly("a", "b");
        assertThat(closed.stream().filter(f -> f.kind() == RecordingKind.CONTINUOUS)).hasSize(1);
    }

    @Test
    void anEventUploadIsRecordedAndAViewersUploadIsNot() {
        Camera camera = new Camera(RecordingMode.EVENTS, settings(60));

        camera.play(CameraStream.of(VideoCodec.H264, 640, 360, 10), 2, t -> { });
        assertThat(opened).isEmpty();

        Camera uploading = new Camera(RecordingMode.EVENTS, settings(60));
        uploading.play(CameraStream.of(VideoCodec.H264, 640, 360, 10), 1, t -> { });
        uploading.recorder.close();
        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).alarmRefs()).isEmpty();
    }

    @Test
    void anAlarmRaisedBeforeAnyVideoGetsItsClipFromTheFirstKeyframe() throws Exception {
        Camera camera = new Camera(RecordingMode.CONTINUOUS, settings(60));
        camera.recorder.alarmStarted("early");
        camera.recorder.alarmEnded("early");

        camera.play(CameraStream.of(VideoCodec.H264, 640, 360, 30), 0, t -> { });
        camera.recorder.close();

        List<RecordingFile> clips = closed.stream().filter(f -> f.kind() == RecordingKind.CLIP).toList();
        assertThat(clips).hasSize(1);
        assertThat(clips.get(0).alarmRefs()).containsExactly("early");
        assertThat(duration(clips.get(0).path())).isBetween(9.9, 10.2);
    }

    @Test
    void aSwitchFromViewingToAnEventKeepsTheViewedVideoAsTheClipsPreRecord() throws Exception {
        Camera camera = new Camera(RecordingMode.EVENTS, settings(60));

        camera.play(CameraStream.of(VideoCodec.H264, 640, 360, 30), time -> time < 12_000 ? 2 : 1, t -> { });
        camera.recorder.close();

        assertThat(closed).hasSize(1);
        assertThat(T0 + 12_000 - closed.get(0).serverStart()).isGreaterThanOrEqualTo(5_000);
        assertThat(duration(closed.get(0).path())).isGreaterThanOrEqualTo(23.0);
    }

    @Test
    void theExpiredPlanRecordsNothingEvenForAlarms() {
        Camera camera = new Camera(RecordingMode.OFF, settings(60));

        camera.play(CameraStream.of(VideoCodec.H264, 640, 360, 10), 0, t -> {
            if (t == 5_000) {
                camera.recorder.alarmStarted("a");
            }
        });
        camera.recorder.close();

        assertThat(opened).isEmpty();
    }

    @Test
    void h265IsRecordedAsHvc1() throws Exception {
        Camera camera = new Camera(RecordingMode.CONTINUOUS, settings(60));

        camera.play(CameraStream.of(VideoCodec.H265, 640, 360, 5), 0, t -> { });
        camera.recorder.close();

        assertThat(closed).hasSize(1);
        JsonNode video = probe(closed.get(0).path()).path("streams").get(0);
        assertThat(video.path("codec_name").asText()).isEqualTo("hevc");
        assertThat(video.path("codec_tag_string").asText()).isEqualTo("hvc1");
    }
}
