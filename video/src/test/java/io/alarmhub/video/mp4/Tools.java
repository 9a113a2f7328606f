package io.alarmhub.video.mp4;

import io.alarmhub.video.testing.MediaTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs FFmpeg's tools keeping what they print on standard error, which {@link MediaTools} drops when they
 * succeed: a file must not only be read, it must be read without a complaint. A missing tool fails the test.
 */
final class Tools {

    /** What a tool printed. */
    record Output(String out, String err) {
    }

    private Tools() {
    }

    /** Debian's ffprobe 5.1. */
    static Output ffprobe(String... args) {
        return run("ffprobe", null, args);
    }

    /** FFmpeg 8.1's ffprobe. */
    static Output ffprobe8(String... args) {
        return run("ffprobe", modern(), args);
    }

    /** FFmpeg 8.1's ffmpeg. */
    static Output ffmpeg8(String... args) {
        return run("ffmpeg", modern(), args);
    }

    /** Where MediaTools unpacks FFmpeg 8.1 (it does so on first use). */
    private static Path modern() {
        MediaTools.ffprobe8("-version");
        return Path.of("target", "ffmpeg8").toAbsolutePath();
    }

    private static Output run(String tool, Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(dir == null ? tool : dir.resolve(tool).toString());
        command.add("-hide_banner");
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (dir != null) {
                builder.environment().put("LD_LIBRARY_PATH", dir.toString());
            }
            Path err = Files.createTempFile("mp4-tool", ".err");
            Process process = builder.redirectError(err.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish");
            }
            String error = Files.readString(err);
            Files.delete(err);
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + error);
            }
            return new Output(out, error);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + tool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
