package io.alarmhub.video.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alarmhub.video.AudioCodec;
import io.alarmhub.video.VideoException;
import io.alarmhub.video.audio.CameraAudio;
import org.junit.jupiter.api.Test;

class FlacTrackTest {

    /** A STREAMINFO body: blocks of 160 samples, 8000 Hz, 1 channel, 16 bits, 16000 samples, no MD5. */
    private static byte[] streamInfo(int rate, int channels, int bits) {
        byte[] info = new byte[FlacTrack.STREAMINFO_BYTES];
        info[1] = (byte) 160;
        info[3] = (byte) 160;
        info[10] = (byte) (rate >>> 12);
        info[11] = (byte) (rate >>> 4);
        info[12] = (byte) (((rate & 0xf) << 4) | ((channels - 1) << 1) | ((bits - 1) >>> 4));
        info[13] = (byte) (((bits - 1) & 0xf) << 4);
        info[16] = 0x3e;
        info[17] = (byte) 0x80;
        return info;
    }

    @Test
    void rateChannelsAndBitsComeFromTheStreamInfo() {
        FlacTrack camera = FlacTrack.of(streamInfo(8000, 1, 16));
        assertThat(camera.sampleRate()).isEqualTo(8000);
        assertThat(camera.channels()).isEqualTo(1);
        assertThat(camera.bitsPerSample()).isEqualTo(16);

        FlacTrack studio = FlacTrack.of(streamInfo(48000, 2, 24));
        assertThat(studio.sampleRate()).isEqualTo(48000);
        assertThat(studio.channels()).isEqualTo(2);
        assertThat(studio.bitsPerSample()).isEqualTo(24);
    }

    @Test
    void aCamerasStreamIsEightKilohertzMonoSixteenBits() {
        FlacTrack track = FlacTrack.of(CameraAudio.of(AudioCodec.G711A).streamInfo());
        assertThat(track.sampleRate()).isEqualTo(8000);
        assertThat(track.channels()).isEqualTo(1);
        assertThat(track.bitsPerSample()).isEqualTo(16);
    }

    @Test
    void aStreamInfoOfAnotherLengthOrRateIsRefused() {
        assertThatThrownBy(() -> FlacTrack.of(new byte[33])).isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> FlacTrack.of(streamInfo(0, 1, 16))).isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> FlacTrack.of(streamInfo(96000, 1, 16))).isInstanceOf(VideoException.class);
    }

    @Test
    void tracksOfTheSameStreamInfoAreEqualAndKeepTheirOwnCopy() {
        byte[] info = streamInfo(8000, 1, 16);
        FlacTrack track = FlacTrack.of(info);
        info[10] = 0;
        assertThat(track).isEqualTo(FlacTrack.of(streamInfo(8000, 1, 16)));
        assertThat(track.streamInfo()).isEqualTo(streamInfo(8000, 1, 16));
    }
}
