package io.alarmhub.video.flv;

import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.audio.CameraAudio;
import io.alarmhub.video.audio.FlacStreamInfo;

/**
 * Audio tags for camera audio, 8 kHz mono. G.711 A-law in the classic {@code AudioTagHeader} (FLV v10.1
 * E.4.2.1); FLAC in the enhanced one ({@code ExAudioTagHeader}, Enhanced RTMP v2), which classic FLV lacks.
 */
final class AudioTags {

    /** Classic {@code SoundFormat} 7 = G.711 A-law. */
    static final int G711_ALAW = 7;
    /** Enhanced RTMP's {@code AudioFourCc.Flac}. */
    static final int FLAC = FlvTags.fourCc("fLaC");

    /** What {@link CameraAudio} makes: 8 kHz, 16-bit samples. */
    static final int SAMPLE_RATE = CameraAudio.SAMPLE_RATE;
    static final int SAMPLE_BITS = 16;

    /** The FLAC stream {@link CameraAudio} makes: variable block sizes, every frame within its bounds. */
    private static final FlacStreamInfo STREAM = FlacStreamInfo.of(SAMPLE_RATE);

    /**
     * A-law, rate bits 0, 16-bit, mono: what FFmpeg's muxer writes for 8 kHz A-law. The two rate bits cannot say
     * 8 kHz, so readers take A-law as 8 kHz whatever they say.
     */
    private static final byte ALAW_HEAD = (byte) (G711_ALAW << 4 | 0 << 2 | 1 << 1 | 0);

    private static final int EX_HEADER = 9;
    private static final int SEQUENCE_START = 0;
    private static final int CODED_FRAMES = 1;

    private AudioTags() {
    }

    /** The number {@code onMetaData} gives as {@code audiocodecid}. */
    static int codecId(AudioMode mode) {
        return mode.flac() ? FLAC : G711_ALAW;
    }

    static byte[] alaw(AudioFrame frame, long time) {
        return FlvTags.tag(FlvTags.AUDIO, time, new byte[] {ALAW_HEAD}, frame.alaw());
    }

    /** One FLAC frame. */
    static byte[] flac(AudioFrame frame, long time) {
        return FlvTags.tag(FlvTags.AUDIO, time, flacHead(CODED_FRAMES), frame.flac());
    }

    /**
     * The FLAC sequence start. E-RTMP names only STREAMINFO, and FFmpeg sends it alone; mpegts.js skips four bytes
     * before it and builds its {@code dfLa} box from what follows, so for {@link AudioMode#FLAC} STREAMINFO comes
     * after its metadata block header.
     */
    static byte[] flacSequenceStart(AudioMode mode, long time) {
        byte[] body = mode == AudioMode.FLAC ? STREAM.metadataBlock() : STREAM.streamInfo();
        return FlvTags.tag(FlvTags.AUDIO, time, flacHead(SEQUENCE_START), body);
    }

    private static byte[] flacHead(int packetType) {
        byte[] head = new byte[5];
        head[0] = (byte) (EX_HEADER << 4 | packetType);
        FlvTags.put32(head, 1, FLAC);
        return head;
    }
}
