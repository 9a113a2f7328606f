package io.alarmhub.video.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.audio.FlacStreamInfo;
import io.alarmhub.video.testing.MediaTools;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The init segment is the one FFmpeg writes with {@code -movflags frag_keyframe+empty_moov+default_base_moof},
 * box for box and byte for byte, but for what FFmpeg adds of its own (a pixel aspect box, bit rates, its name)
 * and for what a file needs that FFmpeg's stream copy does not (mehd, the millisecond video timescale).
 */
class InitSegmentTest {

    /** FFmpeg's boxes a file does not need: a 1:1 pixel aspect, bit rates, the name of the tool. */
    private static final Set<String> FFMPEG_ONLY = Set.of("pasp", "btrt", "udta");
    /** The fixed fields of a sample entry and of stsd, before their child boxes. */
    private static final Set<String> ENTRIES = Set.of("stsd", "avc1", "hvc1", "fLaC");

    @Test
    void h264WithFlacIsWhatFfmpegWrites() throws Exception {
        CameraFeed.Video video = CameraFeed.split(VideoCodec.H264, CameraFeed.encode(VideoCodec.H264, 2), 0);
        CameraFeed.Audio audio = CameraFeed.tone(2, 0);
        Path reference = Path.of("target", "mp4-ffmpeg-h264-flac.mp4");
        MediaTools.ffmpeg("-i", "target/mp4-fixture-2s.h264", "-i", "target/mp4-fixture-2s.flac", "-c", "copy",
                "-strict", "-2", "-movflags", "frag_keyframe+empty_moov+default_base_moof", reference.toString());

        byte[] ours = InitSegment.of(Mp4Tracks.withAudio(video.sets(), audio.track())).bytes();
        assertSameBoxes(ours, Files.readAllBytes(reference));
    }

    @Test
    void h265IsWhatFfmpegWritesTaggedHvc1() throws Exception {
        CameraFeed.Video video = CameraFeed.split(VideoCodec.H265, CameraFeed.encode(VideoCodec.H265, 2), 0);
        Path reference = Path.of("target", "mp4-ffmpeg-h265.mp4");
        MediaTools.ffmpeg("-i", "target/mp4-fixture-2s.h265", "-c", "copy", "-tag:v", "hvc1", "-movflags",
                "frag_keyframe+empty_moov+default_base_moof", reference.toString());

        byte[] ours = InitSegment.of(Mp4Tracks.video(video.sets())).bytes();
        assertSameBoxes(ours, Files.readAllBytes(reference));
    }

    @Test
    void theDfLaBoxHoldsWhatFlacStreamInfoSaysItShould() {
        CameraFeed.Video video = CameraFeed.split(VideoCodec.H264, CameraFeed.encode(VideoCodec.H264, 2), 0);
        FlacStreamInfo info = FlacStreamInfo.of(8000);

        byte[] init = InitSegment.of(Mp4Tracks.withAudio(video.sets(), FlacTrack.of(info))).bytes();

        BoxTree.Box dfLa = BoxTree.find(BoxTree.of(init), "moov/trak/mdia/minf/stbl/stsd/fLaC/dfLa").get(0);
        assertThat(Arrays.copyOfRange(init, dfLa.body(), dfLa.offset() + dfLa.size())).isEqualTo(info.dfLaContent());
    }

    private static void assertSameBoxes(byte[] ours, byte[] ffmpeg) {
        List<BoxTree.Box> mine = BoxTree.of(ours).stream()
                .filter(box -> !box.path().endsWith("/mehd")).toList();
        List<BoxTree.Box> theirs = BoxTree.of(ffmpeg).stream()
                .filter(box -> box.path().startsWith("ftyp") || box.path().startsWith("moov"))
                .filter(box -> Arrays.stream(box.path().split("/")).noneMatch(FFMPEG_ONLY::contains)).toList();
        assertThat(mine).extracting(BoxTree.Box::path)
                .containsExactlyElementsOf(theirs.stream().map(BoxTree.Box::path).toList());
        assertThat(BoxTree.find(BoxTree.of(ours), "moov/mvex/mehd")).hasSize(1);
        for (int i = 0; i < mine.size(); i++) {
            BoxTree.Box box = mine.get(i);
            if (box.path().equals("moov/trak/mdia/mdhd") && i < firstAudio(mine)) {
                // FFmpeg keeps the raw stream's 1.2 MHz clock; a file of camera frames counts milliseconds
                assertThat(ByteBuffer.wrap(ours).getInt(box.body() + 12)).isEqualTo(1000);
            } else if (box.path().equals("moov/mvhd")) {
                // next_track_ID: FFmpeg 5.1's stream copy of two tracks says 2, taken by the audio track
                int next = box.offset() + box.size() - 4;
                int theirNext = theirs.get(i).offset() + theirs.get(i).size() - 4;
                assertThat(Arrays.copyOfRange(ours, box.body(), next))
                        .isEqualTo(Arrays.copyOfRange(ffmpeg, theirs.get(i).body(), theirNext));
                int tracks = BoxTree.find(mine, "moov/trak").size();
                assertThat(ByteBuffer.wrap(ours).getInt(next)).isEqualTo(tracks + 1);
            } else if (isLeaf(box) || ENTRIES.contains(box.type())) {
                assertThat(fields(ours, box)).as(box.path()).isEqualTo(fields(ffmpeg, theirs.get(i)));
            }
        }
    }

    private static int firstAudio(List<BoxTree.Box> boxes) {
        List<BoxTree.Box> tracks = boxes.stream().filter(box -> box.path().equals("moov/trak")).toList();
        return tracks.size() < 2 ? Integer.MAX_VALUE : boxes.indexOf(tracks.get(1));
    }

    private static boolean isLeaf(BoxTree.Box box) {
        return !Set.of("moov", "trak", "mdia", "minf", "stbl", "dinf", "dref", "mvex").contains(box.type());
    }

    /** A leaf's bytes, or the fields of a sample entry (or stsd) before its children, whose sizes differ. */
    private static byte[] fields(byte[] file, BoxTree.Box box) {
        int end = switch (box.type()) {
            case "stsd" -> box.body() + 8;
            case "avc1", "hvc1" -> box.body() + 78;
            case "fLaC" -> box.body() + 28;
            default -> box.offset() + box.size();
        };
        return Arrays.copyOfRange(file, box.type().equals("ftyp") ? box.offset() : box.body(), end);
    }
}
