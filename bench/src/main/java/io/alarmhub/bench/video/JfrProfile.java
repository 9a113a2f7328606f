package io.alarmhub.bench.video;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JFR recording of the server ({@code jcmd <pid> JFR.start}, then {@code JFR.stop}) of execution samples alone, every
 * 10 ms as JFR's own {@code profile} settings take them, so that the recording costs the server little; and what its
 * execution samples ({@code jdk.ExecutionSample}, what {@code jfr print --events jdk.ExecutionSample} prints) show:
 * the methods on top of the stacks and their packages (TLS, protobuf, Netty, the video module…), and for each stack
 * the first alarmhub method under its top, which says which of the server's own steps the time went to.
 */
final class JfrProfile {

    private static final String OWN = "io.alarmhub.";
    private static final String NAME = "bench-video";
    /** JFR settings with {@code jdk.ExecutionSample} alone, at the period of JFR's {@code profile} settings. */
    private static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="bench-video" description="execution samples only">
              <event name="jdk.ExecutionSample">
                <setting name="enabled">true</setting>
                <setting name="period">10 ms</setting>
              </event>
            </configuration>
            """;

    /** One method and the samples it was counted in. */
    record Hot(String method, long samples, double share) {
    }

    /**
     * The server's stages a sample is put in: the first frame from the top whose class is in one of a stage's
     * packages decides, frames of the JDK's core, Netty's buffers and utilities letting it pass (a copy or a lock
     * belongs to whoever called it). In order: a frame of Netty's TLS handler is TLS, not Netty.
     */
    static final List<Map.Entry<String, List<String>>> STAGES = List.of(
            Map.entry("TLS (JDK crypto, SSLEngine, SslHandler)", List.of("com.sun.crypto.", "sun.security.",
                    "javax.crypto.", "io.netty.handler.ssl.")),
            Map.entry("HEDGW framing and protobuf", List.of("com.google.protobuf.",
                    "io.alarmhub.gateway.device.hemu.hedgw.")),
            Map.entry("audio: A-law to FLAC", List.of("io.alarmhub.video.audio.")),
            Map.entry("video: access units, timeline, ingest", List.of("io.alarmhub.video.codec.",
                    "io.alarmhub.video.ingest.", "io.alarmhub.video.timeline.", "io.alarmhub.video.hub.")),
            Map.entry("recording: MP4, recorder, index", List.of("io.alarmhub.video.record.", "io.alarmhub.video.mp4.",
                    "io.alarmhub.store.", "org.sqlite.")),
            Map.entry("ring and live viewers", List.of("io.alarmhub.video.ring.", "io.alarmhub.video.live.",
                    "io.alarmhub.video.flv.", "io.alarmhub.gateway.device.hemu.live.")),
            Map.entry("metrics", List.of("io.micrometer.")),
            Map.entry("Netty pipeline and socket I/O", List.of("io.netty.channel.", "io.netty.handler.")),
            Map.entry("other alarmhub", List.of(OWN)));
    private static final List<String> PASS = List.of("java.", "javax.", "jdk.", "sun.nio.", "sun.misc.",
            "io.netty.buffer.", "io.netty.util.");
    private static final String UNPLACED = "the JDK or Netty alone";

    /**
     * @param stages      the samples by {@link #STAGES}
     * @param topFrames   methods on top of the sampled stacks (where the CPU was)
     * @param topPackages the packages of those methods
     * @param alarmhub    the first alarmhub method of each sampled stack, top down; {@code withAlarmhub} is how many
     *                    stacks have one (a TLS record being decrypted, for one, is below the server's handlers)
     */
    record Profile(Path file, Duration length, long samples, List<Hot> stages, List<Hot> topFrames,
                   List<Hot> topPackages, List<Hot> alarmhub, long withAlarmhub) {
    }

    private JfrProfile() {
    }

    /** Records the server {@code pid} for {@code length} into {@code file} and reads the samples' top methods. */
    static Profile record(long pid, Duration length, Path file, int top) throws IOException, InterruptedException {
        Path settings = Files.createTempFile("bench-video", ".jfc");
        try {
            Files.writeString(settings, SETTINGS);
            jcmd(pid, "JFR.start", "name=" + NAME, "settings=" + settings);
            Thread.sleep(length.toMillis());
            jcmd(pid, "JFR.stop", "name=" + NAME, "filename=" + file.toAbsolutePath());
        } finally {
            Files.deleteIfExists(settings);
        }
        return read(file, length, top);
    }

    static Profile read(Path file, Duration length, int top) throws IOException {
        Map<String, Long> stages = new HashMap<>();
        Map<String, Long> frames = new HashMap<>();
        Map<String, Long> packages = new HashMap<>();
        Map<String, Long> own = new HashMap<>();
        long samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> stack = event.getStackTrace().getFrames();
                if (stack.isEmpty()) {
                    continue;
                }
                samples++;
                stages.merge(stage(stack), 1L, Long::sum);
                frames.merge(name(stack.get(0).getMethod()), 1L, Long::sum);
                packages.merge(packageOf(stack.get(0).getMethod()), 1L, Long::sum);
                stack.stream().map(RecordedFrame::getMethod).filter(m -> m.getType().getName().startsWith(OWN))
                        .findFirst().ifPresent(m -> own.merge(name(m), 1L, Long::sum));
            }
        }
        long withOwn = own.values().stream().mapToLong(Long::longValue).sum();
        return new Profile(file, length, samples, hottest(stages, samples, STAGES.size() + 1),
                hottest(frames, samples, top), hottest(packages, samples, top), hottest(own, samples, top), withOwn);
    }

    static String stage(List<RecordedFrame> stack) {
        return stage(stack.stream().map(frame -> frame.getMethod().getType().getName()).toList());
    }

    /** The stage of a stack of class names, top first. */
    static String stage(Iterable<String> classes) {
        for (String type : classes) {
            for (Map.Entry<String, List<String>> stage : STAGES) {
                if (stage.getValue().stream().anyMatch(type::startsWith)) {
                    return stage.getKey();
                }
            }
            if (PASS.stream().noneMatch(type::startsWith)) {
                return UNPLACED;
            }
        }
        return UNPLACED;
    }

    private static String packageOf(RecordedMethod method) {
        String type = method.getType().getName();
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "(default)" : type.substring(0, dot);
    }

    private static String name(RecordedMethod method) {
        String type = method.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
    }

    private static List<Hot> hottest(Map<String, Long> counts, long samples, int top) {
        List<Hot> hot = new ArrayList<>();
        counts.forEach((method, n) -> hot.add(new Hot(method, n, samples == 0 ? 0 : n * 100.0 / samples)));
        hot.sort(Comparator.comparingLong(Hot::samples).reversed().thenComparing(Hot::method));
        return List.copyOf(hot.subList(0, Math.min(top, hot.size())));
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }
}
