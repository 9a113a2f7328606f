package io.alarmhub.video.audio;

import io.alarmhub.video.AudioCodec;
import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.VideoException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The audio of one camera stream at ingest: each packet the camera sends becomes an {@link AudioFrame} holding
 * it as A-law and as one FLAC frame. The FLAC frames number their samples on from the packet before, so that
 * together they form one stream described by {@link #streamInfo()}.
 *
 * <p>One per stream, fed in order from one thread: G.726 decoding adapts from packet to packet, and the
 * buffers are reused.
 */
public final class CameraAudio {

    /** Cameras send 8 kHz mono. */
    public static final int SAMPLE_RATE = 8000;
    /** The most samples one packet may hold: what one FLAC frame may, 576 ms. */
    public static final int MAX_SAMPLES = FlacEncoder.MAX_BLOCK;
    /** The fewest samples one packet may hold: 2 ms, far below any camera's 20 ms. */
    public static final int MIN_SAMPLES = FlacEncoder.MIN_BLOCK;

    private final AudioCodec codec;
    private final G726Decoder g726;
    private final FlacEncoder flac = new FlacEncoder(SAMPLE_RATE);
    private final short[] pcm = new short[MAX_SAMPLES];
    private long nextSample;

    /**
     * @param codec  what the camera's login says it sends
     * @param format what its G.726 is, when it sends G.726
     */
    public CameraAudio(AudioCodec codec, G726Format format) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.g726 = new G726Decoder(format);
    }

    /** A camera's audio, its G.726 taken to be {@link G726Format#DEFAULT}. */
    public static CameraAudio of(AudioCodec codec) {
        return new CameraAudio(codec, G726Format.DEFAULT);
    }

    public AudioCodec codec() {
        return codec;
    }

    /** The STREAMINFO of the FLAC frames this makes, for a viewer's or recording's FLAC header. */
    public FlacStreamInfo streamInfo() {
        return flac.streamInfo();
    }

    /** How many samples the packets so far held: the number the next FLAC frame starts at. */
    public long samples() {
        return nextSample;
    }

    /** How many samples a packet holds, for its time before it is read: one per A-law byte, or per G.726 code word. */
    public int samplesIn(byte[] payload) {
        return codec == AudioCodec.G711A ? payload.length : g726.format().samplesIn(payload.length);
    }

    /**
     * Turns one camera packet into a frame.
     *
     * @param time    the packet's time on the camera's timeline, in milliseconds, passed through
     * @param payload the packet's audio: A-law bytes, or G.726 code words in this stream's format; it is not kept,
     *                so the caller may reuse it
     * @throws VideoException if the payload holds fewer than {@value #MIN_SAMPLES} or more than
     *                        {@value #MAX_SAMPLES} samples
     */
    public AudioFrame frame(long time, byte[] payload) {
        int samples = samplesIn(payload);
        if (samples < MIN_SAMPLES || samples > MAX_SAMPLES) {
            throw new VideoException("an audio packet of " + payload.length + " bytes " + codec + " holds " + samples
                    + " samples, not " + MIN_SAMPLES + " to " + MAX_SAMPLES);
        }
        byte[] alaw;
        if (codec == AudioCodec.G711A) {
            ALaw.decode(payload, 0, samples, pcm, 0);
            alaw = Arrays.copyOf(payload, samples);
        } else {
            g726.decode(payload, 0, payload.length, pcm, 0);
            alaw = new byte[samples];
            ALaw.encode(pcm, 0, samples, alaw, 0);
        }
        byte[] frame = flac.frame(pcm, 0, samples, nextSample);
        nextSample += samples;
        return new AudioFrame(time, samples, alaw, frame);
    }
}
