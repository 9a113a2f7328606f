package io.alarmhub.video.flv;

import io.alarmhub.video.VideoException;

/**
 * FLAC's STREAMINFO metadata block (RFC 9639 8.2) for camera audio: 8 kHz, mono, 16 bits, every frame of one
 * block size. Frame sizes, total samples and MD5 are unknown on a live stream and written as 0, which the format
 * allows.
 */
final class FlacStreamInfo {

    static final int SIZE = 34;

    /** FLAC's bounds on a block size, in samples. */
    private static final int MIN_BLOCK = 16;
    private static final int MAX_BLOCK = 65535;

    private static final int LAST_BLOCK = 0x80;
    private static final int STREAMINFO = 0;

    private FlacStreamInfo() {
    }

    /** The 34 bytes of STREAMINFO. */
    static byte[] streamInfo(int blockSize) {
        if (blockSize < MIN_BLOCK || blockSize > MAX_BLOCK) {
            throw new VideoException("FLAC block of " + blockSize + " samples");
        }
        byte[] info = new byte[SIZE];
        // The same minimum and maximum block size: mpegts.js takes a frame's duration from them only then.
        info[0] = (byte) (blockSize >>> 8);
        info[1] = (byte) blockSize;
        info[2] = info[0];
        info[3] = info[1];
        // Bytes 4-9, the minimum and maximum frame sizes, stay 0: unknown.
        long format = (long) AudioTags.SAMPLE_RATE << 44 | (1L - 1) << 41 | (AudioTags.SAMPLE_BITS - 1L) << 36;
        for (int i = 0; i < 8; i++) {
            info[10 + i] = (byte) (format >>> (56 - 8 * i));
        }
        // Bytes 18-33, the MD5 of the decoded audio, stay 0: unknown.
        return info;
    }

    /** STREAMINFO after its metadata block header (last block, type 0, length 34). */
    static byte[] block(int blockSize) {
        byte[] block = new byte[4 + SIZE];
        block[0] = (byte) (LAST_BLOCK | STREAMINFO);
        FlvTags.put24(block, 1, SIZE);
        System.arraycopy(streamInfo(blockSize), 0, block, 4, SIZE);
        return block;
    }
}
