package io.alarmhub.video.flv;

import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.codec.ParameterSets;

/**
 * Video tags. H.264 goes in the classic {@code VideoTagHeader} (FLV v10.1 E.4.3.1), which every player reads;
 * H.265 in the enhanced one ({@code ExVideoTagHeader}, Enhanced RTMP v1), because classic FLV has no H.265 and
 * the unofficial codec id 12 is read by some players only.
 *
 * <p>Cameras send no B-frames, so decode order is presentation order and every composition time is 0.
 */
final class VideoTags {

    /** Classic {@code CodecID} 7 = AVC. */
    static final int AVC = 7;
    /** Enhanced RTMP's {@code VideoFourCc.Hevc}. */
    static final int HVC1 = FlvTags.fourCc("hvc1");

    private static final int KEY_FRAME = 1;
    private static final int INTER_FRAME = 2;

    private static final int AVC_SEQUENCE_HEADER = 0;
    private static final int AVC_NALU = 1;

    private static final int IS_EX_HEADER = 0x80;
    private static final int SEQUENCE_START = 0;
    /** {@code CodedFramesX}: coded frames with no composition time field, which then is 0. */
    private static final int CODED_FRAMES_X = 3;

    private VideoTags() {
    }

    /** The number {@code onMetaData} gives as {@code videocodecid}. */
    static int codecId(VideoCodec codec) {
        return codec == VideoCodec.H264 ? AVC : HVC1;
    }

    /** The sequence header: the decoder configuration record a decoder needs before any frame. */
    static byte[] sequenceHeader(ParameterSets sets, long time) {
        return FlvTags.tag(FlvTags.VIDEO, time, head(sets.codec(), KEY_FRAME, true), sets.decoderConfiguration());
    }

    /** One access unit: its length-prefixed NAL units as they are. */
    static byte[] frame(VideoCodec codec, VideoFrame frame, long time) {
        int type = frame.keyframe() ? KEY_FRAME : INTER_FRAME;
        return FlvTags.tag(FlvTags.VIDEO, time, head(codec, type, false), frame.units());
    }

    private static byte[] head(VideoCodec codec, int frameType, boolean sequence) {
        if (codec == VideoCodec.H264) {
            // AVCPacketType, then the 24-bit composition time, 0.
            return new byte[] {(byte) (frameType << 4 | AVC), (byte) (sequence ? AVC_SEQUENCE_HEADER : AVC_NALU),
                0, 0, 0};
        }
        byte[] head = new byte[5];
        head[0] = (byte) (IS_EX_HEADER | frameType << 4 | (sequence ? SEQUENCE_START : CODED_FRAMES_X));
        FlvTags.put32(head, 1, HVC1);
        return head;
    }
}
