package io.alarmhub.video.ring;

import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.codec.ParameterSets;

import java.util.List;

/** Frames and parameter sets for ring and live tests: sizes that matter, contents that do not. */
public final class Frames {

    /** What one {@link #key} or {@link #inter} frame of {@link #PAYLOAD} bytes counts in a ring. */
    public static final int PAYLOAD = 1_000;
    public static final long HELD = PAYLOAD + CameraRing.FRAME_OVERHEAD;

    private Frames() {
    }

    public static VideoFrame key(long time) {
        return new VideoFrame(time, true, new byte[PAYLOAD]);
    }

    public static VideoFrame inter(long time) {
        return new VideoFrame(time, false, new byte[PAYLOAD]);
    }

    /** 20 ms of audio: 160 A-law bytes and a FLAC frame small enough to ignore. */
    public static AudioFrame audio(long time) {
        return new AudioFrame(time, 160, new byte[160], new byte[0]);
    }

    /** H.264 sets told apart by {@code id}; never parsed here. */
    public static ParameterSets sets(int id) {
        return new ParameterSets(VideoCodec.H264, List.of(), List.of(new byte[] {0x67, (byte) id}),
                List.of(new byte[] {0x68, (byte) id}));
    }
}
