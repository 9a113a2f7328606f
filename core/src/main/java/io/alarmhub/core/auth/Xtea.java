package io.alarmhub.core.auth;

/**
 * The XTEA block cipher, 64 rounds (32 cycles), with big-endian key words and blocks as in the
 * published test vectors.
 */
final class Xtea {

    private static final int DELTA = 0x9E3779B9;
    private static final int CYCLES = 32;

    private final int[] key = new int[4];

    Xtea(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("an XTEA key is 16 bytes, got " + key.length);
        }
        for (int i = 0; i < 4; i++) {
            this.key[i] = readInt(key, i * 4);
        }
    }

    void encryptBlock(byte[] data, int offset) {
        int v0 = readInt(data, offset);
        int v1 = readInt(data, offset + 4);
        int sum = 0;
        for (int i = 0; i < CYCLES; i++) {
            v0 += (((v1 << 4) ^ (v1 >>> 5)) + v1) ^ (sum + key[sum & 3]);
            sum += DELTA;
            v1 += (((v0 << 4) ^ (v0 >>> 5)) + v0) ^ (sum + key[(sum >>> 11) & 3]);
        }
        writeInt(data, offset, v0);
        writeInt(data, offset + 4, v1);
    }

    void decryptBlock(byte[] data, int offset) {
        int v0 = readInt(data, offset);
        int v1 = readInt(data, offset + 4);
        int sum = DELTA * CYCLES;
        for (int i = 0; i < CYCLES; i++) {
            v1 -= (((v0 << 4) ^ (v0 >>> 5)) + v0) ^ (sum + key[(sum >>> 11) & 3]);
            sum -= DELTA;
            v0 -= (((v1 << 4) ^ (v1 >>> 5)) + v1) ^ (sum + key[sum & 3]);
        }
        writeInt(data, offset, v0);
        writeInt(data, offset + 4, v1);
    }

    private static int readInt(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    private static void writeInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
