package io.alarmhub.video.codec;

import io.alarmhub.video.VideoException;

/**
 * Reads an H.265 sequence parameter set (ITU-T H.265 7.3.2.2.1) as far as the picture format, and hands out its
 * general profile, tier and level bytes for the {@code hvcC} record.
 */
final class HevcSequence {

    private static final int MAX_SIDE = 16384;
    /** general_profile_space … general_level_idc: 2+1+5 bits, 32, 48, 8 bits. */
    static final int GENERAL_PTL_BYTES = 12;

    private HevcSequence() {
    }

    /** The 12 bytes of general profile, tier and level; they follow the SPS's first payload byte. */
    static byte[] generalProfileTierLevel(byte[] sps) {
        return new BitReader(sps, 2).bytes(1, GENERAL_PTL_BYTES);
    }

    /** sps_max_sub_layers_minus1 + 1 and sps_temporal_id_nesting_flag, as {@code hvcC} repeats them. */
    static int subLayers(byte[] sps) {
        return ((new BitReader(sps, 2).bits(8) >> 1) & 7) + 1;
    }

    static boolean temporalIdNested(byte[] sps) {
        return (new BitReader(sps, 2).bits(8) & 1) == 1;
    }

    static PictureFormat read(byte[] sps) {
        if (sps.length < 3 + GENERAL_PTL_BYTES) {
            throw new VideoException("H.265 SPS of " + sps.length + " bytes");
        }
        BitReader in = new BitReader(sps, 2);
        in.skip(4); // sps_video_parameter_set_id
        int subLayersMinus1 = in.bits(3);
        in.skip(1); // sps_temporal_id_nesting_flag
        in.skip(GENERAL_PTL_BYTES * 8);
        skipSubLayers(in, subLayersMinus1);
        in.ue(); // sps_seq_parameter_set_id
        int chroma = in.ue();
        if (chroma == 3) {
            in.skip(1); // separate_colour_plane_flag
        }
        int width = in.ue();
        int height = in.ue();
        if (in.flag()) { // conformance_window_flag
            int subWidth = chroma == 1 || chroma == 2 ? 2 : 1;
            int subHeight = chroma == 1 ? 2 : 1;
            width -= subWidth * (in.ue() + in.ue());
            height -= subHeight * (in.ue() + in.ue());
        }
        int depthLuma = 8 + in.ue();
        int depthChroma = 8 + in.ue();
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new VideoException("H.265 SPS gives a picture of " + width + "x" + height);
        }
        return new PictureFormat(width, height, chroma, depthLuma, depthChroma);
    }

    private static void skipSubLayers(BitReader in, int subLayersMinus1) {
        boolean[] profilePresent = new boolean[subLayersMinus1];
        boolean[] levelPresent = new boolean[subLayersMinus1];
        for (int i = 0; i < subLayersMinus1; i++) {
            profilePresent[i] = in.flag();
            levelPresent[i] = in.flag();
        }
        if (subLayersMinus1 > 0) {
            in.skip(2 * (8 - subLayersMinus1)); // reserved_zero_2bits
        }
        for (int i = 0; i < subLayersMinus1; i++) {
            if (profilePresent[i]) {
                in.skip(88);
            }
            if (levelPresent[i]) {
                in.skip(8);
            }
        }
    }
}
