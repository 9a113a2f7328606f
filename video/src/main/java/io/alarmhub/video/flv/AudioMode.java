package io.alarmhub.video.flv;

/** Which audio a viewer's FLV carries: each camera packet's audio comes in both forms, the viewer picks one. */
public enum AudioMode {

    /** No audio: the FLV header says video only, so players do not wait for an audio track. */
    NONE,

    /** G.711 A-law, classic {@code SoundFormat} 7: for ffplay and native apps that ask for it. */
    ALAW,

    /**
     * FLAC in enhanced FLV (Enhanced RTMP v2, FourCC {@code fLaC}) for browsers: mpegts.js 1.8 reads the sequence
     * start as a FLAC metadata block header followed by STREAMINFO, so that is what it gets.
     */
    FLAC,

    /**
     * The same FLAC with the sequence start as FFmpeg (7.1 and later) writes and reads it: STREAMINFO alone. The
     * two readers disagree on those bytes, and each fails on the other's: FFmpeg takes the block header for the
     * start of STREAMINFO, mpegts.js skips four bytes of STREAMINFO. For apps built on FFmpeg.
     */
    FLAC_FFMPEG;

    /** Whether the viewer gets FLAC, in either layout. */
    boolean flac() {
        return this == FLAC || this == FLAC_FFMPEG;
    }
}
