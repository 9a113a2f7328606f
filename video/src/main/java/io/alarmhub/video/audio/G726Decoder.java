package io.alarmhub.video.audio;

import java.util.Objects;

/**
 * G.726 ADPCM to 16-bit PCM, for one camera stream: the decoder adapts to the stream, so each stream needs its
 * own and packets must come in order. Each packet holds whole code words; bits left over at its end are padding.
 */
public final class G726Decoder {

    private final G726Format format;
    private final G726State state;

    public G726Decoder(G726Format format) {
        this(format, G726State.Arithmetic.REFERENCE);
    }

    G726Decoder(G726Format format, G726State.Arithmetic arithmetic) {
        this.format = Objects.requireNonNull(format, "format");
        this.state = new G726State(G726Tables.forBits(format.bitsPerSample()), arithmetic);
    }

    public G726Format format() {
        return format;
    }

    /**
     * Decodes the code words in {@code length} bytes from {@code g726[from]} into {@code pcm[to]} onwards.
     *
     * @return how many samples it wrote: {@link G726Format#samplesIn(int)} of {@code length}
     */
    public int decode(byte[] g726, int from, int length, short[] pcm, int to) {
        Objects.checkFromIndexSize(from, length, g726.length);
        int count = format.samplesIn(length);
        Objects.checkFromIndexSize(to, count, pcm.length);
        int bits = format.bitsPerSample();
        int mask = (1 << bits) - 1;
        boolean lowFirst = format.packing() == G726Packing.RFC3551;
        int buffer = 0;
        int held = 0;
        int next = from;
        for (int i = 0; i < count; i++) {
            if (held < bits) {
                int octet = g726[next++] & 0xFF;
                buffer = lowFirst ? buffer | (octet << held) : (buffer << 8) | octet;
                held += 8;
            }
            int code;
            if (lowFirst) {
                code = buffer & mask;
                buffer >>>= bits;
            } else {
                code = (buffer >>> (held - bits)) & mask;
            }
            held -= bits;
            pcm[to + i] = toPcm(state.decode(code));
        }
        return count;
    }

    /** The 14-bit reconstruction scaled to 16 bits; an overloaded predictor saturates rather than wraps. */
    private static short toPcm(int signal) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, signal << 2));
    }
}
