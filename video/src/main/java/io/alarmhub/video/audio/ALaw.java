package io.alarmhub.video.audio;

/**
 * G.711 A-law, table-driven both ways, as ITU-T G.191's reference {@code g711.c} computes it: a sample becomes
 * the code of the G.711 interval it falls in, a negative one measured in one's complement, and a code becomes
 * the middle of its interval.
 *
 * <p>The JDK's encoder carries Sun's older {@code g711.c}, which places negative decision levels 7 lower and
 * sends -1 to -7 to -248; it expands codes exactly as this class does.
 */
public final class ALaw {

    private static final short[] TO_LINEAR = new short[256];

    /** Indexed by the sample's top 13 bits ({@code pcm >> 3}, as unsigned): A-law has no finer resolution. */
    private static final byte[] TO_ALAW = new byte[8192];

    static {
        for (int code = 0; code < 256; code++) {
            TO_LINEAR[code] = (short) expand(code);
        }
        for (int top = 0; top < 8192; top++) {
            int pcm = (short) (top << 3);
            TO_ALAW[top] = (byte) compress(pcm);
        }
    }

    private ALaw() {
    }

    /** The 16-bit linear value of one A-law code (its low 8 bits). */
    public static short toLinear(int code) {
        return TO_LINEAR[code & 0xFF];
    }

    /** The A-law code of one 16-bit linear sample. */
    public static byte toALaw(int pcm) {
        return TO_ALAW[(pcm >> 3) & 0x1FFF];
    }

    /** Expands {@code count} codes from {@code alaw[from]} into {@code pcm[to]}. */
    public static void decode(byte[] alaw, int from, int count, short[] pcm, int to) {
        for (int i = 0; i < count; i++) {
            pcm[to + i] = TO_LINEAR[alaw[from + i] & 0xFF];
        }
    }

    /** Compresses {@code count} samples from {@code pcm[from]} into {@code alaw[to]}. */
    public static void encode(short[] pcm, int from, int count, byte[] alaw, int to) {
        for (int i = 0; i < count; i++) {
            alaw[to + i] = TO_ALAW[(pcm[from + i] >> 3) & 0x1FFF];
        }
    }

    private static int expand(int code) {
        int toggled = code ^ 0x55;
        int exponent = (toggled >> 4) & 0x07;
        int mantissa = toggled & 0x0F;
        if (exponent > 0) {
            mantissa += 16;
        }
        // Half a quantisation step on top: the middle of the interval the code stands for.
        int magnitude = (mantissa << 4) + 8;
        if (exponent > 1) {
            magnitude <<= exponent - 1;
        }
        return (toggled & 0x80) != 0 ? magnitude : -magnitude;
    }

    private static int compress(int pcm) {
        // One's complement for negatives, as G.191 does: it keeps the decision levels symmetric around -0.5.
        int level = (pcm < 0 ? ~pcm : pcm) >> 4;
        if (level > 15) {
            int exponent = 1;
            while (level > 31) {
                level >>= 1;
                exponent++;
            }
            level = (level - 16) + (exponent << 4);
        }
        if (pcm >= 0) {
            level |= 0x80;
        }
        return level ^ 0x55;
    }
}
