package io.alarmhub.video;

/**
 * One video access unit.
 *
 * @param time     milliseconds on the camera's timeline
 * @param keyframe an IDR (H.264) or IRAP (H.265) picture: a viewer or a file may start here
 * @param units    its NAL units, each after a 4-byte big-endian length (the form FLV and MP4 both carry),
 *                 without parameter sets: those travel as {@link io.alarmhub.video.codec.ParameterSets}
 */
public record VideoFrame(long time, boolean keyframe, byte[] units) implements MediaFrame {

    @Override
    public int bytes() {
        return units.length;
    }
}
