package io.alarmhub.video.audio;

import io.alarmhub.video.VideoException;

/**
 * What a camera's "G.726" means: its rate, as bits per 8 kHz sample, and how code words are packed.
 *
 * @param bitsPerSample 2, 3, 4 or 5: 16, 24, 32 or 40 kbit/s
 * @param packing       the order of code words within bytes
 */
public record G726Format(int bitsPerSample, G726Packing packing) {

    /** 32 kbit/s in RFC 3551 order: what we assume a camera sends until it is known otherwise (package doc). */
    public static final G726Format DEFAULT = new G726Format(4, G726Packing.RFC3551);

    public G726Format {
        if (bitsPerSample < 2 || bitsPerSample > 5) {
            throw new VideoException("G.726 has 2 to 5 bits per sample, not " + bitsPerSample);
        }
        if (packing == null) {
            throw new VideoException("G.726 needs a packing");
        }
    }

    /** The format of {@code kbits} kbit/s (16, 24, 32 or 40) at 8 kHz. */
    public static G726Format ofBitRate(int kbits, G726Packing packing) {
        if (kbits % 8 != 0) {
            throw new VideoException("G.726 runs at 16, 24, 32 or 40 kbit/s, not " + kbits);
        }
        return new G726Format(kbits / 8, packing);
    }

    /** Bits per second at 8 kHz. */
    public int bitRate() {
        return bitsPerSample * 8000;
    }

    /** How many whole samples {@code bytes} bytes hold; bits left over at the end are padding. */
    public int samplesIn(int bytes) {
        return (int) ((long) bytes * 8 / bitsPerSample);
    }

    /** How many bytes {@code samples} samples take, the last one padded with zero bits. */
    public int bytesFor(int samples) {
        return (int) (((long) samples * bitsPerSample + 7) / 8);
    }
}
