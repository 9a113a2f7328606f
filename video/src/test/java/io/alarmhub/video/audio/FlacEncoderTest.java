package io.alarmhub.video.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alarmhub.video.VideoException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlacEncoderTest {

    private static final int[] MIXED = {160, 320, 16, 4608, 17, 1000, 333};

    static Stream<Arguments> signals() {
        return Stream.of(
                Arguments.of("tone in 20 ms packets", tone(16_000), new int[] {160}),
                Arguments.of("speech in 40 ms packets", Signals.speechLike(16_000, 1), new int[] {320}),
                Arguments.of("speech in packets of mixed sizes", Signals.speechLike(16_000, 2), MIXED),
                Arguments.of("silence", new short[8000], new int[] {160}),
                Arguments.of("full-scale square wave", square(16_000), new int[] {160, 320}),
                Arguments.of("noise over the whole range", Signals.noise(16_000, 3), new int[] {320}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    void ffmpegDecodesTheFramesToExactlyTheSamples(String name, short[] pcm, int[] blockSizes) {
        Path flac = MediaTools.write(name.replace(' ', '-') + ".flac", stream(8000, pcm, 0, blockSizes));
        Path decoded = MediaTools.fixture(name.replace(' ', '-') + ".s16le");

        String errors = MediaTools.ffmpeg("-err_detect", "crccheck+explode", "-i", flac.toString(), "-f", "s16le",
                decoded.toString());

        assertThat(errors).as("every CRC holds and every frame decodes").isEmpty();
        assertThat(MediaTools.readPcm(decoded)).containsExactly(pcm);
    }

    @Test
    void ffprobeSeesMonoEightKilohertzFlacLastingAsLongAsItsSamples() {
        short[] speech = Signals.speechLike(16_000, 4);
        Path flac = MediaTools.write("probe.flac", stream(8000, speech, 0, MIXED));

        String stream = MediaTools.ffprobe("-show_entries", "stream=codec_name,sample_rate,channels", "-of",
                "default=noprint_wrappers=1", flac.toString());
        List<long[]> packets = packets(flac);

        assertThat(stream.lines()).containsExactly("codec_name=flac", "sample_rate=8000", "channels=1");
        // The stream's length is unknown to STREAMINFO, so its duration is what its frames' timing adds up to.
        long[] last = packets.get(packets.size() - 1);
        assertThat(last[0] + last[1]).as("samples").isEqualTo(16_000);
        assertThat(packets.get(0)[0]).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 127, 128, 2047, 2048, 65_535, 65_536, 1L << 21, 1L << 26, (1L << 31) - 4000})
    void eachFrameCarriesTheNumberOfItsFirstSampleHoweverWide(long firstSample) {
        short[] speech = Signals.speechLike(3200, 5);
        Path flac = MediaTools.write("numbered.flac", stream(8000, speech, firstSample, new int[] {160, 320}));

        List<long[]> packets = packets(flac);

        assertThat(packets).hasSize(14);
        long expected = firstSample;
        for (long[] packet : packets) {
            assertThat(packet[0]).isEqualTo(expected);
            expected += packet[1];
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 11_025, 12_000, 44_100, 100_010})
    void ffprobeReadsEveryKindOfSampleRateCode(int rate) {
        Path flac = MediaTools.write("rate.flac", stream(rate, tone(4608), 0, new int[] {4608}));

        String probed = MediaTools.ffprobe("-show_entries", "stream=sample_rate", "-of", "csv=p=0",
                flac.toString());

        assertThat(probed.strip()).isEqualTo(String.valueOf(rate));
    }

    @Test
    void silenceIsOneConstantNoiseIsVerbatimAndASmoothToneIsPredicted() {
        FlacEncoder encoder = new FlacEncoder(8000);
        // The header of a 160-sample frame numbered below 128 is 7 bytes: the subframe type follows it.
        byte[] silence = encoder.frame(new short[160], 0, 160, 0);
        byte[] noise = encoder.frame(Signals.noise(160, 6), 0, 160, 0);
        byte[] hum = encoder.frame(tone(160, 200), 0, 160, 0);

        assertThat(silence).hasSize(7 + 1 + 2 + 2);
        assertThat(silence[7]).isEqualTo((byte) 0x00);
        assertThat(noise).hasSize(7 + 1 + 2 * 160 + 2);
        assertThat(noise[7]).isEqualTo((byte) 0x02);
        assertThat(hum.length).as("half of verbatim").isLessThan(160);
        assertThat(hum[7] & 0x70).as("FIXED").isEqualTo(0x10);
    }

    @Test
    void sampleNumbersWrapPastThirtyOneBitsWhichIsAllFfmpegReads() {
        FlacEncoder encoder = new FlacEncoder(8000);
        short[] pcm = tone(160);

        assertThat(encoder.frame(pcm, 0, 160, (1L << 31) + 5)).containsExactly(encoder.frame(pcm, 0, 160, 5));
    }

    @Test
    void refusesFramesOutsideSixteenTo4608Samples() {
        FlacEncoder encoder = new FlacEncoder(8000);
        short[] pcm = new short[5000];

        assertThat(encoder.frame(pcm, 0, 16, 0)).isNotEmpty();
        assertThat(encoder.frame(pcm, 0, 4608, 0)).isNotEmpty();
        assertThatThrownBy(() -> encoder.frame(pcm, 0, 15, 0)).isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> encoder.frame(pcm, 0, 4609, 0)).isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> encoder.frame(pcm, 0, 160, -1)).isInstanceOf(VideoException.class);
    }

    /** "fLaC", STREAMINFO, then the samples as frames of the given sizes in turn, numbered from firstSample. */
    private static byte[] stream(int rate, short[] pcm, long firstSample, int[] blockSizes) {
        FlacEncoder encoder = new FlacEncoder(rate);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(encoder.streamInfo().streamHeader());
        int offset = 0;
        for (int i = 0; offset < pcm.length; i++) {
            int count = Math.min(blockSizes[i % blockSizes.length], pcm.length - offset);
            file.writeBytes(encoder.frame(pcm, offset, count, firstSample + offset));
            offset += count;
        }
        return file.toByteArray();
    }

    /** Each packet's pts and duration, in samples, as ffprobe reads them. */
    private static List<long[]> packets(Path flac) {
        String csv = MediaTools.ffprobe("-show_entries", "packet=pts,duration", "-of", "csv=p=0", flac.toString());
        List<long[]> packets = new ArrayList<>();
        csv.lines().map(line -> line.split(",")).forEach(fields -> packets.add(
                new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])}));
        return packets;
    }

    private static short[] tone(int samples) {
        return tone(samples, 1000);
    }

    private static short[] tone(int samples, int frequency) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(12_000 * Math.sin(2 * Math.PI * frequency * i / 8000.0));
        }
        return pcm;
    }

    private static short[] square(int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (i / 20) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        return pcm;
    }
}
