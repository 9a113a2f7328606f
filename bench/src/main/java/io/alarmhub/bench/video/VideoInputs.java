package io.alarmhub.bench.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cameras' media, made at run time by Debian's {@code ffmpeg} into a temporary directory, the same for
 * alarmhub and its peer: per rate a raw H.264 Annex B stream of a moving test picture (25 fps, a keyframe each
 * second, no B-frames, the rate as its ceiling: a camera's constant-rate stream), a tone as raw A-law (8 kHz
 * mono), and both in one FLV for FFmpeg to read, as a camera's stream reaches a recorder.
 */
public final class VideoInputs {

    public static final int FPS = 25;
    /** Each file lasts this long; the cameras and the peer loop it. */
    public static final int SECONDS = 20;

    /** One rate's files. */
    public record Input(int megabits, Path video, Path audio, Path flv) {
    }

    private final Map<Integer, Input> inputs;

    private VideoInputs(Map<Integer, Input> inputs) {
        this.inputs = Map.copyOf(inputs);
    }

    /** Makes every rate's files in {@code dir}; fails, saying why, when ffmpeg is missing or fails. */
    public static VideoInputs make(Path dir, List<Integer> megabits, int width, int height)
            throws IOException, InterruptedException {
        Path audio = dir.resolve("tone.alaw");
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000:duration=" + SECONDS, "-ac", "1",
                "-ar", "8000", "-c:a", "pcm_alaw", "-f", "alaw", audio.toString());
        Map<Integer, Input> made = new LinkedHashMap<>();
        for (int rate : megabits) {
            String name = width + "x" + height + "-" + rate + "M";
            Path video = dir.resolve(name + ".h264");
            String bits = rate + "M";
            // veryfast: the rate, not the encoder's effort, is what the server sees; it keeps the start short
            ffmpeg("-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + FPS,
                    "-frames:v", String.valueOf(FPS * SECONDS), "-pix_fmt", "yuv420p", "-c:v", "libx264",
                    "-preset", "veryfast", "-g", String.valueOf(FPS), "-keyint_min", String.valueOf(FPS), "-bf", "0",
                    "-sc_threshold", "0", "-b:v", bits, "-maxrate", bits, "-bufsize", bits, "-f", "h264",
                    video.toString());
            Path flv = dir.resolve(name + ".flv");
            ffmpeg("-r", String.valueOf(FPS), "-i", video.toString(), "-f", "alaw", "-ar", "8000", "-ac", "1",
                    "-i", audio.toString(), "-c", "copy", "-f", "flv", flv.toString());
            made.put(rate, new Input(rate, video, audio, flv));
        }
        return new VideoInputs(made);
    }

    public Input input(int megabits) {
        Input input = inputs.get(megabits);
        if (input == null) {
            throw new IllegalArgumentException("no input at " + megabits + " Mbit/s");
        }
        return input;
    }

    /** The video's real rate, bits a second: what x264 made of the asked one. */
    public static double videoBitsPerSecond(Input input) throws IOException {
        return Files.size(input.video()) * 8.0 / SECONDS;
    }

    private static void ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                "-y"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("ffmpeg could not run (the video scenario needs Debian's ffmpeg with libx264): "
                    + e.getMessage(), e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(output).strip());
        }
    }
}
