package io.alarmhub.video.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alarmhub.video.AudioCodec;
import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.audio.CameraAudio;
import io.alarmhub.video.testing.MediaTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FLAC audio beside the video, read back by FFmpeg 8.1. */
class Mp4AudioTest {

    private static final long START = FragmentedMp4WriterTest.CAMERA_START;

    private static CameraFeed.Video video;
    private static CameraFeed.Audio audio;

    @BeforeAll
    static void fixtures() {
        video = CameraFeed.split(VideoCodec.H264, CameraFeed.encode(VideoCodec.H264, 10), START);
        // The microphone starts half a second before the first keyframe and stops with the last frame.
        CameraFeed.Audio tone = CameraFeed.tone(11, START - 500);
        audio = new CameraFeed.Audio(tone.track(),
                tone.frames().stream().filter(frame -> frame.time() < START + 10_000).toList());
    }

    /** Video and audio as a camera interleaves them, by time. */
    private static List<MediaFrame> interleaved() {
        List<MediaFrame> frames = new ArrayList<>(video.frames());
        frames.addAll(audio.frames());
        frames.sort(Comparator.comparingLong(MediaFrame::time)); // stable: video first at equal times
        return frames;
    }

    @Test
    void flacIsRead8000HzMonoAndLastsAsLongAsTheVideo() throws IOException {
        Path file = FragmentedMp4WriterTest.write("mp4-h264-flac.mp4", Mp4Tracks.withAudio(video.sets(),
                audio.track()), interleaved());

        Probe sound = Probe.v81(file, "a:0");
        assertThat(sound.get("codec_name")).isEqualTo("flac");
        assertThat(sound.get("sample_rate")).isEqualTo("8000");
        assertThat(sound.get("channels")).isEqualTo("1");
        assertThat(sound.frames()).isEqualTo(500); // the 25 packets before the first keyframe are dropped
        assertThat(sound.seconds("start_time")).isEqualTo(0.0);
        assertThat(sound.seconds("duration")).isCloseTo(10.0, within(0.040));
        sound.assertPtsIncrease();
        Probe picture = Probe.v81(file, "v:0");
        assertThat(picture.frames()).isEqualTo(250);
        assertThat(picture.seconds("duration")).isCloseTo(sound.seconds("duration"), within(0.040));
        assertThat(Probe.v51(file).frames()).isEqualTo(250);
        assertThat(FragmentedMp4WriterTest.decodeErrors(file)).isEmpty();
    }

    @Test
    void aCamerasALawMadeFlacByCameraAudioPlaysBesideTheVideo() throws IOException {
        Path tone = Path.of("target", "mp4-fixture-10s.alaw");
        MediaTools.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "10", "-ac", "1",
                "-f", "alaw", tone.toString());
        byte[] alaw = Files.readAllBytes(tone);
        CameraAudio camera = CameraAudio.of(AudioCodec.G711A);
        List<MediaFrame> frames = new ArrayList<>(video.frames());
        int packets = 0;
        for (int at = 0; at < alaw.length; packets++) {
            int size = Math.min(packets % 2 == 0 ? 160 : 320, alaw.length - at); // 20 and 40 ms packets
            frames.add(camera.frame(START + at / 8, Arrays.copyOfRange(alaw, at, at + size)));
            at += size;
        }
        frames.sort(Comparator.comparingLong(MediaFrame::time));

        Path file = FragmentedMp4WriterTest.write("mp4-camera-audio.mp4",
                Mp4Tracks.withAudio(video.sets(), FlacTrack.of(camera.streamInfo())), frames);

        Probe sound = Probe.v81(file, "a:0");
        assertThat(sound.get("codec_name")).isEqualTo("flac");
        assertThat(sound.get("sample_rate")).isEqualTo("8000");
        assertThat(sound.get("channels")).isEqualTo("1");
        assertThat(sound.frames()).isEqualTo(packets);
        assertThat(sound.seconds("duration")).isCloseTo(10.0, within(0.040));
        sound.assertPtsIncrease();
        assertThat(Probe.v81(file, "v:0").seconds("duration")).isCloseTo(sound.seconds("duration"), within(0.040));
        assertThat(FragmentedMp4WriterTest.decodeErrors(file)).isEmpty();
    }

    @Test
    void eachFragmentCarriesTheAudioOfItsGop() throws IOException {
        Path file = FragmentedMp4WriterTest.write("mp4-flac-fragments.mp4", Mp4Tracks.withAudio(video.sets(),
                audio.track()), interleaved());

        List<BoxTree.Box> boxes = BoxTree.of(Files.readAllBytes(file));
        assertThat(BoxTree.find(boxes, "moof")).hasSize(10);
        assertThat(BoxTree.find(boxes, "moof/traf")).hasSize(20);
        List<FragmentedMp4WriterTest.Run> runs = FragmentedMp4WriterTest.Run.all(Files.readAllBytes(file));
        for (int gop = 0; gop < 10; gop++) {
            FragmentedMp4WriterTest.Run sound = runs.get(2 * gop + 1);
            // 8 kHz ticks; the audio packet that ends a GOP waits for the next packet, in the next fragment
            assertThat(sound.baseTime()).isBetween(gop * 8000L - 160, gop * 8000L);
            assertThat(sound.durations()).containsOnly(160L);
        }
    }

    @Test
    void closingPatchesEveryDuration() throws IOException {
        Path file = FragmentedMp4WriterTest.write("mp4-flac-durations.mp4", Mp4Tracks.withAudio(video.sets(),
                audio.track()), interleaved());

        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer data = ByteBuffer.wrap(bytes);
        List<BoxTree.Box> boxes = BoxTree.of(bytes);
        assertThat(data.getInt(BoxTree.find(boxes, "moov/mvhd").get(0).body() + 16)).isEqualTo(10_000);
        assertThat(data.getInt(BoxTree.find(boxes, "moov/mvex/mehd").get(0).body() + 4)).isEqualTo(10_000);
        List<BoxTree.Box> tkhd = BoxTree.find(boxes, "moov/trak/tkhd");
        assertThat(tkhd).extracting(box -> data.getInt(box.body() + 20)).containsExactly(10_000, 10_000);
        List<BoxTree.Box> mdhd = BoxTree.find(boxes, "moov/trak/mdia/mdhd");
        assertThat(mdhd).extracting(box -> data.getInt(box.body() + 12)).containsExactly(1000, 8000);
        assertThat(mdhd).extracting(box -> data.getInt(box.body() + 16)).containsExactly(10_000, 80_000);
    }

    @Test
    void audioIsDroppedFromAFileWithoutAnAudioTrack() throws IOException {
        Path file = Path.of("target", "mp4-no-audio-track.mp4");
        FragmentedMp4Writer writer = FragmentedMp4WriterTest.create(file, Mp4Tracks.video(video.sets()));
        try (writer) {
            for (MediaFrame frame : interleaved()) {
                writer.write(frame);
            }
        }

        assertThat(writer.summary().audioFrames()).isZero();
        assertThat(writer.summary().videoFrames()).isEqualTo(250);
        assertThat(writer.summary().lastTime()).isEqualTo(START + 9960);
        assertThat(BoxTree.find(BoxTree.of(Files.readAllBytes(file)), "moov/trak")).hasSize(1);
    }

    @Test
    void audioBeforeTheFirstKeyframeIsDropped() throws IOException {
        Path file = Path.of("target", "mp4-audio-first.mp4");
        FragmentedMp4Writer writer = FragmentedMp4WriterTest.create(file, Mp4Tracks.withAudio(video.sets(),
                audio.track()));
        try (writer) {
            for (AudioFrame frame : audio.frames().subList(0, 100)) {
                writer.write(frame); // two seconds of audio, and no keyframe yet
            }
            writer.write(video.frames().get(0));
        }

        assertThat(writer.summary()).isEqualTo(new Mp4Summary(Files.size(file), START, START, 40, 1, 0));
    }
}
