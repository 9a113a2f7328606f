package io.alarmhub.video.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alarmhub.video.AudioCodec;
import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.VideoException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CameraAudioTest {

    @Test
    void anALawCamerasPacketsKeepTheirBytesAndBecomeOneLosslessFlacStream() {
        CameraAudio audio = CameraAudio.of(AudioCodec.G711A);
        short[] speech = Signals.speechLike(4000, 8);
        byte[] alaw = new byte[speech.length];
        ALaw.encode(speech, 0, speech.length, alaw, 0);

        List<AudioFrame> frames = feed(audio, alaw, new int[] {160, 320}, 1);

        assertThat(frames).extracting(AudioFrame::samples).startsWith(160, 320, 160).hasSize(17);
        ByteArrayOutputStream camerasBytes = new ByteArrayOutputStream();
        frames.forEach(frame -> camerasBytes.writeBytes(frame.alaw()));
        assertThat(camerasBytes.toByteArray()).containsExactly(alaw);
        short[] expanded = new short[alaw.length];
        ALaw.decode(alaw, 0, alaw.length, expanded, 0);
        assertThat(ffmpegDecodesFlac(audio, frames)).containsExactly(expanded);
        assertThat(audio.samples()).isEqualTo(4000);
    }

    @Test
    void aG726CamerasTwentyMillisecondPacketsBecomeTheToneInALawAndFlac() {
        CameraAudio audio = CameraAudio.of(AudioCodec.G726);
        byte[] g726 = G726Fixtures.ffmpegEncodesTone(G726Format.DEFAULT);

        List<AudioFrame> frames = feed(audio, g726, new int[] {80}, 20);

        assertThat(frames).hasSize(100).allSatisfy(frame -> assertThat(frame.samples()).isEqualTo(160));
        assertThat(frames).extracting(AudioFrame::time).startsWith(0L, 20L, 40L);
        short[] decoded = G726Fixtures.decodeInPackets(new G726Decoder(G726Format.DEFAULT), g726);
        assertThat(ffmpegDecodesFlac(audio, frames)).containsExactly(decoded);
        short[] alaw = ffmpegDecodesALaw(frames);
        assertThat(Signals.peakFrequency(alaw, 8000)).isEqualTo(1000);
        assertThat(Signals.snr(decoded, alaw)).as("A-law's own noise only").isGreaterThan(30);
    }

    @Test
    void theCamerasG726FormatDecidesHowManySamplesAPacketHolds() {
        CameraAudio audio = new CameraAudio(AudioCodec.G726, new G726Format(5, G726Packing.MSB_FIRST));

        AudioFrame frame = audio.frame(40, new byte[200]);

        assertThat(frame.samples()).isEqualTo(320);
        assertThat(frame.alaw()).hasSize(320);
        assertThat(frame.time()).isEqualTo(40);
        assertThat(audio.samples()).isEqualTo(320);
    }

    @Test
    void refusesPacketsOutsideSixteenTo4608Samples() {
        CameraAudio alaw = CameraAudio.of(AudioCodec.G711A);
        CameraAudio g726 = CameraAudio.of(AudioCodec.G726);

        assertThat(alaw.frame(0, new byte[4608]).samples()).isEqualTo(4608);
        assertThat(g726.frame(0, new byte[2304]).samples()).isEqualTo(4608);
        assertThatThrownBy(() -> alaw.frame(0, new byte[0])).isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> alaw.frame(0, new byte[15])).isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> alaw.frame(0, new byte[4609])).isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> g726.frame(0, new byte[2305])).isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> g726.frame(0, new byte[1 << 20])).isInstanceOf(VideoException.class);
        assertThat(alaw.samples()).as("a refused packet does not count").isEqualTo(4608);
    }

    /** Feeds the payload in packets of the given sizes in turn, timed {@code millis} per 160 samples. */
    private static List<AudioFrame> feed(CameraAudio audio, byte[] payload, int[] packetSizes, long millis) {
        List<AudioFrame> frames = new ArrayList<>();
        long time = 0;
        int offset = 0;
        for (int i = 0; offset < payload.length; i++) {
            int size = Math.min(packetSizes[i % packetSizes.length], payload.length - offset);
            AudioFrame frame = audio.frame(time, Arrays.copyOfRange(payload, offset, offset + size));
            frames.add(frame);
            time += millis * frame.samples() / 160;
            offset += size;
        }
        return frames;
    }

    private static short[] ffmpegDecodesFlac(CameraAudio audio, List<AudioFrame> frames) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(audio.streamInfo().streamHeader());
        frames.forEach(frame -> file.writeBytes(frame.flac()));
        Path flac = MediaTools.write("camera.flac", file.toByteArray());
        Path pcm = MediaTools.fixture("camera-flac.s16le");
        String errors = MediaTools.ffmpeg("-err_detect", "crccheck+explode", "-i", flac.toString(), "-f", "s16le",
                pcm.toString());
        assertThat(errors).isEmpty();
        return MediaTools.readPcm(pcm);
    }

    private static short[] ffmpegDecodesALaw(List<AudioFrame> frames) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        frames.forEach(frame -> bytes.writeBytes(frame.alaw()));
        Path alaw = MediaTools.write("camera.alaw", bytes.toByteArray());
        Path pcm = MediaTools.fixture("camera-alaw.s16le");
        MediaTools.ffmpeg("-f", "alaw", "-ar", "8000", "-ac", "1", "-i", alaw.toString(), "-f", "s16le",
                pcm.toString());
        return MediaTools.readPcm(pcm);
    }
}
