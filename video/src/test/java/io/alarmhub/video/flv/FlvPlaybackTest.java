package io.alarmhub.video.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.testing.CameraStream;
import io.alarmhub.video.testing.MediaTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What real players make of the stream: camera-like streams made by Debian's ffmpeg are muxed to
 * {@code target/*.flv}, then probed and decoded by FFmpeg 8.1 (which reads enhanced FLV) and, where classic FLV
 * suffices, by Debian's FFmpeg 5.1.
 */
class FlvPlaybackTest {

    private static final int SECONDS = 10;

    /** Muxes {@code stream} for a viewer that gets {@code audio}, from its first frame. */
    private static Path mux(CameraStream stream, AudioMode audio, String name) throws IOException {
        FlvMuxer muxer = new FlvMuxer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(muxer.start(stream.sets(), audio, CameraStream.FRAME_RATE));
        for (MediaFrame frame : stream.frames()) {
            out.writeBytes(muxer.frame(frame));
        }
        Path file = Path.of("target", "flv-" + name + ".flv");
        Files.write(file, out.toByteArray());
        return file;
    }

    /** ffprobe's {@code -of flat} output as keys and unquoted values. */
    private static Map<String, String> probe(String output) {
        Map<String, String> values = new HashMap<>();
        output.lines().map(line -> line.split("=", 2)).filter(pair -> pair.length == 2)
                .forEach(pair -> values.put(pair[0], pair[1].replace("\"", "")));
        return values;
    }

    private static Map<String, String> probe8(Path file) {
        return probe(MediaTools.ffprobe8("-v", "error", "-count_frames", "-show_streams", "-show_format", "-of",
                "flat", file.toString()));
    }

    /** FFmpeg 8.1 decodes every frame; {@code -xerror} makes any decoding error fail the run. */
    private static void decodes(Path file) {
        MediaTools.ffmpeg8("-xerror", "-i", file.toString(), "-f", "null", "-");
    }

    @Test
    void h264WithALawIsReadByBothFfmpegs() throws IOException {
        CameraStream stream = CameraStream.of(VideoCodec.H264, 640, 360, SECONDS);
        Path file = mux(stream, AudioMode.ALAW, "h264-alaw");

        Map<String, String> modern = probe8(file);
        assertThat(modern).containsEntry("streams.stream.0.codec_name", "h264")
                .containsEntry("streams.stream.0.width", "640").containsEntry("streams.stream.0.height", "360")
                .containsEntry("streams.stream.0.nb_read_frames", String.valueOf(stream.video().size()))
                .containsEntry("streams.stream.1.codec_name", "pcm_alaw")
                .containsEntry("streams.stream.1.sample_rate", "8000")
                .containsEntry("streams.stream.1.channels", "1")
                .containsEntry("format.nb_streams", "2");
        assertThat(Double.parseDouble(modern.get("format.duration"))).isCloseTo(SECONDS, within(0.04));
        decodes(file);

        Map<String, String> debian = probe(MediaTools.ffprobe("-v", "error", "-count_frames", "-show_streams",
                "-show_format", "-of", "flat", file.toString()));
        assertThat(debian).containsEntry("streams.stream.0.codec_name", "h264")
                .containsEntry("streams.stream.0.width", "640").containsEntry("streams.stream.0.height", "360")
                .containsEntry("streams.stream.0.nb_read_frames", String.valueOf(stream.video().size()))
                .containsEntry("streams.stream.1.codec_name", "pcm_alaw")
                .containsEntry("streams.stream.1.sample_rate", "8000")
                .containsEntry("streams.stream.1.channels", "1");
        MediaTools.ffmpeg("-xerror", "-i", file.toString(), "-f", "null", "-");
    }

    @Test
    void h265InEnhancedFlvIsReadByFfmpeg8() throws IOException {
        CameraStream stream = CameraStream.of(VideoCodec.H265, 640, 360, SECONDS);
        Path file = mux(stream, AudioMode.ALAW, "h265-alaw");

        Map<String, String> modern = probe8(file);
        assertThat(modern).containsEntry("streams.stream.0.codec_name", "hevc")
                .containsEntry("streams.stream.0.width", "640").containsEntry("streams.stream.0.height", "360")
                .containsEntry("streams.stream.0.nb_read_frames", String.valueOf(stream.video().size()))
                .containsEntry("streams.stream.1.codec_name", "pcm_alaw");
        assertThat(Double.parseDouble(modern.get("format.duration"))).isCloseTo(SECONDS, within(0.04));
        decodes(file);
    }

    /**
     * FLAC in the layout FFmpeg reads. The browsers' layout ({@link AudioMode#FLAC}) differs from it only by the
     * metadata block header before STREAMINFO (see {@code FlvMuxerTest}), which FFmpeg does not read.
     */
    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void flacIsReadAsLosslessEightKilohertzMono(VideoCodec codec) throws IOException {
        CameraStream stream = CameraStream.of(codec, 640, 360, SECONDS);
        Path file = mux(stream, AudioMode.FLAC_FFMPEG, codec + "-flac");

        Map<String, String> modern = probe8(file);
        assertThat(modern).containsEntry("streams.stream.0.codec_name", codec == VideoCodec.H264 ? "h264" : "hevc")
                .containsEntry("streams.stream.0.nb_read_frames", String.valueOf(stream.video().size()))
                .containsEntry("streams.stream.1.codec_name", "flac")
                .containsEntry("streams.stream.1.sample_rate", "8000")
                .containsEntry("streams.stream.1.channels", "1")
                .containsEntry("streams.stream.1.nb_read_frames", String.valueOf(stream.audio().size()));
        assertThat(Double.parseDouble(modern.get("format.duration"))).isCloseTo(SECONDS, within(0.04));
        decodes(file);
    }

    @Test
    void aViewerWithoutAudioGetsAVideoOnlyFile() throws IOException {
        Path file = mux(CameraStream.of(VideoCodec.H264, 640, 360, SECONDS), AudioMode.NONE, "h264-none");

        assertThat(probe8(file)).containsEntry("format.nb_streams", "1")
                .containsEntry("streams.stream.0.codec_name", "h264");
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void aViewerJoiningMidStreamStartsAtZeroOnAKeyframe(VideoCodec codec) throws IOException {
        CameraStream stream = CameraStream.of(codec, 640, 360, SECONDS);
        FlvMuxer muxer = new FlvMuxer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(muxer.start(stream.sets(), AudioMode.FLAC_FFMPEG));
        long joined = 3000 + CameraStream.FRAME_MILLIS; // one frame after a keyframe: the viewer waits for the next
        stream.frames().stream().filter(frame -> frame.time() >= joined)
                .forEach(frame -> out.writeBytes(muxer.frame(frame)));
        Path file = Path.of("target", "flv-joined-" + codec + ".flv");
        Files.write(file, out.toByteArray());

        Map<String, String> modern = probe8(file);
        long frames = stream.video().stream().filter(frame -> frame.time() >= 4000).count();
        long sounds = stream.audio().stream().filter(frame -> frame.time() >= 4000).count();
        assertThat(modern).containsEntry("streams.stream.0.nb_read_frames", String.valueOf(frames))
                .containsEntry("streams.stream.0.start_time", "0.000000")
                .containsEntry("streams.stream.1.nb_read_frames", String.valueOf(sounds));
        assertThat(Double.parseDouble(modern.get("format.duration"))).isCloseTo(SECONDS - 4, within(0.04));
        decodes(file);
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void newParameterSetsMidStreamAreDecodedAtTheirNewSize(VideoCodec codec) throws IOException {
        CameraStream before = CameraStream.of(codec, 640, 360, 2);
        CameraStream after = CameraStream.of(codec, 320, 180, 2);
        FlvMuxer muxer = new FlvMuxer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(muxer.start(before.sets(), AudioMode.NONE));
        before.video().forEach(frame -> out.writeBytes(muxer.frame(frame)));
        out.writeBytes(muxer.parameterSets(after.sets()));
        after.video().forEach(frame -> out.writeBytes(muxer.frame(
                new VideoFrame(frame.time() + before.millis(), frame.keyframe(), frame.units()))));
        Path file = Path.of("target", "flv-resized-" + codec + ".flv");
        Files.write(file, out.toByteArray());

        String sizes = MediaTools.ffprobe8("-v", "error", "-select_streams", "v", "-show_entries",
                "frame=width,height", "-of", "csv=p=0", file.toString());
        // A keyframe's line ends in a comma: its side data, which is not asked for, gets an empty column.
        assertThat(sizes.lines().map(line -> line.replaceAll(",$", "")).toList()).hasSize(before.video().size() + after.video().size())
                .startsWith("640,360").endsWith("320,180");
        decodes(file);
    }
}
