package io.alarmhub.video;

/** The video a camera sends: {@code video_type} of its login (1 H.264, 2 H.265, H.264 when absent). */
public enum VideoCodec {
    H264,
    H265;

    /** The codec of a login's {@code video_type}; anything but 2 is H.264, the seed's default. */
    public static VideoCodec ofVideoType(int videoType) {
        return videoType == 2 ? H265 : H264;
    }
}
