package io.alarmhub.video.codec;

import io.alarmhub.video.VideoCodec;

/** The NAL unit types that matter here: parameter sets and the pictures a decoder may start at. */
enum NalType {
    VPS,
    SPS,
    PPS,
    KEY_PICTURE,
    OTHER;

    static NalType of(VideoCodec codec, byte[] unit) {
        if (unit.length == 0) {
            return OTHER;
        }
        if (codec == VideoCodec.H264) {
            return switch (unit[0] & 0x1f) {
                case 7 -> SPS;
                case 8 -> PPS;
                case 5 -> KEY_PICTURE; // IDR slice
                default -> OTHER;
            };
        }
        int type = (unit[0] >> 1) & 0x3f;
        return switch (type) {
            case 32 -> VPS;
            case 33 -> SPS;
            case 34 -> PPS;
            case 16, 17, 18, 19, 20, 21 -> KEY_PICTURE; // BLA, IDR, CRA
            default -> OTHER;
        };
    }
}
