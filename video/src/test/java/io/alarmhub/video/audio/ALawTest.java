package io.alarmhub.video.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class ALawTest {

    private static final AudioFormat JDK_ALAW = new AudioFormat(AudioFormat.Encoding.ALAW, 8000, 8, 1, 1, 8000, false);
    private static final AudioFormat JDK_PCM = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 16, 1, 2, 8000,
            false);

    @Test
    void everyCodeExpandsAsTheJdkExpandsIt() throws IOException {
        byte[] codes = new byte[256];
        for (int code = 0; code < 256; code++) {
            codes[code] = (byte) code;
        }
        short[] jdk = jdkToPcm(codes);

        for (int code = 0; code < 256; code++) {
            assertThat(ALaw.toLinear(code)).as("code %02x", code).isEqualTo(jdk[code]);
        }
    }

    @Test
    void everyCodeExpandsAsFfmpegExpandsIt() {
        byte[] codes = new byte[256];
        for (int code = 0; code < 256; code++) {
            codes[code] = (byte) code;
        }
        Path alaw = MediaTools.write("codes.alaw", codes);
        Path pcm = MediaTools.fixture("codes.s16le");

        MediaTools.ffmpeg("-f", "alaw", "-ar", "8000", "-ac", "1", "-i", alaw.toString(), "-f", "s16le",
                pcm.toString());

        short[] ours = new short[256];
        ALaw.decode(codes, 0, 256, ours, 0);
        assertThat(MediaTools.readPcm(pcm)).containsExactly(ours);
    }

    @Test
    void everySampleFallsInTheIntervalOfItsCode() {
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            int code = ALaw.toALaw(sample) & 0xFF;
            int level = ALaw.toLinear(code);
            // G.711's intervals for the 12-bit magnitude; a negative sample is measured in one's complement.
            int magnitude = sample >= 0 ? sample : ~sample;
            int halfStep = step(code) / 2;
            assertThat(level >= 0).as("sign of %d", sample).isEqualTo(sample >= 0);
            assertThat(magnitude).as("sample %d, code %02x", sample, code)
                    .isBetween(Math.abs(level) - halfStep, Math.abs(level) + halfStep - 1);
        }
    }

    @Test
    void everySampleEncodesAsTheJdkEncodesItSaveForItsRoundingOfNegatives() throws IOException {
        ByteBuffer pcm = ByteBuffer.allocate(65536 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            pcm.putShort((short) sample);
        }
        AudioInputStream linear = new AudioInputStream(new ByteArrayInputStream(pcm.array()), JDK_PCM, 65536);
        byte[] jdk = AudioSystem.getAudioInputStream(AudioFormat.Encoding.ALAW, linear).readAllBytes();

        for (int sample = 0; sample <= Short.MAX_VALUE; sample++) {
            assertThat(ALaw.toALaw(sample)).as("sample %d", sample).isEqualTo(jdk[sample - Short.MIN_VALUE]);
        }
        // The JDK carries Sun's older g711.c, which measures a negative sample as -sample - 8 where G.191 takes
        // -sample - 1: its decision levels sit 7 lower...
        for (int sample = Short.MIN_VALUE; sample <= -8; sample++) {
            assertThat(ALaw.toALaw(sample + 7)).as("sample %d", sample).isEqualTo(jdk[sample - Short.MIN_VALUE]);
        }
        // ... and it sends -1 to -7 to -248, where G.191 gives the smallest negative level.
        for (int sample = -7; sample <= -1; sample++) {
            assertThat(ALaw.toLinear(jdk[sample - Short.MIN_VALUE])).isEqualTo((short) -248);
            assertThat(ALaw.toLinear(ALaw.toALaw(sample))).isEqualTo((short) -8);
        }
    }

    @Test
    void everyCodeSurvivesExpansionAndCompression() {
        for (int code = 0; code < 256; code++) {
            assertThat(ALaw.toALaw(ALaw.toLinear(code))).isEqualTo((byte) code);
        }
    }

    @Test
    void arraysConvertBetweenTheGivenOffsetsOnly() {
        byte[] alaw = {1, 2, (byte) 0xD5, 0x55, (byte) 0xAA, 3};
        short[] pcm = new short[6];

        ALaw.decode(alaw, 2, 3, pcm, 1);
        byte[] back = new byte[5];
        ALaw.encode(pcm, 1, 3, back, 2);

        assertThat(pcm).containsExactly((short) 0, (short) 8, (short) -8, (short) 32256, (short) 0, (short) 0);
        assertThat(back).containsExactly(0, 0, 0xD5, 0x55, 0xAA);
    }

    /** The width of the interval a code stands for: 16 in the two lowest segments, doubling in each above. */
    private static int step(int code) {
        int segment = ((code ^ 0x55) >> 4) & 0x07;
        return segment <= 1 ? 16 : 16 << (segment - 1);
    }

    private static short[] jdkToPcm(byte[] alaw) throws IOException {
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(alaw), JDK_ALAW, alaw.length);
        AudioInputStream pcm = AudioSystem.getAudioInputStream(JDK_PCM, in);
        byte[] bytes = pcm.readAllBytes();
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }
}
