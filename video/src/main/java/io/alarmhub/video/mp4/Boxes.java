package io.alarmhub.video.mp4;

import io.alarmhub.video.VideoException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growing buffer of ISO BMFF boxes (ISO/IEC 14496-12 4.2): {@link #open} a box, write its fields,
 * {@link #close} it and its 32-bit size is filled in. One per writer, {@link #reset} between uses, so a
 * fragment's header costs no allocation once the buffer has grown to its size.
 */
final class Boxes {

    /** Boxes nest this deep at most: moov/trak/mdia/minf/stbl/stsd/avc1/avcC is eight. */
    private static final int MAX_DEPTH = 12;

    private final int limit;
    private final int[] starts = new int[MAX_DEPTH];
    private byte[] buffer;
    private int size;
    private int depth;

    /** A buffer that refuses to grow past {@code limit} bytes. */
    Boxes(int initial, int limit) {
        this.buffer = new byte[initial];
        this.limit = limit;
    }

    Boxes open(String type) {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("boxes nested past " + MAX_DEPTH);
        }
        starts[depth++] = size;
        u32(0);
        return fourcc(type);
    }

    /** A full box: a box whose body starts with a version byte and 24 bits of flags. */
    Boxes open(String type, int version, int flags) {
        return open(type).u8(version).u24(flags);
    }

    /** Ends the innermost open box, writing its size. */
    Boxes close() {
        int start = starts[--depth];
        patchU32(start, size - start);
        return this;
    }

    Boxes u8(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    Boxes u16(int value) {
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    Boxes u24(int value) {
        ensure(3);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    Boxes u32(long value) {
        ensure(4);
        putU32(size, value);
        size += 4;
        return this;
    }

    Boxes u64(long value) {
        return u32(value >>> 32).u32(value);
    }

    Boxes fourcc(String type) {
        return bytes(type.getBytes(StandardCharsets.ISO_8859_1));
    }

    Boxes bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
        return this;
    }

    Boxes zeros(int count) {
        ensure(count);
        Arrays.fill(buffer, size, size + count, (byte) 0);
        size += count;
        return this;
    }

    /** The unity transformation matrix of {@code mvhd} and {@code tkhd} (16.16 and 2.30 fixed point). */
    Boxes unityMatrix() {
        return u32(0x10000).u32(0).u32(0).u32(0).u32(0x10000).u32(0).u32(0).u32(0).u32(0x40000000);
    }

    /** Where the next byte goes: the offset of a field to patch later. */
    int position() {
        return size;
    }

    void patchU32(int at, long value) {
        putU32(at, value);
    }

    void reset() {
        size = 0;
        depth = 0;
    }

    /** What has been written, without a copy; valid until the next write or reset. */
    ByteBuffer view() {
        return ByteBuffer.wrap(buffer, 0, size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void putU32(int at, long value) {
        buffer[at] = (byte) (value >>> 24);
        buffer[at + 1] = (byte) (value >>> 16);
        buffer[at + 2] = (byte) (value >>> 8);
        buffer[at + 3] = (byte) value;
    }

    private void ensure(int more) {
        if (size + more <= buffer.length) {
            return;
        }
        if (size + more > limit) {
            throw new VideoException("MP4 header past " + limit + " bytes");
        }
        buffer = Arrays.copyOf(buffer, Math.min(limit, Math.max(size + more, buffer.length * 2)));
    }
}
