package io.alarmhub.bench.video;

import io.alarmhub.bench.stats.ProcessSampler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peer of the recording path: one FFmpeg per camera reading the camera's stream (the same H.264 and A-law, in
 * FLV) in real time ({@code -re}, looped) and writing it as fragmented MP4, one fragment per GOP, the video copied
 * and the A-law made FLAC, which is what alarmhub's recorder writes. Its CPU is read from {@code /proc} like the
 * server's.
 */
final class FfmpegPeer {

    private FfmpegPeer() {
    }

    /**
     * What {@code cameras} FFmpegs did over one step.
     *
     * @param cpuSeconds  of every process together
     * @param outputBytes written to their MP4 files over the step
     * @param failed      processes that ended by themselves before the step was over
     */
    record Step(int cameras, int megabits, double seconds, double cpuSeconds, long outputBytes, int failed,
                String firstError) {

        /** CPU per camera-second, ms: per second of wall time, as alarmhub's. */
        double cpuMsPerCameraSecond() {
            return cpuSeconds * 1000 / (cameras * seconds);
        }

        /** CPU per Mbit of MP4 written, ms: the cost of what it did record, also when it fell behind. */
        double cpuMsPerRecordedMegabit() {
            return outputBytes <= 0 ? 0 : cpuSeconds * 1000 / (outputBytes * 8 / 1e6);
        }

        /** MP4 written per camera, Mbit/s. */
        double megabitsPerCamera() {
            return outputBytes * 8 / 1e6 / seconds / cameras;
        }
    }

    /** Loops of the input the unpaced run reads: 31 × 20 s, ten minutes of media. */
    static final int UNPACED_LOOPS = 30;

    /** The command for one camera: what the report shows. */
    static List<String> command(Path flv, Path mp4) {
        return command(List.of("-re", "-stream_loop", "-1"), flv, mp4);
    }

    private static List<String> command(List<String> input, Path flv, Path mp4) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                "-y"));
        command.addAll(input);
        command.addAll(List.of("-i", flv.toString(), "-c:v", "copy", "-c:a", "flac", "-strict", "-2", "-f", "mp4",
                "-movflags", "frag_keyframe+empty_moov", mp4.toString()));
        return command;
    }

    /**
     * FFmpeg's CPU per second of media, ms, doing the same job without {@code -re}, as fast as it goes, in one
     * process: the remuxing and the FLAC alone, without waking for each package as it falls due. The process's
     * CPU is read when it has ended, from bash's {@code times} (its children's user and system time).
     */
    static double unpacedMsPerMediaSecond(Path flv, Path dir) throws IOException, InterruptedException {
        Path mp4 = dir.resolve("unpaced.mp4");
        String ffmpeg = String.join(" ", command(List.of("-stream_loop", String.valueOf(UNPACED_LOOPS)), flv, mp4)
                .stream().map(arg -> "'" + arg + "'").toList());
        Process process = new ProcessBuilder("bash", "-c", ffmpeg + " && times").redirectErrorStream(true).start();
        List<String> output = new String(process.getInputStream().readAllBytes()).lines().toList();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0 || output.size() < 2) {
                process.destroyForcibly();
                throw new IOException("unpaced ffmpeg failed: " + String.join("\n", output));
            }
            double cpuSeconds = 0;
            for (String time : output.get(output.size() - 1).trim().split("\\s+")) {
                int m = time.indexOf('m');
                cpuSeconds += Integer.parseInt(time.substring(0, m)) * 60
                        + Double.parseDouble(time.substring(m + 1, time.length() - 1));
            }
            return cpuSeconds * 1000 / ((UNPACED_LOOPS + 1) * VideoInputs.SECONDS);
        } finally {
            Files.deleteIfExists(mp4);
        }
    }

    /** How long the FFmpegs may take to start writing: hundreds of them probing their input at once take a while. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /**
     * Starts {@code cameras} FFmpegs on {@code flv}, waits until each has written its MP4's start and lets them
     * {@code settle} (their start-up, probing the input, is not what a recorder spends per camera-second), measures
     * {@code step}, then stops them and removes their files.
     */
    static Step run(Path flv, int megabits, int cameras, Duration settle, Duration step, Path dir)
            throws IOException, InterruptedException {
        Path work = Files.createDirectories(dir.resolve("peer-" + megabits + "M-" + cameras));
        List<Process> processes = new ArrayList<>();
        try {
            for (int k = 0; k < cameras; k++) {
                processes.add(new ProcessBuilder(command(flv, work.resolve("camera-" + k + ".mp4")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(work.resolve("camera-" + k + ".err").toFile()).start());
            }
            awaitWriting(processes, work, cameras);
            Thread.sleep(settle.toMillis());
            long ticks = ticks(processes);
            long bytes = ServerProbe.directoryBytes(work);
            long start = System.nanoTime();
            Thread.sleep(step.toMillis());
            long endTicks = ticks(processes);
            long endBytes = ServerProbe.directoryBytes(work);
            double seconds = (System.nanoTime() - start) / 1e9;
            int failed = (int) processes.stream().filter(p -> !p.isAlive()).count();
            return new Step(cameras, megabits, seconds, (endTicks - ticks) / ProcessSampler.TICKS_PER_SECOND,
                    endBytes - bytes, failed, failed == 0 ? "" : firstError(work, cameras));
        } finally {
            processes.forEach(Process::destroy);
            for (Process p : processes) {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            try (var files = Files.list(work)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    /** Returns once every FFmpeg has written something, or one has ended, or {@link #START_TIMEOUT} has passed. */
    private static void awaitWriting(List<Process> processes, Path work, int cameras) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        int k = 0;
        while (k < cameras && System.nanoTime() < deadline && processes.stream().allMatch(Process::isAlive)) {
            Path mp4 = work.resolve("camera-" + k + ".mp4");
            if (Files.isRegularFile(mp4) && mp4.toFile().length() > 0) {
                k++;
            } else {
                Thread.sleep(100);
            }
        }
    }

    /** CPU ticks of the processes still running: one that ended has no figures left to read. */
    private static long ticks(List<Process> processes) {
        return processes.stream().mapToLong(p -> ProcessSampler.cpuTicks(p.pid()).orElse(0)).sum();
    }

    private static String firstError(Path work, int cameras) throws IOException {
        for (int k = 0; k < cameras; k++) {
            Path err = work.resolve("camera-" + k + ".err");
            if (Files.isRegularFile(err) && Files.size(err) > 0) {
                return Files.readString(err).strip();
            }
        }
        return "no message";
    }
}
