package io.alarmhub.video.testing;

import io.alarmhub.video.AudioCodec;
import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.audio.CameraAudio;
import io.alarmhub.video.codec.AccessUnits;
import io.alarmhub.video.codec.AnnexB;
import io.alarmhub.video.codec.ParameterSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a camera would send, made by Debian's ffmpeg at test time: a test pattern at 25 fps with a keyframe every
 * second and no B-frames, and a 440 Hz tone as 8 kHz A-law, split the way a camera packages them (parameter sets
 * apart, one access unit per video package, 40 ms per audio package) and read through {@link AccessUnits} and
 * {@link CameraAudio} as ingest reads them. Streams are made once per JVM.
 *
 * @param sets  the parameter sets the stream's video needs
 * @param video its access units, 40 ms apart from 0
 * @param audio its audio packets, 320 samples each, 40 ms apart from 0, as A-law and FLAC
 */
public record CameraStream(ParameterSets sets, List<VideoFrame> video, List<AudioFrame> audio) {

    public static final int FRAME_RATE = 25;
    public static final int FRAME_MILLIS = 1000 / FRAME_RATE;
    public static final int AUDIO_SAMPLES = 320;
    public static final int AUDIO_MILLIS = AUDIO_SAMPLES / 8;

    private static final Map<String, CameraStream> MADE = new HashMap<>();

    /** {@code seconds} of {@code codec} video at {@code width} x {@code height}, with A-law audio. */
    public static synchronized CameraStream of(VideoCodec codec, int width, int height, int seconds) {
        String name = codec.name().toLowerCase() + "-" + width + "x" + height + "-" + seconds + "s";
        CameraStream stream = MADE.get(name);
        if (stream == null) {
            AccessUnits units = new AccessUnits(codec);
            List<VideoFrame> video = split(units, encode(codec, width, height, seconds, name));
            stream = new CameraStream(units.current().orElseThrow(), List.copyOf(video), alaw(seconds));
            MADE.put(name, stream);
        }
        return stream;
    }

    /** Video and audio in one list by time, as a ring hands them out; video first at equal times. */
    public List<MediaFrame> frames() {
        List<MediaFrame> frames = new ArrayList<>(video);
        frames.addAll(audio);
        frames.sort(Comparator.comparingLong(MediaFrame::time)
                .thenComparing(frame -> frame instanceof VideoFrame ? 0 : 1));
        return frames;
    }

    /** How long the stream lasts: its last video frame's time plus that frame's duration. */
    public long millis() {
        return video.get(video.size() - 1).time() + FRAME_MILLIS;
    }

    private static byte[] encode(VideoCodec codec, int width, int height, int seconds, String name) {
        boolean avc = codec == VideoCodec.H264;
        Path file = Path.of("target", "camera-" + name + (avc ? ".h264" : ".h265"));
        MediaTools.ffmpeg("-f", "lavfi", "-i", "testsrc=size=" + width + "x" + height + ":rate=" + FRAME_RATE,
                "-t", String.valueOf(seconds), "-pix_fmt", "yuv420p", "-c:v", avc ? "libx264" : "libx265",
                "-g", String.valueOf(FRAME_RATE), "-bf", "0", "-f", avc ? "h264" : "hevc", file.toString());
        return read(file);
    }

    private static List<AudioFrame> alaw(int seconds) {
        Path file = Path.of("target", "camera-tone-" + seconds + "s.alaw");
        MediaTools.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t",
                String.valueOf(seconds), "-ac", "1", "-f", "alaw", file.toString());
        byte[] alaw = read(file);
        CameraAudio audio = CameraAudio.of(AudioCodec.G711A);
        List<AudioFrame> frames = new ArrayList<>();
        for (int at = 0; at + AUDIO_SAMPLES <= alaw.length; at += AUDIO_SAMPLES) {
            byte[] packet = Arrays.copyOfRange(alaw, at, at + AUDIO_SAMPLES);
            frames.add(audio.frame((long) frames.size() * AUDIO_MILLIS, packet));
        }
        return List.copyOf(frames);
    }

    /** Parameter sets go in packages of their own; each access unit in one package, as cameras send them. */
    private static List<VideoFrame> split(AccessUnits units, byte[] stream) {
        VideoCodec codec = units.codec();
        List<VideoFrame> frames = new ArrayList<>();
        List<byte[]> picture = new ArrayList<>();
        boolean hasSlice = false;
        for (byte[] unit : AnnexB.units(stream)) {
            boolean set = isParameterSet(codec, unit);
            if (hasSlice && (set || isFirstSlice(codec, unit))) {
                frames.add(units.frame((long) frames.size() * FRAME_MILLIS, AnnexB.withStartCodes(picture)));
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
        frames.add(units.frame((long) frames.size() * FRAME_MILLIS, AnnexB.withStartCodes(picture)));
        return frames;
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
        return codec == VideoCodec.H264 ? (unit[0] & 0x1f) >= 1 && (unit[0] & 0x1f) <= 5
                : ((unit[0] >> 1) & 0x3f) < 32;
    }

    private static boolean isFirstSlice(VideoCodec codec, byte[] unit) {
        if (codec == VideoCodec.H264) {
            int type = unit[0] & 0x1f;
            return (type == 1 || type == 5) && (unit[1] & 0x80) != 0; // first_mb_in_slice == 0
        }
        return ((unit[0] >> 1) & 0x3f) < 32 && (unit[2] & 0x80) != 0; // first_slice_segment_in_pic_flag
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
