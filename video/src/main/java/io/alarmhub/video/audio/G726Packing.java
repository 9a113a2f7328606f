package io.alarmhub.video.audio;

/** How G.726 code words of 2 to 5 bits follow one another in a byte stream. */
public enum G726Packing {

    /**
     * RFC 3551 (section 4.5.4), ffmpeg's {@code g726le}: the first code word sits in the least significant bits
     * of the first byte, the next one in the bits above it, spilling into the next byte's low bits.
     */
    RFC3551,

    /** ITU-T I.366.2 (AAL2), ffmpeg's {@code g726}: the first code word sits in the most significant bits. */
    MSB_FIRST
}
