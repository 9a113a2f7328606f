package io.alarmhub.video.mp4;

import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.codec.AccessUnits;
import io.alarmhub.video.codec.AnnexB;
import io.alarmhub.video.codec.ParameterSets;
import io.alarmhub.video.testing.MediaTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fixtures made by Debian's ffmpeg at test time into {@code target/}, and split as a camera sends them: video as
 * one package per access unit with the parameter sets apart, audio as one FLAC frame per 20 ms packet.
 */
final class CameraFeed {

    /** A camera's video: its parameter sets and frames 40 ms apart. */
    record Video(ParameterSets sets, List<VideoFrame> frames) {
    }

    /** A camera's audio as FLAC frames 20 ms apart, with the STREAMINFO of their stream. */
    record Audio(FlacTrack track, List<AudioFrame> frames) {
    }

    static final long FRAME_MILLIS = 40;
    static final int AUDIO_SAMPLES = 160;

    private CameraFeed() {
    }

    /** {@code seconds} of 640x360 at 25 fps, a keyframe every second, no B-frames. */
    static byte[] encode(VideoCodec codec, int seconds) {
        String encoder = codec == VideoCodec.H264 ? "libx264" : "libx265";
        Path file = Path.of("target", "mp4-fixture-" + seconds + "s." + (codec == VideoCodec.H264 ? "h264" : "h265"));
        MediaTools.ffmpeg("-f", "lavfi", "-i", "testsrc=size=640x360:rate=25", "-t", Integer.toString(seconds),
                "-pix_fmt", "yuv420p", "-c:v", encoder, "-g", "25", "-bf", "0",
                "-f", codec == VideoCodec.H264 ? "h264" : "hevc", file.toString());
        return read(file);
    }

    /** The frames of {@code stream} as a camera's packages give them, the first at {@code start} ms. */
    static Video split(VideoCodec codec, byte[] stream, long start) {
        AccessUnits units = new AccessUnits(codec);
        List<VideoFrame> frames = new ArrayList<>();
        List<byte[]> picture = new ArrayList<>();
        boolean hasSlice = false;
        for (byte[] unit : AnnexB.units(stream)) {
            boolean set = isParameterSet(codec, unit);
            if (hasSlice && (set || isFirstSlice(codec, unit))) {
                frames.add(units.frame(start + frames.size() * FRAME_MILLIS, AnnexB.withStartCodes(picture)));
                picture.clear();
                hasSlice = false;
            }
            if (set) {
                units.parameterSets(AnnexB.withStartCodes(List.of(unit)));
            } else {
                picture.add(unit);
                hasSlice |= isSlice(codec, unit);
            }
        }
        frames.add(units.frame(start + frames.size() * FRAME_MILLIS, AnnexB.withStartCodes(picture)));
        return new Video(units.current().orElseThrow(), frames);
    }

    /** {@code seconds} of a 440 Hz tone, 8 kHz mono, as FLAC frames of 160 samples, the first at {@code start}. */
    static Audio tone(int seconds, long start) {
        Path file = Path.of("target", "mp4-fixture-" + seconds + "s.flac");
        MediaTools.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t",
                Integer.toString(seconds), "-ac", "1", "-c:a", "flac", "-frame_size", Integer.toString(AUDIO_SAMPLES),
                file.toString());
        byte[] flac = read(file);
        // "fLaC", then STREAMINFO, always the first metadata block, after its 4-byte header
        FlacTrack track = FlacTrack.of(Arrays.copyOfRange(flac, 8, 8 + FlacTrack.STREAMINFO_BYTES));
        List<AudioFrame> frames = new ArrayList<>();
        String packets = MediaTools.ffprobe("-v", "error", "-show_entries", "packet=pos,size", "-of", "compact=p=0",
                file.toString());
        for (String line : packets.strip().split("\n")) {
            int pos = 0;
            int size = 0;
            for (String field : line.split("\\|")) {
                String[] pair = field.split("=");
                if (pair[0].equals("pos")) {
                    pos = Integer.parseInt(pair[1]);
                } else if (pair[0].equals("size")) {
                    size = Integer.parseInt(pair[1]);
                }
            }
            long time = start + frames.size() * 1000L * AUDIO_SAMPLES / 8000;
            frames.add(new AudioFrame(time, AUDIO_SAMPLES, new byte[0], Arrays.copyOfRange(flac, pos, pos + size)));
        }
        return new Audio(track, frames);
    }

    private static boolean isParameterSet(VideoCodec codec, byte[] unit) {
        if (codec == VideoCodec.H264) {
            int type = unit[0] & 0x1f;
            return type == 7 || type == 8;
        }
        int type = (unit[0] >> 1) & 0x3f;
        return type >= 32 && type <= 34;
    }

    private static boolean isSlice(VideoCodec codec, byte[] unit) {
        return codec == VideoCodec.H264 ? (unit[0] & 0x1f) <= 5 : ((unit[0] >> 1) & 0x3f) < 32;
    }

    private static boolean isFirstSlice(VideoCodec codec, byte[] unit) {
        if (codec == VideoCodec.H264) {
            int type = unit[0] & 0x1f;
            return (type == 1 || type == 5) && (unit[1] & 0x80) != 0; // first_mb_in_slice == 0
        }
        int type = (unit[0] >> 1) & 0x3f;
        return type < 32 && (unit[2] & 0x80) != 0; // first_slice_segment_in_pic_flag
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
