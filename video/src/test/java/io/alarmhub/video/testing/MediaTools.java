package io.alarmhub.video.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The real media tools the tests check against: Debian's {@code ffmpeg} and {@code ffprobe} (5.1) to make
 * fixtures, and the {@code ffprobe} of FFmpeg 8.1 that {@code org.bytedeco:ffmpeg} ships, because 5.1 cannot read
 * H.265 in enhanced FLV. A missing tool fails the test that needs it.
 */
public final class MediaTools {

    private static final String NATIVE_DIR = "org/bytedeco/ffmpeg/linux-x86_64/";
    private static Path modern;

    private MediaTools() {
    }

    /** Runs Debian's ffmpeg quietly with {@code args}; fails with its output when it fails. */
    public static void ffmpeg(String... args) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        run(command, null);
    }

    /** Debian's ffprobe 5.1 with {@code args}; its standard output. */
    public static String ffprobe(String... args) {
        List<String> command = new ArrayList<>(List.of("ffprobe", "-hide_banner"));
        command.addAll(List.of(args));
        return run(command, null);
    }

    /** The ffprobe of FFmpeg 8.1 with {@code args}; its standard output. */
    public static String ffprobe8(String... args) {
        Path dir = modernTools();
        List<String> command = new ArrayList<>(List.of(dir.resolve("ffprobe").toString(), "-hide_banner"));
        command.addAll(List.of(args));
        return run(command, dir);
    }

    /** The ffmpeg of FFmpeg 8.1 with {@code args} (it reads H.265 in FLV, for decoding checks). */
    public static String ffmpeg8(String... args) {
        Path dir = modernTools();
        List<String> command = new ArrayList<>(List.of(dir.resolve("ffmpeg").toString(), "-hide_banner",
                "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        return run(command, dir);
    }

    private static String run(List<String> command, Path libraries) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
            if (libraries != null) {
                builder.environment().put("LD_LIBRARY_PATH", libraries.toString());
            }
            Path err = Files.createTempFile("media-tool", ".err");
            builder.redirectError(err.toFile());
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + Files.readString(err));
            }
            Files.deleteIfExists(err);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Copies FFmpeg 8.1's executables and libraries out of the test class path, once per JVM. */
    private static synchronized Path modernTools() {
        if (modern != null) {
            return modern;
        }
        URL probe = MediaTools.class.getClassLoader().getResource(NATIVE_DIR + "ffprobe");
        if (probe == null) {
            throw new AssertionError("org.bytedeco:ffmpeg (linux-x86_64) is not on the test class path");
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "ffmpeg8").toAbsolutePath());
            JarURLConnection connection = (JarURLConnection) probe.openConnection();
            try (JarFile jar = connection.getJarFile()) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (name.startsWith(NATIVE_DIR) && !entry.isDirectory()) {
                        Path target = dir.resolve(name.substring(NATIVE_DIR.length()));
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                        target.toFile().setExecutable(true);
                    }
                }
            }
            modern = dir;
            return dir;
        } catch (IOException e) {
            throw new AssertionError("cannot unpack FFmpeg 8.1: " + e.getMessage(), e);
        }
    }
}
