package io.alarmhub.video.mp4;

import io.alarmhub.video.VideoException;
import io.alarmhub.video.audio.FlacStreamInfo;
import java.util.Arrays;

/**
 * The FLAC audio of a file, described by its {@code STREAMINFO} block (the FLAC format, 8.2): MP4 carries it
 * whole in the {@code dfLa} box (the FLAC-in-ISOBMFF encapsulation, 3.3.2), and the sample entry and the track's
 * timescale take its rate, channels and bits from it.
 */
public final class FlacTrack {

    /** The length of a {@code STREAMINFO} block's body. */
    public static final int STREAMINFO_BYTES = 34;

    private final byte[] streamInfo;

    private FlacTrack(byte[] streamInfo) {
        this.streamInfo = streamInfo;
    }

    /**
     * The track of a FLAC stream whose {@code STREAMINFO} body (without its 4-byte block header) is
     * {@code streamInfo}.
     */
    public static FlacTrack of(byte[] streamInfo) {
        if (streamInfo.length != STREAMINFO_BYTES) {
            throw new VideoException("FLAC STREAMINFO of " + streamInfo.length + " bytes");
        }
        FlacTrack track = new FlacTrack(streamInfo.clone());
        if (track.sampleRate() == 0 || track.sampleRate() > 0xffff) {
            // The sample entry holds the rate as 16.16 fixed point: 655 kHz would not fit, 0 is no audio.
            throw new VideoException("FLAC sample rate " + track.sampleRate());
        }
        return track;
    }

    /** The track of the FLAC frames a camera's audio becomes ({@link io.alarmhub.video.audio.CameraAudio}). */
    public static FlacTrack of(FlacStreamInfo info) {
        return of(info.streamInfo());
    }

    /** Samples per second: the audio track's timescale. */
    public int sampleRate() {
        return ((streamInfo[10] & 0xff) << 12) | ((streamInfo[11] & 0xff) << 4) | ((streamInfo[12] & 0xff) >>> 4);
    }

    public int channels() {
        return ((streamInfo[12] >>> 1) & 0x7) + 1;
    }

    public int bitsPerSample() {
        return (((streamInfo[12] & 1) << 4) | ((streamInfo[13] & 0xff) >>> 4)) + 1;
    }

    /** The {@code STREAMINFO} body, a copy. */
    public byte[] streamInfo() {
        return streamInfo.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlacTrack track && Arrays.equals(streamInfo, track.streamInfo);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(streamInfo);
    }
}
