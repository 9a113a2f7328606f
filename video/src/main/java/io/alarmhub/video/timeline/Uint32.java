package io.alarmhub.video.timeline;

import io.alarmhub.video.VideoException;

/** The camera's uint32 fields, which arrive as a Java {@code long} or as the signed {@code int} protobuf gives. */
final class Uint32 {

    static final long RANGE = 1L << 32;

    private Uint32() {
    }

    /**
     * The unsigned value of {@code value}: 0..2^32-1 as it is, -2^31..-1 read as the {@code int} protobuf makes
     * of a uint32 above 2^31-1; anything else is not a uint32 and is refused.
     */
    static long of(long value, String field) {
        if (value >= RANGE || value < Integer.MIN_VALUE) {
            throw new VideoException(field + " " + value + " is not a uint32");
        }
        return value & (RANGE - 1);
    }

    /** {@code value} placed on the 64-bit line nearest to {@code reference}: within -2^31..2^31-1 of it. */
    static long nearest(long reference, long value) {
        // The low 32 bits of the difference, read signed, is the shortest step between the two on the circle.
        return reference + (int) (value - reference);
    }
}
