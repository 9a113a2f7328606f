package io.alarmhub.video.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoException;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.testing.MediaTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessUnitsTest {

    /** 640x360 is 23 macroblock rows cropped by 8 lines: the SPS's cropping must be read. */
    private static byte[] encoded(String encoder, String name) throws Exception {
        Path file = Path.of("target", "codec-" + name);
        MediaTools.ffmpeg("-f", "lavfi", "-i", "testsrc=size=640x360:rate=25", "-t", "2", "-pix_fmt", "yuv420p",
                "-c:v", encoder, "-g", "25", "-bf", "0", "-f", encoder.equals("libx264") ? "h264" : "hevc",
                file.toString());
        return Files.readAllBytes(file);
    }

    /** Splits a raw stream the way a camera packages it: parameter sets apart, one access unit per package. */
    private static List<VideoFrame> feed(AccessUnits units, byte[] stream) {
        return feed(units, stream, false);
    }

    /** With {@code inline}, the sets travel inside the keyframe's package instead of a package of their own. */
    private static List<VideoFrame> feed(AccessUnits units, byte[] stream, boolean inline) {
        List<VideoFrame> frames = new ArrayList<>();
        List<byte[]> picture = new ArrayList<>();
        boolean hasSlice = false;
        for (byte[] unit : AnnexB.units(stream)) {
            NalType type = NalType.of(units.codec(), unit);
            boolean set = type == NalType.VPS || type == NalType.SPS || type == NalType.PPS;
            if (hasSlice && (set || isFirstSlice(units.codec(), unit))) {
                frames.add(units.frame(frames.size() * 40L, AnnexB.withStartCodes(picture)));
                picture.clear();
                hasSlice = false;
            }
            if (set && !inline) {
                units.parameterSets(AnnexB.withStartCodes(List.of(unit)));
            } else {
                picture.add(unit);
                hasSlice |= isSlice(units.codec(), unit);
            }
        }
        frames.add(units.frame(frames.size() * 40L, AnnexB.withStartCodes(picture)));
        return frames;
    }

    private static boolean isSlice(VideoCodec codec, byte[] unit) {
        return codec == VideoCodec.H264 ? (unit[0] & 0x1f) <= 5 : ((unit[0] >> 1) & 0x3f) < 32;
    }

    private static boolean isFirstSlice(VideoCodec codec, byte[] unit) {
        if (codec == VideoCodec.H264) {
            int type = unit[0] & 0x1f;
            return (type == 1 || type == 5) && (unit[1] & 0x80) != 0; // first_mb_in_slice == 0
        }
        int type = (unit[0] >> 1) & 0x3f;
        return type < 32 && (unit[2] & 0x80) != 0; // first_slice_segment_in_pic_flag
    }

    @Test
    void h264FramesCarryTheirKeyframesAndTheSetsGiveTheCroppedSize() throws Exception {
        AccessUnits units = new AccessUnits(VideoCodec.H264);
        List<VideoFrame> frames = feed(units, encoded("libx264", "a.h264"));

        assertThat(frames).hasSize(50);
        assertThat(frames.stream().filter(VideoFrame::keyframe).map(f -> f.time())).containsExactly(0L, 1000L);
        ParameterSets sets = units.takeChanged().orElseThrow();
        assertThat(sets.width()).isEqualTo(640);
        assertThat(sets.height()).isEqualTo(360);
        assertThat(sets.codecString()).startsWith("avc1.64");
        assertThat(units.takeChanged()).isEmpty();
        byte[] avcc = sets.decoderConfiguration();
        assertThat(avcc[0]).isEqualTo((byte) 1);
        assertThat(avcc[4] & 3).isEqualTo(3);
    }

    @Test
    void h265FramesCarryTheirKeyframesAndTheSetsGiveTheCroppedSize() throws Exception {
        AccessUnits units = new AccessUnits(VideoCodec.H265);
        List<VideoFrame> frames = feed(units, encoded("libx265", "a.h265"));

        assertThat(frames).hasSize(50);
        assertThat(frames.stream().filter(VideoFrame::keyframe).count()).isGreaterThanOrEqualTo(2);
        assertThat(frames.get(0).keyframe()).isTrue();
        ParameterSets sets = units.current().orElseThrow();
        assertThat(sets.width()).isEqualTo(640);
        assertThat(sets.height()).isEqualTo(360);
        assertThat(sets.codecString()).startsWith("hvc1.1.6.L");
        byte[] hvcc = sets.decoderConfiguration();
        assertThat(hvcc[22]).isEqualTo((byte) 3); // numOfArrays: VPS, SPS, PPS
    }

    @Test
    void framesAreLengthPrefixedAndKeepNoParameterSets() throws Exception {
        AccessUnits units = new AccessUnits(VideoCodec.H264);
        List<VideoFrame> frames = feed(units, encoded("libx264", "b.h264"));

        for (VideoFrame frame : frames) {
            for (byte[] unit : AnnexB.splitLengthPrefixed(frame.units())) {
                assertThat(NalType.of(VideoCodec.H264, unit)).isNotIn(NalType.SPS, NalType.PPS);
            }
        }
    }

    @Test
    void inlineParameterSetsAreTakenOutOfTheFrame() throws Exception {
        AccessUnits units = new AccessUnits(VideoCodec.H265);
        List<VideoFrame> frames = feed(units, encoded("libx265", "c.h265"), true);

        assertThat(frames).hasSize(50);
        assertThat(units.current().orElseThrow().height()).isEqualTo(360);
        for (VideoFrame frame : frames) {
            for (byte[] unit : AnnexB.splitLengthPrefixed(frame.units())) {
                assertThat(NalType.of(VideoCodec.H265, unit)).isNotIn(NalType.VPS, NalType.SPS, NalType.PPS);
            }
        }
    }

    @Test
    void aPackageWithNoPictureIsRefused() {
        AccessUnits units = new AccessUnits(VideoCodec.H264);
        assertThatThrownBy(() -> units.frame(0, new byte[] {0, 0, 1, 0x68, 1}))
                .isInstanceOf(VideoException.class);
    }

    @Test
    void aBareUnitWithoutStartCodeIsOneUnit() {
        assertThat(AnnexB.units(new byte[] {0x41, 1, 2, 3})).hasSize(1);
        assertThat(AnnexB.units(new byte[] {0, 0, 0, 1, 0x41, 1, 0, 0, 1, 0x41, 2})).hasSize(2);
    }
}
