package io.alarmhub.video.audio;

import io.alarmhub.video.VideoException;
import java.nio.ByteBuffer;

/**
 * The STREAMINFO of a live mono 16-bit FLAC stream, in the byte forms containers want it. Frame sizes, the
 * total sample count and the MD5 are zero: "unknown", as they are for a stream that has no end yet.
 *
 * @param sampleRate   samples per second, 1 to 655350
 * @param minBlockSize the fewest samples a frame holds, at least 16
 * @param maxBlockSize the most samples a frame holds, at most 65535
 */
public record FlacStreamInfo(int sampleRate, int minBlockSize, int maxBlockSize) {

    /** Bytes of the STREAMINFO block body. */
    public static final int LENGTH = 34;

    public FlacStreamInfo {
        if (sampleRate < 1 || sampleRate > 655_350) {
            throw new VideoException("FLAC cannot carry a sample rate of " + sampleRate);
        }
        if (minBlockSize < 16 || maxBlockSize < minBlockSize || maxBlockSize > 65_535) {
            throw new VideoException("FLAC block sizes must be 16 <= min <= max <= 65535, not " + minBlockSize
                    + ".." + maxBlockSize);
        }
    }

    /** The stream {@link FlacEncoder} writes: frames of 16 to 4608 samples at the given rate. */
    public static FlacStreamInfo of(int sampleRate) {
        return new FlacStreamInfo(sampleRate, FlacEncoder.MIN_BLOCK, FlacEncoder.MAX_BLOCK);
    }

    /** The 34-byte STREAMINFO block body. */
    public byte[] streamInfo() {
        ByteBuffer body = ByteBuffer.allocate(LENGTH);
        body.putShort((short) minBlockSize);
        body.putShort((short) maxBlockSize);
        body.put(new byte[6]); // minimum and maximum frame size: unknown
        // 20 bits of rate, 3 of channels - 1 (mono: 0), 5 of bits per sample - 1 (15), 36 of total samples (0).
        body.putLong(((long) sampleRate << 44) | (15L << 36));
        body.put(new byte[16]); // MD5 of the audio: unknown
        return body.array();
    }

    /** STREAMINFO as the last metadata block: its 4-byte header, then the body. FLV carries this. */
    public byte[] metadataBlock() {
        return ByteBuffer.allocate(4 + LENGTH).putInt(0x8000_0000 | LENGTH).put(streamInfo()).array();
    }

    /** The start of a FLAC file: "fLaC", then {@link #metadataBlock()}. Frames follow it. */
    public byte[] streamHeader() {
        return ByteBuffer.allocate(8 + LENGTH).put(new byte[] {'f', 'L', 'a', 'C'}).put(metadataBlock()).array();
    }

    /** The body of an MP4 {@code dfLa} box: version 0 and flags 0, then {@link #metadataBlock()}. */
    public byte[] dfLaContent() {
        return ByteBuffer.allocate(8 + LENGTH).putInt(0).put(metadataBlock()).array();
    }
}
