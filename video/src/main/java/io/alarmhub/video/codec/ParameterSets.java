package io.alarmhub.video.codec;

import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoException;
import java.util.Arrays;
import java.util.List;

/**
 * The parameter sets a camera's video needs to be decoded: SPS and PPS, and VPS for H.265, each a NAL unit
 * without start code. A viewer or a file must have them before its first keyframe.
 *
 * @param codec the video codec
 * @param vps   video parameter sets (H.265 only; empty for H.264)
 * @param sps   sequence parameter sets, at least one
 * @param pps   picture parameter sets, at least one
 */
public record ParameterSets(VideoCodec codec, List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) {

    /** At most this many sets of one kind, and this many bytes each: more is not a camera's stream. */
    static final int MAX_SETS = 8;
    static final int MAX_SET_BYTES = 4096;

    public ParameterSets {
        vps = List.copyOf(vps);
        sps = List.copyOf(sps);
        pps = List.copyOf(pps);
        if (sps.isEmpty() || pps.isEmpty() || (codec == VideoCodec.H265 && vps.isEmpty())) {
            throw new VideoException(codec + " parameter sets without " + (sps.isEmpty() ? "SPS"
                    : pps.isEmpty() ? "PPS" : "VPS"));
        }
        for (List<byte[]> sets : List.of(vps, sps, pps)) {
            if (sets.size() > MAX_SETS || sets.stream().anyMatch(s -> s.length < 2 || s.length > MAX_SET_BYTES)) {
                throw new VideoException(codec + " parameter sets past their bounds");
            }
        }
    }

    /** The picture format its first SPS gives. */
    public PictureFormat format() {
        return codec == VideoCodec.H264 ? AvcSequence.read(sps.get(0)) : HevcSequence.read(sps.get(0));
    }

    public int width() {
        return format().width();
    }

    public int height() {
        return format().height();
    }

    /**
     * The decoder configuration record: {@code AVCDecoderConfigurationRecord} for H.264, the body of FLV's AVC
     * sequence header and MP4's {@code avcC}; {@code HEVCDecoderConfigurationRecord} for H.265, the body of
     * enhanced FLV's {@code hvc1} sequence start and MP4's {@code hvcC}. NAL units are 4-byte length-prefixed.
     */
    public byte[] decoderConfiguration() {
        return codec == VideoCodec.H264 ? AvcConfiguration.of(this) : HevcConfiguration.of(this);
    }

    /** The RFC 6381 codec string ({@code avc1.64001f}, {@code hvc1.1.6.L93.B0}), for MSE and HTML. */
    public String codecString() {
        return codec == VideoCodec.H264 ? AvcConfiguration.codecString(sps.get(0))
                : HevcConfiguration.codecString(sps.get(0));
    }

    /** Whether {@code other} holds the same sets, byte for byte. */
    public boolean sameAs(ParameterSets other) {
        return codec == other.codec && same(vps, other.vps) && same(sps, other.sps) && same(pps, other.pps);
    }

    private static boolean same(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
