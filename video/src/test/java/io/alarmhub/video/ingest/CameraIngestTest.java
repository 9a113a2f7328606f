package io.alarmhub.video.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.video.AudioCodec;
import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoException;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.audio.ALaw;
import io.alarmhub.video.audio.G726Encoder;
import io.alarmhub.video.audio.G726Format;
import io.alarmhub.video.codec.AnnexB;
import io.alarmhub.video.codec.ParameterSets;
import io.alarmhub.video.hub.CameraSession;
import io.alarmhub.video.hub.VideoHub;
import io.alarmhub.video.hub.VideoSettings;
import io.alarmhub.video.live.Audience;
import io.alarmhub.video.record.RecorderSettings;
import io.alarmhub.video.record.RecordingCatalog;
import io.alarmhub.video.record.RecordingFile;
import io.alarmhub.video.record.RecordingMode;
import io.alarmhub.video.testing.CameraStream;
import io.alarmhub.video.testing.MediaTools;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera's packages as they come off the wire, through the hub: a {@code start_time} that wraps mid-recording
 * records without a jump, lost packages are counted, and a package that cannot be read is refused without
 * harming what follows.
 */
class CameraIngestTest {

    private static final long WRAP = 1L << 32;
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
                RecorderSettings.defaults(dir)), catalog, Clock.systemUTC());
    }

    /** The packages a camera sends for {@code stream}: sets before each keyframe, its clock from {@code start}. */
    private static List<CameraPackage> packages(CameraStream stream, long start) {
        return packages(stream, start, AudioFrame::alaw);
    }

    /** As above, each audio packet's data made from its frame by {@code audio}. */
    private static List<CameraPackage> packages(CameraStream stream, long start,
                                                java.util.function.Function<AudioFrame, byte[]> audio) {
        List<CameraPackage> packages = new ArrayList<>();
        ParameterSets sets = stream.sets();
        List<byte[]> group = new ArrayList<>(sets.vps());
        group.addAll(sets.sps());
        group.addAll(sets.pps());
        long videoSeq = 0;
        long audioSeq = 0;
        for (MediaFrame frame : stream.frames()) {
            long stamp = (start + frame.time()) % WRAP;
            if (frame instanceof VideoFrame video) {
                if (video.keyframe()) {
                    packages.add(new CameraPackage(CameraPackage.PARAMETER_SETS, false, AnnexB.withStartCodes(group),
                            stamp, videoSeq, -1, 0));
                }
                packages.add(new CameraPackage(CameraPackage.VIDEO, video.keyframe(),
                        AnnexB.withStartCodes(AnnexB.splitLengthPrefixed(video.units())), stamp, videoSeq++, -1, 0));
            } else {
                packages.add(new CameraPackage(CameraPackage.AUDIO, false, audio.apply((AudioFrame) frame), stamp,
                        audioSeq++, -1, 0));
            }
        }
        return packages;
    }

    @Test
    void aStartTimeThatWrapsMidRecordingRecordsWithoutAJump() throws Exception {
        CameraStream stream = CameraStream.of(VideoCodec.H264, 640, 360, 10);
        try (VideoHub hub = hub()) {
            CameraSession camera = hub.open("110234567894562", VideoCodec.H264, AudioCodec.G711A,
                    RecordingMode.CONTINUOUS, Audience.NONE);
            for (CameraPackage p : packages(stream, WRAP - 3_000)) {
                camera.accept(p);
            }
            assertThat(camera.lost()).isZero();
            camera.close();
        }

        assertThat(closed).hasSize(1);
        JsonNode probe = JSON.readTree(MediaTools.ffprobe8("-v", "error", "-count_frames", "-show_format", "-show_streams", "-of",
                "json", closed.get(0).path().toString()));
        assertThat(probe.path("format").path("duration").asDouble()).isBetween(9.96, 10.04);
        assertThat(probe.path("streams").get(0).path("nb_read_frames").asInt()).isEqualTo(stream.video().size());
    }

    @Test
    void anH265CameraWithG726AudioIsRecordedAsHevcWithFlacAsLongAsItsVideo() throws Exception {
        CameraStream stream = CameraStream.of(VideoCodec.H265, 640, 360, 10);
        G726Encoder g726 = new G726Encoder(G726Format.DEFAULT);
        short[] pcm = new short[CameraStream.AUDIO_SAMPLES];
        try (VideoHub hub = hub()) {
            CameraSession camera = hub.open("110234567894564", VideoCodec.H265, AudioCodec.G726,
                    RecordingMode.CONTINUOUS, Audience.NONE);
            for (CameraPackage p : packages(stream, 0, frame -> {
                ALaw.decode(frame.alaw(), 0, frame.samples(), pcm, 0);
                byte[] words = new byte[G726Format.DEFAULT.bytesFor(frame.samples())];
                g726.encode(pcm, 0, frame.samples(), words, 0);
                return words;
            })) {
                camera.accept(p);
            }
            camera.close();
        }

        assertThat(closed).hasSize(1);
        JsonNode probe = JSON.readTree(MediaTools.ffprobe8("-v", "error", "-count_frames", "-show_format",
                "-show_streams", "-of", "json", closed.get(0).path().toString()));
        assertThat(probe.path("streams").get(0).path("codec_name").asText()).isEqualTo("hevc");
        JsonNode sound = probe.path("streams").get(1);
        assertThat(sound.path("codec_name").asText()).isEqualTo("flac");
        assertThat(sound.path("sample_rate").asInt()).isEqualTo(8000);
        assertThat(sound.path("duration").asDouble()).isBetween(9.9, 10.1);
    }

    @Test
    void lostPackagesAreCountedAndAnUnreadableOneHarmsNothingAfterIt() {
        CameraStream stream = CameraStream.of(VideoCodec.H264, 640, 360, 10);
        List<CameraPackage> packages = packages(stream, 0);
        try (VideoHub hub = hub()) {
            CameraSession camera = hub.open("110234567894563", VideoCodec.H264, AudioCodec.G711A, RecordingMode.OFF,
                    Audience.NONE);
            int lost = packages.stream().filter(p -> p.type() == CameraPackage.AUDIO).skip(40).findFirst()
                    .map(packages::indexOf).orElseThrow();
            for (int i = 0; i < packages.size(); i++) {
                if (i != lost) { // one audio package lost on the way
                    camera.accept(packages.get(i));
                }
            }
            assertThatThrownBy(() -> camera.accept(new CameraPackage(CameraPackage.AUDIO, false, new byte[3], 0, 9_999,
                    -1, 0))).isInstanceOf(VideoException.class);
            assertThat(camera.lost()).isEqualTo(1);
            assertThat(camera.feed().viewers()).isZero();
            camera.close();
        }
    }
}
