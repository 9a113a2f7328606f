package io.alarmhub.video.codec;

import io.alarmhub.video.VideoException;

/** Reads an H.264 sequence parameter set (ITU-T H.264 7.3.2.1.1) as far as the picture format. */
final class AvcSequence {

    private static final int MAX_SIDE = 16384;

    private AvcSequence() {
    }

    static PictureFormat read(byte[] sps) {
        if (sps.length < 4) {
            throw new VideoException("H.264 SPS of " + sps.length + " bytes");
        }
        BitReader in = new BitReader(sps, 1);
        int profile = in.bits(8);
        in.skip(16); // constraint flags, level_idc
        in.ue(); // seq_parameter_set_id
        int chroma = 1;
        int depthLuma = 8;
        int depthChroma = 8;
        boolean separatePlanes = false;
        if (hasChromaInfo(profile)) {
            chroma = in.ue();
            if (chroma == 3) {
                separatePlanes = in.flag();
            }
            depthLuma = 8 + in.ue();
            depthChroma = 8 + in.ue();
            in.skip(1); // qpprime_y_zero_transform_bypass_flag
            if (in.flag()) {
                skipScalingLists(in, chroma == 3 ? 12 : 8);
            }
        }
        in.ue(); // log2_max_frame_num_minus4
        skipPictureOrderCount(in);
        in.ue(); // max_num_ref_frames
        in.skip(1); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = in.ue() + 1;
        int heightUnits = in.ue() + 1;
        boolean frameMbsOnly = in.flag();
        if (!frameMbsOnly) {
            in.skip(1); // mb_adaptive_frame_field_flag
        }
        in.skip(1); // direct_8x8_inference_flag
        int width = widthMbs * 16;
        int height = (frameMbsOnly ? 1 : 2) * heightUnits * 16;
        if (in.flag()) {
            int arrayType = separatePlanes ? 0 : chroma;
            int cropX = arrayType == 0 ? 1 : (arrayType == 3 ? 1 : 2);
            int cropY = (arrayType == 0 ? 1 : (arrayType == 1 ? 2 : 1)) * (frameMbsOnly ? 1 : 2);
            width -= cropX * (in.ue() + in.ue());
            height -= cropY * (in.ue() + in.ue());
        }
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new VideoException("H.264 SPS gives a picture of " + width + "x" + height);
        }
        return new PictureFormat(width, height, chroma, depthLuma, depthChroma);
    }

    /** The High profiles and their kin carry chroma format and bit depth (7.3.2.1.1). */
    static boolean hasChromaInfo(int profile) {
        return switch (profile) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    private static void skipScalingLists(BitReader in, int count) {
        for (int i = 0; i < count; i++) {
            if (in.flag()) {
                int size = i < 6 ? 16 : 64;
                int last = 8;
                int next = 8;
                for (int j = 0; j < size && next != 0; j++) {
                    next = (last + in.se() + 256) % 256;
                    last = next == 0 ? last : next;
                }
            }
        }
    }

    private static void skipPictureOrderCount(BitReader in) {
        int type = in.ue();
        if (type == 0) {
            in.ue(); // log2_max_pic_order_cnt_lsb_minus4
        } else if (type == 1) {
            in.skip(1); // delta_pic_order_always_zero_flag
            in.se();
            in.se();
            int cycle = in.ue();
            if (cycle > 255) {
                throw new VideoException("H.264 SPS with " + cycle + " reference frames in a POC cycle");
            }
            for (int i = 0; i < cycle; i++) {
                in.se();
            }
        }
    }
}
