package io.alarmhub.video.audio;

/** Writes a FLAC frame most significant bit first into a buffer sized for the largest frame. */
final class FlacBitWriter {

    private final byte[] buffer;
    private int position;
    private long pending;
    private int pendingBits;

    FlacBitWriter(int capacity) {
        this.buffer = new byte[capacity];
    }

    void reset() {
        position = 0;
        pending = 0;
        pendingBits = 0;
    }

    /** Writes the low {@code count} (at most 32) bits of {@code value}. */
    void bits(int value, int count) {
        pending = (pending << count) | (value & (0xFFFF_FFFFL >>> (32 - count)));
        pendingBits += count;
        while (pendingBits >= 8) {
            pendingBits -= 8;
            buffer[position++] = (byte) (pending >>> pendingBits);
        }
    }

    /** Writes one residual Rice-coded with parameter {@code k}: the quotient in unary, then k low bits. */
    void rice(int residual, int k) {
        int folded = (residual << 1) ^ (residual >> 31);
        for (int quotient = folded >>> k; quotient > 0; quotient -= Math.min(quotient, 32)) {
            bits(0, Math.min(quotient, 32));
        }
        bits(1, 1);
        if (k > 0) {
            bits(folded, k);
        }
    }

    /** Pads with zero bits to the next byte boundary. */
    void alignToByte() {
        if (pendingBits > 0) {
            bits(0, 8 - pendingBits);
        }
    }

    /** Bytes written; whole only after {@link #alignToByte()}. */
    int position() {
        return position;
    }

    byte[] buffer() {
        return buffer;
    }
}
