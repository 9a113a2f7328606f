package io.alarmhub.video.flv;

import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoException;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.codec.ParameterSets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One viewer's FLV stream: {@link #start} gives the FLV header, {@code onMetaData} and the video sequence header;
 * then {@link #frame} turns each frame of the camera's timeline into its tag, and {@link #parameterSets} a change
 * of the camera's parameter sets into a new sequence header. Each call returns the bytes to send, in order; an
 * empty array when there is nothing to send. One per viewer, used by one thread.
 *
 * <p>Timestamps are rebased so that the viewer's first keyframe is at 0, whenever it joined: a player then starts
 * playing at once instead of waiting or seeking to the camera's time. They never run backwards within a kind,
 * which neither FFmpeg's demuxer nor the browser's media buffers take well. Frames before the first keyframe are
 * dropped, since nothing can be decoded from them.
 */
public final class FlvMuxer {

    private static final byte[] NOTHING = new byte[0];

    private AudioMode audio = AudioMode.NONE;
    private ParameterSets sets;
    private long base = -1;
    private long lastVideo;
    private long lastAudio;

    /** The FLV header, {@code onMetaData} with no frame rate, and the sequence header for {@code sets}. */
    public byte[] start(ParameterSets sets, AudioMode audio) {
        return start(sets, audio, 0);
    }

    /**
     * The FLV header, {@code onMetaData} and the sequence header for {@code sets}, for a viewer that gets
     * {@code audio}, and FLAC's sequence start when the viewer gets FLAC; {@code frameRate} goes into the metadata
     * when positive.
     */
    public byte[] start(ParameterSets sets, AudioMode audio, double frameRate) {
        if (this.sets != null) {
            throw new IllegalStateException("FLV stream already started");
        }
        this.sets = sets;
        this.audio = audio;
        byte[] metadata = FlvTags.tag(FlvTags.SCRIPT, 0, NOTHING, ScriptData.onMetaData(metadata(sets, frameRate)));
        byte[] audioStart = audio.flac() ? AudioTags.flacSequenceStart(audio, 0) : NOTHING;
        return concat(FlvTags.header(audio != AudioMode.NONE), metadata, VideoTags.sequenceHeader(sets, 0),
                audioStart);
    }

    /**
     * Whether {@link #start} was called: a viewer that is handed parameter sets before its first frame and again
     * on each change starts the stream with the first and passes the rest to {@link #parameterSets}.
     */
    public boolean started() {
        return sets != null;
    }

    /** The tag of {@code frame}; empty when the viewer does not get it. */
    public byte[] frame(MediaFrame frame) {
        if (sets == null) {
            throw new IllegalStateException("FLV stream not started");
        }
        return frame instanceof VideoFrame video ? video(video) : audio((AudioFrame) frame);
    }

    /**
     * A new sequence header when {@code next} differs from the sets in force; empty when they are the same. The
     * codec cannot change within one FLV stream: players set up their decoder once.
     */
    public byte[] parameterSets(ParameterSets next) {
        if (sets == null) {
            throw new IllegalStateException("FLV stream not started");
        }
        if (next.codec() != sets.codec()) {
            throw new VideoException("camera switched from " + sets.codec() + " to " + next.codec());
        }
        if (next.sameAs(sets)) {
            return NOTHING;
        }
        sets = next;
        return VideoTags.sequenceHeader(next, lastVideo);
    }

    private byte[] video(VideoFrame frame) {
        if (base < 0) {
            if (!frame.keyframe()) {
                return NOTHING;
            }
            base = frame.time();
        }
        lastVideo = Math.max(lastVideo, frame.time() - base);
        return VideoTags.frame(sets.codec(), frame, lastVideo);
    }

    private byte[] audio(AudioFrame frame) {
        if (base < 0 || audio == AudioMode.NONE) {
            return NOTHING;
        }
        lastAudio = Math.max(lastAudio, frame.time() - base);
        if (audio == AudioMode.ALAW) {
            return frame.alaw().length == 0 ? NOTHING : AudioTags.alaw(frame, lastAudio);
        }
        return frame.flac().length == 0 ? NOTHING : AudioTags.flac(frame, lastAudio);
    }

    private Map<String, Object> metadata(ParameterSets sets, double frameRate) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("duration", 0); // live: no end known
        meta.put("width", sets.width());
        meta.put("height", sets.height());
        if (frameRate > 0) {
            meta.put("framerate", frameRate);
        }
        meta.put("videocodecid", VideoTags.codecId(sets.codec()));
        meta.put("hasVideo", true);
        meta.put("hasAudio", audio != AudioMode.NONE);
        if (audio != AudioMode.NONE) {
            meta.put("audiocodecid", AudioTags.codecId(audio));
            meta.put("audiosamplerate", AudioTags.SAMPLE_RATE);
            meta.put("audiosamplesize", AudioTags.SAMPLE_BITS);
            meta.put("stereo", false);
        }
        return meta;
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
