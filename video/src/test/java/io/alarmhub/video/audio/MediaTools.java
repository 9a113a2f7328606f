package io.alarmhub.video.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ffmpeg and ffprobe, the real tools the formats are checked against, and the fixtures they make, all under
 * {@code target/}. A missing tool fails the test: these checks are the point, not an extra.
 */
final class MediaTools {

    static final String FFMPEG = "/usr/bin/ffmpeg";
    static final String FFPROBE = "/usr/bin/ffprobe";

    private MediaTools() {
    }

    /** A fresh path for a fixture in {@code target/audio-fixtures}. */
    static Path fixture(String name) {
        try {
            Path file = folder().resolve(name);
            Files.deleteIfExists(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() throws IOException {
        return Files.createDirectories(Path.of("target", "audio-fixtures"));
    }

    /**
     * Runs {@code ffmpeg -v error -y} with the arguments; fails the test unless it succeeds.
     *
     * @return the errors it reported while still succeeding, such as a frame it could not decode
     */
    static String ffmpeg(String... arguments) {
        List<String> command = new ArrayList<>(List.of(FFMPEG, "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(arguments));
        return run(command).stderr();
    }

    /** Runs {@code ffprobe -v error} with the arguments and returns what it printed; it must report no error. */
    static String ffprobe(String... arguments) {
        List<String> command = new ArrayList<>(List.of(FFPROBE, "-v", "error"));
        command.addAll(List.of(arguments));
        Output output = run(command);
        assertThat(output.stderr()).as("ffprobe's errors").isEmpty();
        return output.stdout();
    }

    /** A 1 kHz sine, 2 s of 8 kHz mono from ffmpeg's own generator, as signed 16-bit PCM. */
    static short[] ffmpegTone() {
        Path pcm = fixture("tone-1k.s16le");
        ffmpeg("-f", "lavfi", "-i", "sine=f=1000:r=8000", "-t", "2", "-ac", "1", "-ar", "8000", "-f", "s16le",
                pcm.toString());
        return readPcm(pcm);
    }

    static short[] readPcm(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            short[] pcm = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
            return pcm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(String name, byte[] content) {
        Path file = fixture(name);
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Output(String stdout, String stderr) {
    }

    private static Output run(List<String> command) {
        assertThat(Path.of(command.get(0))).as("%s is installed (the build needs it)", command.get(0)).isExecutable();
        try {
            Path out = Files.createTempFile(folder(), "tool", ".out");
            Path err = Files.createTempFile(folder(), "tool", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            // A bound on a hung tool, not a timing assertion.
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("%s did not finish", command);
            }
            Output output = new Output(Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            assertThat(process.exitValue()).as("%s failed: %s", command, output.stderr()).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
