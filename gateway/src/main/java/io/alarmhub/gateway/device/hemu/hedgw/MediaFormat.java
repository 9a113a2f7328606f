package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;

/**
 * What a camera said at login of the media it will send on the connection (5.2.1), kept with its session for
 * the media it uploads: the codecs decide how its {@code TDMediaPackage}s are read.
 *
 * @param videoType    {@code video_type}: 1 H.264 (the default when absent), 2 H.265
 * @param videoWidth   {@code video_width}
 * @param videoHeight  {@code video_height}
 * @param audioType    {@code audio_type}: 1 G.726, 2 G.711A
 * @param audioKhz     {@code audio_khz}: the sample rate in kHz, e.g. 8
 * @param audioChannels {@code audio_channel}
 */
public record MediaFormat(int videoType, int videoWidth, int videoHeight, int audioType, int audioKhz,
                          int audioChannels) {

    /** {@code video_type} when the camera leaves it out: H.264, as the document says. */
    public static final int H264 = 1;

    static MediaFormat of(Hedgw.DevLoginReq login) {
        return new MediaFormat(login.hasVideoType() ? login.getVideoType() : H264, login.getVideoWidth(),
                login.getVideoHeight(), login.getAudioType(), login.getAudioKhz(), login.getAudioChannel());
    }
}
