package io.alarmhub.video.flv;

/** Which audio a viewer's FLV carries: each camera packet's audio comes in both forms, the viewer picks one. */
public enum AudioMode {

    /** No audio: the FLV header says video only, so players do not wait for an audio track. */
    NONE,

    /** G.711 A-law, classic {@code SoundFormat} 7: for ffplay and native apps that ask for it. */
    ALAW,

    /**
     * FLAC in enhanced FLV (Enhanced RTMP v2, FourCC {@code fLaC}): for browsers, through mpegts.js, which reads
     * the sequence start as a FLAC metadata block header followed by STREAMINFO.
     */
    FLAC
}
