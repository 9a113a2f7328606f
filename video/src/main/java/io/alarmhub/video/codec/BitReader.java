package io.alarmhub.video.codec;

import io.alarmhub.video.VideoException;

/**
 * Reads the bits of a NAL unit's payload (RBSP): emulation prevention bytes ({@code 00 00 03}) are skipped, and
 * Exp-Golomb codes are read as H.264 7.2 and H.265 7.2 define them. Reading past the end is a
 * {@link VideoException}: a parameter set that short is malformed.
 */
final class BitReader {

    private final byte[] rbsp;
    private final int length;
    private long bit;

    /** Reads {@code unit} from byte {@code from}, after its NAL header. */
    BitReader(byte[] unit, int from) {
        this.rbsp = new byte[unit.length];
        int n = 0;
        int zeros = 0;
        for (int i = from; i < unit.length; i++) {
            byte b = unit[i];
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            rbsp[n++] = b;
        }
        this.length = n;
    }

    int bit() {
        if (bit >= (long) length * 8) {
            throw new VideoException("parameter set ends too early");
        }
        int value = (rbsp[(int) (bit >>> 3)] >> (7 - (int) (bit & 7))) & 1;
        bit++;
        return value;
    }

    int bits(int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            value = (value << 1) | bit();
        }
        return value;
    }

    void skip(int count) {
        for (int i = 0; i < count; i++) {
            bit();
        }
    }

    boolean flag() {
        return bit() == 1;
    }

    /** ue(v). Values past 2^31 - 2 cannot occur in a valid set and are refused. */
    int ue() {
        int zeros = 0;
        while (bit() == 0) {
            if (++zeros > 31) {
                throw new VideoException("Exp-Golomb code too long");
            }
        }
        if (zeros == 31) {
            throw new VideoException("Exp-Golomb code too long");
        }
        return (1 << zeros) - 1 + bits(zeros);
    }

    /** se(v). */
    int se() {
        int code = ue();
        return (code & 1) == 1 ? (code + 1) / 2 : -(code / 2);
    }

    /** The RBSP bytes from byte {@code from} on, for fields copied whole (H.265 profile_tier_level). */
    byte[] bytes(int from, int count) {
        if (from + count > length) {
            throw new VideoException("parameter set ends too early");
        }
        return java.util.Arrays.copyOfRange(rbsp, from, from + count);
    }
}
