package io.alarmhub.video.testing;

import io.alarmhub.video.VideoCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * Media as a camera encodes it, made at test time by Debian's ffmpeg ({@link MediaTools#ffmpeg}) into a directory
 * the test gives (under {@code target/}, never committed): raw H.264 and H.265 Annex B streams of a moving test
 * picture, 25 fps, one keyframe a second and no B-frames; a tone as raw G.711 A-law and as raw G.726, 8 kHz mono.
 * A file is named by what it holds and made once: a later call with the same settings reuses it.
 */
public final class VideoFixtures {

    private VideoFixtures() {
    }

    /**
     * What a test video holds.
     *
     * @param megabits its bit rate, also its ceiling (1 or 2: a camera's constant-rate main stream)
     * @param seconds  how long it lasts; it has 25 frames a second
     */
    public record Video(VideoCodec codec, int width, int height, int megabits, int seconds) {

        public static final int FPS = 25;

        public Video {
            if (width <= 0 || height <= 0 || megabits <= 0 || seconds <= 0) {
                throw new IllegalArgumentException(width + "x" + height + ", " + megabits + "M, " + seconds + " s");
            }
        }

        /** 640x360 at 1 Mbit/s: a camera's sub-stream. */
        public static Video of(VideoCodec codec, int seconds) {
            return new Video(codec, 640, 360, 1, seconds);
        }

        /** The same at 1280x720. */
        public Video hd() {
            return new Video(codec, 1280, 720, megabits, seconds);
        }

        public Video megabits(int rate) {
            return new Video(codec, width, height, rate, seconds);
        }

        /** Its frame count. */
        public int frames() {
            return FPS * seconds;
        }

        String fileName() {
            return "testsrc2-" + width + "x" + height + "-" + megabits + "M-" + seconds + "s"
                    + (codec == VideoCodec.H264 ? ".h264" : ".h265");
        }
    }

    /** {@link Video#of} 640x360 H.264 of {@code seconds}. */
    public static Path h264(Path dir, int seconds) {
        return video(dir, Video.of(VideoCodec.H264, seconds));
    }

    /** {@link Video#of} 640x360 H.265 of {@code seconds}. */
    public static Path h265(Path dir, int seconds) {
        return video(dir, Video.of(VideoCodec.H265, seconds));
    }

    /**
     * A raw Annex B stream ({@code .h264} or {@code .h265}); each keyframe comes after its parameter sets, as
     * x264 and x265 write them to a raw stream. Scene cuts are off so that every second starts one GOP exactly.
     */
    public static Path video(Path dir, Video video) {
        String rate = video.megabits() + "M";
        boolean avc = video.codec() == VideoCodec.H264;
        return made(dir, video.fileName(), out -> MediaTools.ffmpeg("-f", "lavfi",
                "-i", "testsrc2=size=" + video.width() + "x" + video.height() + ":rate=" + Video.FPS,
                "-frames:v", String.valueOf(video.frames()), "-pix_fmt", "yuv420p",
                "-c:v", avc ? "libx264" : "libx265", "-g", String.valueOf(Video.FPS),
                "-keyint_min", String.valueOf(Video.FPS), "-bf", "0",
                "-b:v", rate, "-maxrate", rate, "-bufsize", rate,
                avc ? "-sc_threshold" : "-x265-params", avc ? "0" : "scenecut=0:open-gop=0:log-level=error",
                "-f", avc ? "h264" : "hevc", out.toString()));
    }

    /** A sine of {@code hertz} as raw G.711 A-law, 8 kHz mono: 8000 bytes a second. */
    public static Path alaw(Path dir, int hertz, int seconds) {
        return made(dir, "tone-" + hertz + "Hz-" + seconds + "s.alaw", out -> MediaTools.ffmpeg(
                tone(hertz, seconds, "pcm_alaw", "alaw", out)));
    }

    /**
     * A sine of {@code hertz} as raw G.726 at 32 kbit/s, 8 kHz mono: 4000 bytes a second, two 4-bit code words a
     * byte, the first in the low bits (ffmpeg's {@code g726le}, RFC 3551's packing for RTP), the form we take
     * for cameras whose login says {@code audio_type} 1.
     */
    public static Path g726(Path dir, int hertz, int seconds) {
        return made(dir, "tone-" + hertz + "Hz-" + seconds + "s.g726", out -> MediaTools.ffmpeg(
                tone(hertz, seconds, "g726le", "g726le", out)));
    }

    private static String[] tone(int hertz, int seconds, String codec, String format, Path out) {
        return new String[] {"-f", "lavfi", "-i", "sine=frequency=" + hertz + ":sample_rate=8000:duration=" + seconds,
            "-ac", "1", "-ar", "8000", "-c:a", codec, "-b:a", "32k", "-f", format, out.toString()};
    }

    /** Makes the file under a temporary name and moves it in place, so that a run cut short leaves no half file. */
    private static Path made(Path dir, String name, Consumer<Path> maker) {
        Path file = dir.resolve(name).toAbsolutePath();
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path partial = null;
        try {
            Files.createDirectories(dir);
            partial = Files.createTempFile(dir, name, ".part");
            maker.accept(partial);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + file, e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private static void deleteQuietly(Path partial) {
        if (partial != null) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // a leftover .part is never taken for a fixture, so it does no harm
            }
        }
    }
}
