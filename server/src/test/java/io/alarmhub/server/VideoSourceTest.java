package io.alarmhub.server;

import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoException;
import io.alarmhub.video.codec.AnnexB;
import io.alarmhub.video.testing.MediaTools;
import io.alarmhub.video.testing.VideoFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The packages a simulated camera makes of real encoder output (made at test time by ffmpeg). */
class VideoSourceTest {

    /** Made once and kept between runs: {@link VideoFixtures} reuses a file it made. */
    static final Path FIXTURES = Path.of("target", "video-fixtures");
    static final long IPCAM_START = 1_700_000_000_000L;
    static final long UINT32 = 1L << 32;

    @TempDir
    Path dir;

    @Test
    void h264PackagesComeInTimeOrderWithTheSetsBeforeEachKeyframe() throws Exception {
        VideoSource source = VideoSource.open(Optional.of(VideoFixtures.h264(FIXTURES, 3)),
                Optional.of(VideoFixtures.alaw(FIXTURES, 440, 3)), 25, 40);

        List<MediaPackets.Packet> packets = all(source, MediaPackets.Settings.live(IPCAM_START));

        assertThat(packets).extracting(MediaPackets.Packet::at).isSorted();
        List<Hedgw.TDMediaPackage> video = media(packets, p -> p.type() == MediaPackets.VIDEO);
        assertThat(video).as("25 frames a second").hasSize(75);
        assertThat(video).extracting(Hedgw.TDMediaPackage::getStartTime)
                .containsExactlyElementsOf(steps(0, 40, 75));
        assertThat(video.stream().filter(m -> m.getSync() == 1)).extracting(Hedgw.TDMediaPackage::getStartTime)
                .containsExactly(0, 1000, 2000);
        for (int i = 0; i < packets.size(); i++) {
            Hedgw.TDMediaPackage media = packets.get(i).media();
            boolean keyframe = media.getPackageType() == MediaPackets.VIDEO && media.getSync() == 1;
            assertThat(keyframe).as("package %d is a keyframe just after the sets", i)
                    .isEqualTo(i > 0 && packets.get(i - 1).type() == MediaPackets.PARAMETER_SETS);
            assertThat(media.getDataSize()).isEqualTo(media.getData().size());
            assertThat(media.getIpcamTime()).isEqualTo(IPCAM_START + packets.get(i).at());
            assertThat(media.hasControlFlag()).isFalse();
        }
        List<Hedgw.TDMediaPackage> sets = media(packets, p -> p.type() == MediaPackets.PARAMETER_SETS);
        assertThat(sets).hasSize(3);
        assertThat(nalTypes(VideoCodec.H264, sets.get(0))).containsExactly(7, 8);
        assertThat(video).allSatisfy(frame -> assertThat(nalTypes(VideoCodec.H264, frame)).doesNotContain(7, 8));
        assertThat(decodedFrames(packets, "h264")).isEqualTo("h264,640,360,75");
    }

    @Test
    void h265KeyframesFollowVpsSpsAndPps() throws Exception {
        VideoSource source = VideoSource.open(Optional.of(VideoFixtures.h265(FIXTURES, 2)), Optional.empty(), 25, 40);

        List<MediaPackets.Packet> packets = all(source, MediaPackets.Settings.live(IPCAM_START));

        List<Hedgw.TDMediaPackage> video = media(packets, p -> p.type() == MediaPackets.VIDEO);
        assertThat(video).hasSize(50);
        assertThat(packets).extracting(MediaPackets.Packet::type).startsWith(MediaPackets.PARAMETER_SETS,
                MediaPackets.VIDEO);
        List<Hedgw.TDMediaPackage> sets = media(packets, p -> p.type() == MediaPackets.PARAMETER_SETS);
        assertThat(sets).extracting(Hedgw.TDMediaPackage::getStartTime).containsExactly(0, 1000);
        assertThat(nalTypes(VideoCodec.H265, sets.get(1))).containsExactly(32, 33, 34);
        assertThat(video.stream().filter(m -> m.getSync() == 1)).extracting(Hedgw.TDMediaPackage::getStartTime)
                .containsExactly(0, 1000);
        assertThat(decodedFrames(packets, "hevc")).isEqualTo("hevc,640,360,50");
        assertThat(source.streamSettings()).isEqualTo(new HedgwCamera.StreamSettings(2, 640, 360, 2));
    }

    @Test
    void aLoginTellsTheCodecsAndThePictureSize() throws Exception {
        VideoSource hd = VideoSource.open(Optional.of(VideoFixtures.video(FIXTURES,
                VideoFixtures.Video.of(VideoCodec.H264, 1).hd().megabits(2))), Optional.of(
                VideoFixtures.g726(FIXTURES, 440, 1)), 25, 20);
        VideoSource audioOnly = VideoSource.open(Optional.empty(), Optional.of(VideoFixtures.alaw(FIXTURES, 440, 1)),
                25, 20);

        assertThat(hd.streamSettings()).isEqualTo(new HedgwCamera.StreamSettings(1, 1280, 720, 1));
        assertThat(hd.frames()).isEqualTo(25);
        assertThat(audioOnly.streamSettings()).isEqualTo(HedgwCamera.StreamSettings.DEFAULT);
        assertThat(audioOnly.durationMillis()).isEqualTo(1000);
    }

    @Test
    void audioComesIn20Or40MillisecondPacketsOfEitherCodec() throws Exception {
        Path alaw = VideoFixtures.alaw(FIXTURES, 440, 1);
        Path g726 = VideoFixtures.g726(FIXTURES, 440, 1);

        assertThat(audio(alaw, 20)).allSatisfy(m -> assertThat(m.getDataSize()).isEqualTo(160))
                .extracting(Hedgw.TDMediaPackage::getStartTime).containsExactlyElementsOf(steps(0, 20, 50));
        assertThat(audio(alaw, 40)).allSatisfy(m -> assertThat(m.getDataSize()).isEqualTo(320))
                .extracting(Hedgw.TDMediaPackage::getStartTime).containsExactlyElementsOf(steps(0, 40, 25));
        assertThat(audio(g726, 20)).allSatisfy(m -> assertThat(m.getDataSize()).isEqualTo(80))
                .extracting(Hedgw.TDMediaPackage::getSeqNum).containsExactlyElementsOf(steps(0, 1, 50));
        assertThat(audio(g726, 40)).allSatisfy(m -> assertThat(m.getDataSize()).isEqualTo(160)).hasSize(25);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        audio(alaw, 40).forEach(m -> joined.writeBytes(m.getData().toByteArray()));
        assertThat(joined.toByteArray()).as("the file, in order").isEqualTo(Files.readAllBytes(alaw));
    }

    @Test
    void startTimeWrapsAt32BitsAndALoopGoesOnFromTheFirstKeyframe() throws Exception {
        VideoSource source = VideoSource.open(Optional.of(VideoFixtures.h264(FIXTURES, 3)),
                Optional.of(VideoFixtures.alaw(FIXTURES, 440, 3)), 25, 40);
        MediaPackets stream = new MediaPackets(source, new MediaPackets.Settings(UINT32 - 3000, IPCAM_START,
                OptionalInt.empty(), true, 0));

        List<MediaPackets.Packet> packets = new ArrayList<>();
        for (MediaPackets.Packet p = stream.next().orElseThrow(); p.at() < 4000; p = stream.next().orElseThrow()) {
            packets.add(p);
        }

        for (MediaPackets.Packet p : packets) {
            long expected = (UINT32 - 3000 + p.at()) % UINT32;
            assertThat(Integer.toUnsignedLong(p.media().getStartTime())).isEqualTo(expected);
        }
        assertThat(packets.stream().filter(p -> p.at() >= 3000)).isNotEmpty()
                .allSatisfy(p -> assertThat(p.media().getStartTime()).isBetween(0, 1000));
        List<Hedgw.TDMediaPackage> video = media(packets, p -> p.type() == MediaPackets.VIDEO);
        assertThat(video).hasSize(100).extracting(Hedgw.TDMediaPackage::getSeqNum)
                .containsExactlyElementsOf(steps(0, 1, 100));
        assertThat(video.get(75).getSync()).as("the loop starts at the file's first keyframe").isEqualTo(1);
        assertThat(video.get(75).getData()).isEqualTo(video.get(0).getData());
        assertThat(media(packets, p -> p.type() == MediaPackets.AUDIO)).hasSize(100);
    }

    @Test
    void eachKindCountsItsOwnSeqNumAndWrapsAt32Bits() throws Exception {
        VideoSource source = VideoSource.open(Optional.of(VideoFixtures.h264(FIXTURES, 3)),
                Optional.of(VideoFixtures.alaw(FIXTURES, 440, 3)), 25, 40);

        List<MediaPackets.Packet> packets = all(source, new MediaPackets.Settings(0, IPCAM_START, OptionalInt.of(1),
                false, UINT32 - 2));

        for (int type : new int[] {MediaPackets.AUDIO, MediaPackets.VIDEO, MediaPackets.PARAMETER_SETS}) {
            List<Long> seq = media(packets, p -> p.type() == type).stream()
                    .map(m -> Integer.toUnsignedLong(m.getSeqNum())).toList();
            assertThat(seq).as("package_type %d", type).startsWith(UINT32 - 2, UINT32 - 1, 0L);
            for (int i = 3; i < seq.size(); i++) {
                assertThat(seq.get(i)).isEqualTo(i - 2L);
            }
        }
        assertThat(packets).allSatisfy(p -> assertThat(p.media().getControlFlag()).isEqualTo(1));
    }

    @Test
    void withoutALoopTheStreamEndsWithTheLongerFile() throws Exception {
        VideoSource source = VideoSource.open(Optional.of(VideoFixtures.h264(FIXTURES, 1)),
                Optional.of(VideoFixtures.alaw(FIXTURES, 440, 3)), 25, 40);

        List<MediaPackets.Packet> packets = all(source, MediaPackets.Settings.live(IPCAM_START));

        assertThat(media(packets, p -> p.type() == MediaPackets.VIDEO)).hasSize(25);
        assertThat(media(packets, p -> p.type() == MediaPackets.AUDIO)).hasSize(75);
        assertThat(source.durationMillis()).isEqualTo(3000);
    }

    @Test
    void picturesBeforeTheFirstKeyframeAreLeftOut() throws Exception {
        byte[] stream = Files.readAllBytes(VideoFixtures.h264(FIXTURES, 2));
        List<byte[]> units = AnnexB.units(stream);
        int firstP = 0;
        while ((units.get(firstP)[0] & 0x1f) != 1) {
            firstP++;
        }
        Path cut = dir.resolve("cut.h264");
        Files.write(cut, AnnexB.withStartCodes(units.subList(firstP, units.size())));

        VideoSource source = VideoSource.open(Optional.of(cut), Optional.empty(), 25, 40);

        assertThat(source.frames()).as("the second GOP only").isEqualTo(25);
        assertThat(all(source, MediaPackets.Settings.live(0)).get(1).media().getSync()).isEqualTo(1);
    }

    @Test
    void refusesWhatIsNoCameraMedia() throws Exception {
        Path tone = VideoFixtures.alaw(FIXTURES, 440, 1);
        Path notVideo = Files.copy(tone, dir.resolve("tone.h264"));
        Path tiny = Files.write(dir.resolve("tiny.alaw"), new byte[100]);

        assertThatThrownBy(() -> VideoSource.open(Optional.of(notVideo), Optional.empty(), 25, 40))
                .isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> VideoSource.open(Optional.empty(), Optional.of(tiny), 25, 20))
                .isInstanceOf(VideoException.class).hasMessageContaining("less than one audio packet");
        assertThatThrownBy(() -> VideoSource.open(Optional.of(tone), Optional.empty(), 25, 40))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".h264 or .h265");
        assertThatThrownBy(() -> VideoSource.open(Optional.empty(), Optional.of(dir.resolve("a.wav")), 25, 40))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".alaw");
        assertThatThrownBy(() -> VideoSource.open(Optional.empty(), Optional.of(tone), 25, 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 or 40");
        assertThatThrownBy(() -> VideoSource.open(Optional.empty(), Optional.empty(), 25, 40))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Every package of one pass. */
    static List<MediaPackets.Packet> all(VideoSource source, MediaPackets.Settings settings) {
        MediaPackets stream = new MediaPackets(source, settings);
        List<MediaPackets.Packet> packets = new ArrayList<>();
        for (Optional<MediaPackets.Packet> p = stream.next(); p.isPresent(); p = stream.next()) {
            packets.add(p.get());
        }
        return packets;
    }

    private static List<Hedgw.TDMediaPackage> media(List<MediaPackets.Packet> packets,
                                                    Predicate<MediaPackets.Packet> which) {
        return packets.stream().filter(which).map(MediaPackets.Packet::media).toList();
    }

    private static List<Hedgw.TDMediaPackage> audio(Path file, int millis) throws Exception {
        return media(all(VideoSource.open(Optional.empty(), Optional.of(file), 25, millis),
                MediaPackets.Settings.live(0)), p -> true);
    }

    private static List<Integer> steps(int first, int step, int count) {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(first + i * step);
        }
        return values;
    }

    private static List<Integer> nalTypes(VideoCodec codec, Hedgw.TDMediaPackage media) {
        return AnnexB.units(media.getData().toByteArray()).stream()
                .map(u -> codec == VideoCodec.H264 ? u[0] & 0x1f : (u[0] >> 1) & 0x3f).toList();
    }

    /** What ffprobe reads of the video packages laid end to end, as a server would store them. */
    private String decodedFrames(List<MediaPackets.Packet> packets, String format) throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        packets.stream().filter(p -> p.type() != MediaPackets.AUDIO)
                .forEach(p -> stream.writeBytes(p.media().getData().toByteArray()));
        Path file = Files.write(dir.resolve("sent." + format), stream.toByteArray());
        return MediaTools.ffprobe("-v", "error", "-f", format, "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0",
                file.toString()).strip();
    }
}
