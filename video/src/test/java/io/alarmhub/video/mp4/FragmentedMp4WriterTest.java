package io.alarmhub.video.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoException;
import io.alarmhub.video.VideoFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Files written from camera-like video, read back by FFmpeg 5.1 and 8.1. */
class FragmentedMp4WriterTest {

    /** Camera time of the fixtures' first frame: the file must start at 0 whatever the camera's clock says. */
    static final long CAMERA_START = 123_456;
    /** Within one frame of what was sent. */
    private static final double ONE_FRAME = 0.040;

    private static CameraFeed.Video h264;
    private static CameraFeed.Video h265;

    @BeforeAll
    static void fixtures() {
        h264 = CameraFeed.split(VideoCodec.H264, CameraFeed.encode(VideoCodec.H264, 10), CAMERA_START);
        h265 = CameraFeed.split(VideoCodec.H265, CameraFeed.encode(VideoCodec.H265, 10), CAMERA_START);
    }

    /** A writer of a new {@code target/name}; a file left by an earlier run is deleted first. */
    static FragmentedMp4Writer create(Path file, Mp4Tracks tracks) throws IOException {
        Files.deleteIfExists(file);
        return FragmentedMp4Writer.create(file, tracks);
    }

    static Path write(String name, Mp4Tracks tracks, List<? extends MediaFrame> frames) throws IOException {
        Path file = Path.of("target", name);
        try (FragmentedMp4Writer writer = create(file, tracks)) {
            for (MediaFrame frame : frames) {
                writer.write(frame);
            }
        }
        return file;
    }

    /** Decodes every frame with FFmpeg 8.1; its complaints, which must be none. */
    static String decodeErrors(Path file) {
        return Tools.ffmpeg8("-v", "error", "-i", file.toString(), "-f", "null", "-").err();
    }

    @Test
    void h264IsReadByFfprobe51And81WithTheFramesAndDurationSent() throws IOException {
        Path file = write("mp4-h264.mp4", Mp4Tracks.video(h264.sets()), h264.frames());

        for (Probe probe : List.of(Probe.v51(file), Probe.v81(file, "v:0"))) {
            assertThat(probe.get("codec_name")).isEqualTo("h264");
            assertThat(probe.get("width")).isEqualTo("640");
            assertThat(probe.get("height")).isEqualTo("360");
            assertThat(probe.frames()).isEqualTo(250);
            assertThat(probe.seconds("format_duration")).isCloseTo(10.0, within(ONE_FRAME));
            assertThat(probe.pts()).hasSize(250).startsWith(0L);
            probe.assertPtsIncrease();
        }
        assertThat(decodeErrors(file)).isEmpty();
    }

    @Test
    void h265IsReadByFfprobe81WithTheFramesAndDurationSent() throws IOException {
        Path file = write("mp4-h265.mp4", Mp4Tracks.video(h265.sets()), h265.frames());

        Probe probe = Probe.v81(file, "v:0");
        assertThat(probe.get("codec_name")).isEqualTo("hevc");
        assertThat(probe.get("width")).isEqualTo("640");
        assertThat(probe.get("height")).isEqualTo("360");
        assertThat(probe.frames()).isEqualTo(250);
        assertThat(probe.seconds("format_duration")).isCloseTo(10.0, within(ONE_FRAME));
        probe.assertPtsIncrease();
        assertThat(decodeErrors(file)).isEmpty();
    }

    @Test
    void theFileStartsAtZeroOnItsFirstKeyframeAndReportsItsCameraTimes() throws IOException {
        // The camera's stream joined mid-GOP: frames 13 to 24 cannot be decoded, the file starts at frame 25.
        List<VideoFrame> joined = h264.frames().subList(13, 250);
        Path file = Path.of("target", "mp4-joined.mp4");
        FragmentedMp4Writer writer = create(file, Mp4Tracks.video(h264.sets()));
        try (writer) {
            for (VideoFrame frame : joined) {
                writer.write(frame);
            }
        }
        Mp4Summary summary = writer.summary();

        Probe probe = Probe.v51(file);
        assertThat(probe.frames()).isEqualTo(225);
        assertThat(probe.pts()).startsWith(0L);
        assertThat(probe.seconds("format_duration")).isCloseTo(9.0, within(ONE_FRAME));
        assertThat(summary).isEqualTo(new Mp4Summary(Files.size(file), CAMERA_START + 1000, CAMERA_START + 9960,
                9000, 225, 0));
        assertThat(decodeErrors(file)).isEmpty();
    }

    @Test
    void eachGopIsOneFragmentThatStartsWithItsKeyframe() throws IOException {
        Path file = write("mp4-gops.mp4", Mp4Tracks.video(h264.sets()), h264.frames());

        List<BoxTree.Box> boxes = BoxTree.of(Files.readAllBytes(file));
        assertThat(BoxTree.find(boxes, "moof")).hasSize(10);
        List<Run> runs = Run.all(Files.readAllBytes(file));
        assertThat(runs).extracting(Run::baseTime)
                .containsExactly(0L, 1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L, 8000L, 9000L);
        for (Run run : runs) {
            assertThat(run.durations()).hasSize(25).containsOnly(40L);
            assertThat(run.sync().get(0)).isTrue();
            assertThat(run.sync().subList(1, 25)).containsOnly(false);
        }
    }

    @Test
    void aGopLongerThanTwoSecondsIsCutIntoFragmentsOfTwoSeconds() throws IOException {
        // Five seconds with a keyframe only at the start, as a camera set to a long GOP sends.
        List<VideoFrame> frames = new ArrayList<>();
        for (VideoFrame frame : h264.frames().subList(0, 125)) {
            frames.add(new VideoFrame(frame.time(), frame == h264.frames().get(0), frame.units()));
        }
        Path file = write("mp4-long-gop.mp4", Mp4Tracks.video(h264.sets()), frames);

        List<Run> runs = Run.all(Files.readAllBytes(file));
        assertThat(runs).extracting(run -> run.durations().size()).containsExactly(50, 50, 25);
        assertThat(runs).extracting(Run::baseTime).containsExactly(0L, 2000L, 4000L);
    }

    @Test
    void framesAtTheSameTimeAreSetApartSoTimesStillIncrease() throws IOException {
        List<VideoFrame> frames = new ArrayList<>();
        for (VideoFrame frame : h264.frames().subList(0, 50)) {
            long time = frame.time() - (frames.size() % 2 == 1 ? 40 : 0); // pairs of frames at one time
            frames.add(new VideoFrame(time, frame.keyframe(), frame.units()));
        }
        Path file = write("mp4-same-time.mp4", Mp4Tracks.video(h264.sets()), frames);

        Probe probe = Probe.v51(file);
        assertThat(probe.frames()).isEqualTo(50);
        probe.assertPtsIncrease();
    }

    @Test
    void aFileKilledInItsLastFragmentPlaysItsCompleteFragments() throws IOException {
        Path file = Path.of("target", "mp4-killed.mp4");
        byte[] written;
        try (FragmentedMp4Writer writer = create(file, Mp4Tracks.video(h264.sets()))) {
            for (VideoFrame frame : h264.frames().subList(0, 180)) {
                writer.write(frame);
            }
            written = Files.readAllBytes(file); // as a kill -9 would leave it: durations never filled in
        }
        List<BoxTree.Box> moofs = BoxTree.find(BoxTree.of(written), "moof");
        assertThat(moofs).hasSize(7);
        BoxTree.Box last = moofs.get(moofs.size() - 1);
        int cut = last.offset() + last.size() + 1000; // in the middle of its mdat
        Path killed = Path.of("target", "mp4-killed-cut.mp4");
        Files.write(killed, Arrays.copyOf(written, cut));

        for (var ffprobe : List.<Function<String[], Tools.Output>>of(Tools::ffprobe, Tools::ffprobe8)) {
            Tools.Output probe = ffprobe.apply(new String[] {"-v", "fatal", "-count_frames", "-select_streams",
                    "v:0", "-show_entries", "stream=codec_name,nb_read_frames", "-of", "default=nw=1",
                    killed.toString()});
            assertThat(probe.err()).isEmpty(); // warnings about the cut tail, but nothing fatal
            assertThat(probe.out()).contains("codec_name=h264");
            int frames = Integer.parseInt(probe.out().replaceAll("(?s).*nb_read_frames=(\\d+).*", "$1"));
            assertThat(frames).isGreaterThanOrEqualTo(150); // the six GOPs before the cut one
        }
        assertThat(Tools.ffmpeg8("-v", "fatal", "-i", killed.toString(), "-f", "null", "-").err()).isEmpty();
    }

    @Test
    void aFileKilledRightAfterItsInitSegmentIsAnEmptyMovie() throws IOException {
        Path file = Path.of("target", "mp4-init-only.mp4");
        byte[] written;
        try (FragmentedMp4Writer writer = create(file, Mp4Tracks.video(h264.sets()))) {
            writer.write(h264.frames().get(0));
            written = Files.readAllBytes(file);
        }
        assertThat(BoxTree.of(written)).extracting(BoxTree.Box::path).doesNotContain("moof");
        Path cut = Path.of("target", "mp4-init-only-cut.mp4");
        Files.write(cut, written);

        Tools.Output probe = Tools.ffprobe8("-v", "error", "-show_entries", "stream=codec_name,width,height",
                "-of", "default=nw=1", cut.toString());
        assertThat(probe.err()).isEmpty();
        assertThat(probe.out()).contains("codec_name=h264", "width=640", "height=360");
    }

    @Test
    void aFileFitsOnlyTheParameterSetsItWasMadeFor() throws IOException {
        try (FragmentedMp4Writer writer = create(Path.of("target", "mp4-fits.mp4"),
                Mp4Tracks.video(h264.sets()))) {
            assertThat(writer.fits(h264.sets())).isTrue();
            assertThat(writer.fits(h265.sets())).isFalse();
        }
    }

    @Test
    void framesPastTheirBoundsAreRefused() throws IOException {
        try (FragmentedMp4Writer writer = create(Path.of("target", "mp4-bounds.mp4"),
                Mp4Tracks.video(h264.sets()))) {
            assertThatThrownBy(() -> writer.write(new VideoFrame(0, true, new byte[4 * 1024 * 1024 + 1])))
                    .isInstanceOf(VideoException.class);
            assertThatThrownBy(() -> writer.write(new VideoFrame(0, true, new byte[0])))
                    .isInstanceOf(VideoException.class);
            writer.write(h264.frames().get(0));
            long dayLater = h264.frames().get(0).time() + FragmentedMp4Writer.MAX_SPAN_MILLIS + 1;
            assertThatThrownBy(() -> writer.write(new VideoFrame(dayLater, false, h264.frames().get(1).units())))
                    .isInstanceOf(VideoException.class);
        }
    }

    @Test
    void anExistingFileIsNeverReplaced() throws IOException {
        Path file = write("mp4-existing.mp4", Mp4Tracks.video(h264.sets()), h264.frames().subList(0, 50));
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> FragmentedMp4Writer.create(file, Mp4Tracks.video(h264.sets())))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aClosedWriterRefusesFramesAndCanBeClosedAgain() throws IOException {
        FragmentedMp4Writer writer = create(Path.of("target", "mp4-closed.mp4"),
                Mp4Tracks.video(h264.sets()));
        writer.close();
        writer.close();
        assertThatThrownBy(() -> writer.write(h264.frames().get(0))).isInstanceOf(IOException.class);
    }

    @Test
    void theSummaryCountsOnlyCompleteFragments() throws IOException {
        Path file = Path.of("target", "mp4-summary.mp4");
        try (FragmentedMp4Writer writer = create(file, Mp4Tracks.video(h264.sets()))) {
            assertThat(writer.summary().isEmpty()).isTrue();
            assertThat(writer.summary().bytes()).isEqualTo(Files.size(file));
            for (VideoFrame frame : h264.frames().subList(0, 30)) {
                writer.write(frame);
            }
            Mp4Summary summary = writer.summary();
            assertThat(summary.videoFrames()).isEqualTo(25); // the first GOP; the second is still being gathered
            assertThat(summary.durationMillis()).isEqualTo(1000);
            assertThat(summary.bytes()).isEqualTo(Files.size(file));
        }
    }

    /** One {@code trun}: its fragment's base time and each sample's duration and sync flag. */
    record Run(long baseTime, List<Long> durations, List<Boolean> sync) {

        static List<Run> all(byte[] file) {
            ByteBuffer data = ByteBuffer.wrap(file);
            List<BoxTree.Box> boxes = BoxTree.of(file);
            List<BoxTree.Box> tfdts = BoxTree.find(boxes, "moof/traf/tfdt");
            List<BoxTree.Box> truns = BoxTree.find(boxes, "moof/traf/trun");
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < truns.size(); i++) {
                long base = data.getLong(tfdts.get(i).body() + 4);
                int at = truns.get(i).body() + 4;
                int count = data.getInt(at);
                List<Long> durations = new ArrayList<>();
                List<Boolean> sync = new ArrayList<>();
                for (int s = 0; s < count; s++) {
                    int sample = at + 8 + s * 12; // after sample_count and data_offset
                    durations.add(Integer.toUnsignedLong(data.getInt(sample)));
                    sync.add((data.getInt(sample + 8) & 0x00010000) == 0);
                }
                runs.add(new Run(base, durations, sync));
            }
            return runs;
        }
    }
}
