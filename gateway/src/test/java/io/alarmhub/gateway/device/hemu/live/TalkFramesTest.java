package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.video.audio.ALaw;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A talker's sound, in messages cut anywhere, becomes the same 20 ms A-law frames as the sound taken whole. */
class TalkFramesTest {

    /** A 1 kHz tone of {@code samples} at 8 kHz, loud enough to use most of A-law's range. */
    private static short[] tone(int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(20_000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        return pcm;
    }

    private static byte[] littleEndian(short[] pcm) {
        ByteBuffer bytes = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : pcm) {
            bytes.putShort(sample);
        }
        return bytes.array();
    }

    /** Feeds {@code sound} in messages of the given sizes, in turn, and returns the frames it made. */
    private static List<byte[]> frames(TalkFrames frames, byte[] sound, int... sizes) {
        List<byte[]> made = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < sound.length; i++) {
            int n = Math.min(sizes[i % sizes.length], sound.length - at);
            frames.accept(Unpooled.wrappedBuffer(sound, at, n), made::add);
            at += n;
        }
        return made;
    }

    private static byte[] joined(List<byte[]> frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        frames.forEach(all::writeBytes);
        return all.toByteArray();
    }

    @Test
    void pcmInMessagesOfOddSizesBecomesWhole160SampleFramesOfItsALaw() {
        short[] pcm = tone(1000);
        byte[] expected = new byte[pcm.length];
        ALaw.encode(pcm, 0, pcm.length, expected, 0);
        TalkFrames frames = new TalkFrames(TalkFormat.PCM);

        List<byte[]> made = frames(frames, littleEndian(pcm), 1, 7, 320, 333, 2, 8192);

        assertThat(made).hasSize(6).allSatisfy(frame -> assertThat(frame).hasSize(TalkFrames.SAMPLES));
        assertThat(joined(made)).isEqualTo(Arrays.copyOf(expected, 6 * TalkFrames.SAMPLES));
        assertThat(frames.held()).as("the last 40 samples wait for more").isEqualTo(40);
    }

    @Test
    void aLawPassesThroughUntouchedInFramesOf160() {
        byte[] alaw = new byte[TalkFrames.SAMPLES * 3 + 1];
        for (int i = 0; i < alaw.length; i++) {
            alaw[i] = (byte) i;
        }
        TalkFrames frames = new TalkFrames(TalkFormat.ALAW);

        List<byte[]> made = frames(frames, alaw, 100, 1, 250);

        assertThat(made).hasSize(3);
        assertThat(joined(made)).isEqualTo(Arrays.copyOf(alaw, TalkFrames.SAMPLES * 3));
        assertThat(frames.held()).isEqualTo(1);
    }

    @Test
    void eachFrameIsItsOwnArraySoThatAPacketSentOnIsNotOverwritten() {
        TalkFrames frames = new TalkFrames(TalkFormat.ALAW);

        List<byte[]> made = frames(frames, new byte[TalkFrames.SAMPLES * 2], TalkFrames.SAMPLES * 2);

        assertThat(made.get(0)).isNotSameAs(made.get(1));
    }
}
