package io.alarmhub.video.audio;

import java.util.Objects;

/**
 * 16-bit PCM to G.726 ADPCM, for one stream (the encoder adapts as its decoder will): what a simulated camera
 * sends, and a way to test {@link G726Decoder} on any signal.
 */
public final class G726Encoder {

    private final G726Format format;
    private final G726State state;

    public G726Encoder(G726Format format) {
        this(format, G726State.Arithmetic.REFERENCE);
    }

    G726Encoder(G726Format format, G726State.Arithmetic arithmetic) {
        this.format = Objects.requireNonNull(format, "format");
        this.state = new G726State(G726Tables.forBits(format.bitsPerSample()), arithmetic);
    }

    public G726Format format() {
        return format;
    }

    /**
     * Encodes {@code count} samples from {@code pcm[from]} into {@code g726[to]} onwards, as one packet: the last
     * byte is padded with zero bits when the code words do not fill it.
     *
     * @return how many bytes it wrote: {@link G726Format#bytesFor(int)} of {@code count}
     */
    public int encode(short[] pcm, int from, int count, byte[] g726, int to) {
        Objects.checkFromIndexSize(from, count, pcm.length);
        int length = format.bytesFor(count);
        Objects.checkFromIndexSize(to, length, g726.length);
        int bits = format.bitsPerSample();
        boolean lowFirst = format.packing() == G726Packing.RFC3551;
        int buffer = 0;
        int held = 0;
        int next = to;
        for (int i = 0; i < count; i++) {
            int code = state.encode(pcm[from + i]);
            buffer = lowFirst ? buffer | (code << held) : (buffer << bits) | code;
            held += bits;
            while (held >= 8) {
                g726[next++] = (byte) (lowFirst ? buffer : buffer >>> (held - 8));
                if (lowFirst) {
                    buffer >>>= 8;
                }
                held -= 8;
            }
        }
        if (held > 0) {
            g726[next] = (byte) (lowFirst ? buffer : buffer << (8 - held));
        }
        return length;
    }
}
