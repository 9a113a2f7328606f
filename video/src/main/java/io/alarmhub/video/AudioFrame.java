package io.alarmhub.video;

/**
 * One packet of camera audio, 8 kHz mono, in the two forms the writers need, both made once at ingest.
 *
 * @param time    milliseconds on the camera's timeline, counted from samples (see {@code timeline})
 * @param samples how many samples it holds (160 for 20 ms, 320 for 40 ms)
 * @param alaw    G.711 A-law: the camera's own bytes, or re-encoded from a G.726 camera's PCM
 * @param flac    the same samples as one FLAC frame, for browsers and recordings
 */
public record AudioFrame(long time, int samples, byte[] alaw, byte[] flac) implements MediaFrame {

    @Override
    public int bytes() {
        return alaw.length + flac.length;
    }
}
