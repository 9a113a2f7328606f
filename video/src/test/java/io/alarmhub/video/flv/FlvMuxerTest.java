package io.alarmhub.video.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoException;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.codec.ParameterSets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bytes of the FLV stream, tag by tag. The real players' view is in {@link FlvPlaybackTest}. */
class FlvMuxerTest {

    /** x264's and x265's parameter sets for a 640x360 test pattern. */
    private static final ParameterSets AVC = new ParameterSets(VideoCodec.H264, List.of(),
            List.of(hex("6764001eacb201405ff2e022000003000200000300641e2c5c90")), List.of(hex("68ebc3cb22c0")));
    private static final ParameterSets HEVC = new ParameterSets(VideoCodec.H265,
            List.of(hex("40010c01ffff01600000030090000003000003003f928090")),
            List.of(hex("42010101600000030090000003000003003fa0050201696592a4932bc05a020000030002000003003210")),
            List.of(hex("4401c172b46240")));
    private static final byte[] UNITS = {0, 0, 0, 3, 0x65, 1, 2};

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static VideoFrame key(long time) {
        return new VideoFrame(time, true, UNITS);
    }

    private static VideoFrame inter(long time) {
        return new VideoFrame(time, false, UNITS);
    }

    private static AudioFrame sound(long time, int samples) {
        return new AudioFrame(time, samples, new byte[samples], new byte[] {(byte) 0xff, (byte) 0xf8, 7});
    }

    /** The tags after the 13 bytes of FLV header and PreviousTagSize0. */
    private static List<FlvReader.Tag> startTags(byte[] start) {
        return FlvReader.tags(Arrays.copyOfRange(start, 13, start.length));
    }

    @Test
    void theHeaderSaysVideoAndAudioWhenTheViewerGetsAudio() {
        byte[] withAudio = new FlvMuxer().start(AVC, AudioMode.ALAW);
        byte[] videoOnly = new FlvMuxer().start(AVC, AudioMode.NONE);

        assertThat(Arrays.copyOf(withAudio, 13)).containsExactly('F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0);
        assertThat(videoOnly[4]).isEqualTo((byte) 1);
    }

    @Test
    void startGivesMetadataThenTheAvcSequenceHeaderAtZero() {
        List<FlvReader.Tag> tags = startTags(new FlvMuxer().start(AVC, AudioMode.ALAW, 25));

        assertThat(tags).extracting(FlvReader.Tag::type).containsExactly(18, 9);
        assertThat(tags).extracting(FlvReader.Tag::time).containsOnly(0L);
        assertThat(FlvReader.metadata(tags.get(0).body())).containsExactly(Map.entry("duration", 0.0),
                Map.entry("width", 640.0), Map.entry("height", 360.0), Map.entry("framerate", 25.0),
                Map.entry("videocodecid", 7.0), Map.entry("hasVideo", true), Map.entry("hasAudio", true),
                Map.entry("audiocodecid", 7.0), Map.entry("audiosamplerate", 8000.0),
                Map.entry("audiosamplesize", 16.0), Map.entry("stereo", false));
        FlvReader.Tag sequence = tags.get(1);
        assertThat(Arrays.copyOf(sequence.body(), 5)).containsExactly(0x17, 0, 0, 0, 0);
        assertThat(sequence.from(5)).isEqualTo(AVC.decoderConfiguration());
    }

    @Test
    void h265MetadataNamesTheCodecByItsFourCcAndLeavesOutAbsentAudio() {
        Map<String, Object> metadata = FlvReader.metadata(
                startTags(new FlvMuxer().start(HEVC, AudioMode.NONE)).get(0).body());

        assertThat(metadata).containsEntry("videocodecid", (double) 0x68766331).containsEntry("hasAudio", false)
                .doesNotContainKeys("framerate", "audiocodecid", "audiosamplerate", "stereo");
    }

    @Test
    void h265SequenceStartAndFramesUseTheEnhancedHeaderWithNoCompositionTime() {
        FlvMuxer muxer = new FlvMuxer();
        FlvReader.Tag sequence = startTags(muxer.start(HEVC, AudioMode.NONE)).get(1);
        FlvReader.Tag key = FlvReader.tags(muxer.frame(key(0))).get(0);
        FlvReader.Tag inter = FlvReader.tags(muxer.frame(inter(40))).get(0);

        assertThat(sequence.byte0()).isEqualTo(0x80 | 1 << 4 | 0);
        assertThat(sequence.fourCc()).isEqualTo("hvc1");
        assertThat(sequence.from(5)).isEqualTo(HEVC.decoderConfiguration());
        assertThat(key.byte0()).isEqualTo(0x80 | 1 << 4 | 3);
        assertThat(inter.byte0()).isEqualTo(0x80 | 2 << 4 | 3);
        assertThat(inter.fourCc()).isEqualTo("hvc1");
        assertThat(inter.from(5)).isEqualTo(UNITS);
    }

    @Test
    void h264FramesAreNalusWithCompositionTimeZero() {
        FlvMuxer muxer = new FlvMuxer();
        muxer.start(AVC, AudioMode.NONE);

        FlvReader.Tag key = FlvReader.tags(muxer.frame(key(0))).get(0);
        FlvReader.Tag inter = FlvReader.tags(muxer.frame(inter(40))).get(0);

        assertThat(Arrays.copyOf(key.body(), 5)).containsExactly(0x17, 1, 0, 0, 0);
        assertThat(Arrays.copyOf(inter.body(), 5)).containsExactly(0x27, 1, 0, 0, 0);
        assertThat(inter.from(5)).isEqualTo(UNITS);
    }

    @Test
    void timeStartsAtTheFirstKeyframeAndWhatCameBeforeIsDropped() {
        FlvMuxer muxer = new FlvMuxer();
        muxer.start(AVC, AudioMode.ALAW);

        assertThat(muxer.frame(inter(5000))).isEmpty();
        assertThat(muxer.frame(sound(5010, 160))).isEmpty();
        assertThat(FlvReader.tags(muxer.frame(key(5040))).get(0).time()).isZero();
        assertThat(FlvReader.tags(muxer.frame(sound(5060, 160))).get(0).time()).isEqualTo(20);
        assertThat(FlvReader.tags(muxer.frame(inter(5080))).get(0).time()).isEqualTo(40);
    }

    @Test
    void timeNeverRunsBackwardsWithinAKind() {
        FlvMuxer muxer = new FlvMuxer();
        muxer.start(AVC, AudioMode.ALAW);
        muxer.frame(key(1000));

        assertThat(FlvReader.tags(muxer.frame(sound(980, 160))).get(0).time()).isZero();
        assertThat(FlvReader.tags(muxer.frame(inter(1040))).get(0).time()).isEqualTo(40);
        assertThat(FlvReader.tags(muxer.frame(inter(1030))).get(0).time()).isEqualTo(40);
    }

    @Test
    void timestampsPast24BitsGoInTheExtensionByte() {
        FlvMuxer muxer = new FlvMuxer();
        muxer.start(AVC, AudioMode.NONE);
        muxer.frame(key(0));

        byte[] tag = muxer.frame(inter(0x01_000005L));

        assertThat(Arrays.copyOfRange(tag, 4, 8)).containsExactly(0, 0, 5, 1);
        assertThat(FlvReader.tags(tag).get(0).time()).isEqualTo(0x01_000005L);
    }

    @Test
    void alawTagsSayALaw16BitMonoAsFfmpegWritesThem() {
        FlvMuxer muxer = new FlvMuxer();
        muxer.start(AVC, AudioMode.ALAW);
        muxer.frame(key(0));
        AudioFrame frame = sound(0, 160);

        FlvReader.Tag tag = FlvReader.tags(muxer.frame(frame)).get(0);

        assertThat(tag.type()).isEqualTo(8);
        assertThat(tag.byte0()).isEqualTo(0x72);
        assertThat(tag.from(1)).isEqualTo(frame.alaw());
    }

    @Test
    void aViewerWithoutAudioGetsNone() {
        FlvMuxer muxer = new FlvMuxer();
        muxer.start(AVC, AudioMode.NONE);
        muxer.frame(key(0));

        assertThat(muxer.frame(sound(0, 160))).isEmpty();
    }

    @Test
    void flacStartsWithItsSequenceStartAndSendsEachFrameAsItIs() {
        FlvMuxer muxer = new FlvMuxer();
        List<FlvReader.Tag> start = startTags(muxer.start(AVC, AudioMode.FLAC));
        muxer.frame(key(0));
        AudioFrame frame = sound(0, 320);

        List<FlvReader.Tag> coded = FlvReader.tags(muxer.frame(frame));

        assertThat(start).extracting(FlvReader.Tag::type).containsExactly(18, 9, 8);
        FlvReader.Tag sequence = start.get(2);
        assertThat(sequence.time()).isZero();
        assertThat(sequence.byte0()).isEqualTo(9 << 4 | 0);
        assertThat(sequence.fourCc()).isEqualTo("fLaC");
        // Header (last block, STREAMINFO, 34 bytes), blocks of 16 to 4608 samples, 8000 Hz, mono, 16 bits.
        assertThat(sequence.from(5)).isEqualTo(hex("80000022" + "0010" + "1200" + "000000" + "000000"
                + "01f400f0" + "00000000" + "00000000000000000000000000000000"));
        assertThat(coded).hasSize(1);
        assertThat(coded.get(0).byte0()).isEqualTo(9 << 4 | 1);
        assertThat(coded.get(0).fourCc()).isEqualTo("fLaC");
        assertThat(coded.get(0).from(5)).isEqualTo(frame.flac());
    }

    @Test
    void flacForFfmpegSendsTheSameStreamInfoWithoutItsBlockHeader() {
        FlvReader.Tag forBrowser = startTags(new FlvMuxer().start(AVC, AudioMode.FLAC)).get(2);
        FlvReader.Tag forApp = startTags(new FlvMuxer().start(AVC, AudioMode.FLAC_FFMPEG)).get(2);

        assertThat(forApp.byte0()).isEqualTo(forBrowser.byte0());
        assertThat(forApp.fourCc()).isEqualTo("fLaC");
        assertThat(forApp.from(5)).hasSize(34).isEqualTo(forBrowser.from(9));
    }

    @Test
    void flacMetadataNamesTheCodecByItsFourCc() {
        Map<String, Object> metadata = FlvReader.metadata(
                startTags(new FlvMuxer().start(AVC, AudioMode.FLAC)).get(0).body());

        assertThat(metadata).containsEntry("audiocodecid", (double) 0x664c6143);
    }

    @Test
    void changedParameterSetsGiveASequenceHeaderAtTheLastVideoTime() {
        FlvMuxer muxer = new FlvMuxer();
        muxer.start(AVC, AudioMode.NONE);
        muxer.frame(key(0));
        muxer.frame(inter(40));
        ParameterSets changed = new ParameterSets(VideoCodec.H264, List.of(), AVC.sps(), List.of(hex("68ebc3cb22c1")));

        List<FlvReader.Tag> tags = FlvReader.tags(muxer.parameterSets(changed));

        assertThat(tags).hasSize(1);
        assertThat(tags.get(0).time()).isEqualTo(40);
        assertThat(tags.get(0).from(5)).isEqualTo(changed.decoderConfiguration());
        assertThat(muxer.parameterSets(changed)).isEmpty();
    }

    @Test
    void theSameParameterSetsGiveNothing() {
        FlvMuxer muxer = new FlvMuxer();
        muxer.start(AVC, AudioMode.NONE);

        assertThat(muxer.parameterSets(new ParameterSets(VideoCodec.H264, List.of(), AVC.sps(), AVC.pps())))
                .isEmpty();
    }

    @Test
    void aCodecSwitchIsRefused() {
        FlvMuxer muxer = new FlvMuxer();
        muxer.start(AVC, AudioMode.NONE);

        assertThatThrownBy(() -> muxer.parameterSets(HEVC)).isInstanceOf(VideoException.class);
    }

    @Test
    void framesNeedAStartAndAStreamStartsOnce() {
        FlvMuxer muxer = new FlvMuxer();
        assertThat(muxer.started()).isFalse();
        assertThatThrownBy(() -> muxer.frame(key(0))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> muxer.parameterSets(AVC)).isInstanceOf(IllegalStateException.class);

        muxer.start(AVC, AudioMode.NONE);

        assertThat(muxer.started()).isTrue();
        assertThatThrownBy(() -> muxer.start(AVC, AudioMode.NONE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFrameBeyondTheTagSizeFieldIsRefused() {
        FlvMuxer muxer = new FlvMuxer();
        muxer.start(AVC, AudioMode.NONE);

        assertThatThrownBy(() -> muxer.frame(new VideoFrame(0, true, new byte[0xffffff])))
                .isInstanceOf(VideoException.class);
    }
}
