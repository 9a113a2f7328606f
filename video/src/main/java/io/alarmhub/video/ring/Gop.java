package io.alarmhub.video.ring;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.codec.ParameterSets;

import java.util.List;

/**
 * A group of pictures as it arrived: a keyframe, then the video and audio frames after it up to the next keyframe
 * (or as far as it has come), with the parameter sets in force at its keyframe. Immutable.
 *
 * @param parameterSets what a decoder needs before {@link #keyframe()}
 * @param frames        the keyframe first, then video and audio interleaved as they arrived
 */
public record Gop(ParameterSets parameterSets, List<MediaFrame> frames) {

    public Gop {
        frames = List.copyOf(frames);
        if (frames.isEmpty() || !(frames.get(0) instanceof VideoFrame first) || !first.keyframe()) {
            throw new IllegalArgumentException("a GOP starts with a keyframe");
        }
    }

    /** The frame it starts at. */
    public VideoFrame keyframe() {
        return (VideoFrame) frames.get(0);
    }

    /** The time of its keyframe. */
    public long start() {
        return frames.get(0).time();
    }
}
