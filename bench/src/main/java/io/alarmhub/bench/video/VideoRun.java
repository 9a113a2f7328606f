package io.alarmhub.bench.video;

import io.alarmhub.bench.peer.AlarmhubServer;
import io.alarmhub.bench.stats.ProcessSampler;
import io.alarmhub.bench.stats.ServerStats;
import io.alarmhub.server.VideoSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The video scenario (alarmhub only, with FFmpeg as the recording path's peer), in one run on one server:
 * <ol>
 *   <li>ingest and record: for each rate, cameras join step by step ({@link VideoPlan#cameraSteps}) and stream into
 *       the server on the continuous plan (1), which records them all; each step is measured once the cameras
 *       have settled, and the stepping stops at the first step where the server fell behind
 *       ({@link IngestStep#behind});</li>
 *   <li>after the last rate's largest step, a JFR profile of the server under that load;</li>
 *   <li>for each rate, FFmpeg recording the same inputs at the same steps, the cameras gone;</li>
 *   <li>live: a few cameras, viewers joining step by step, after a step with none as the baseline.</li>
 * </ol>
 */
public final class VideoRun {

    /** Audio packets of 20 ms, the smaller a camera sends: the most packages per second of sound. */
    static final int AUDIO_PACKET_MILLIS = 20;
    private static final int TOP_METHODS = 15;
    /** The most cameras the warm-up streams. */
    static final int WARM_UP = 100;

    /**
     * What the run measured.
     *
     * @param videoMegabits     each input's real video rate, by the rate asked
     * @param registerSeconds   how long the cameras took to register through the OpenAPI
     * @param idleCpuPercent    the server's CPU with the cameras registered but none streaming
     * @param peerUnpaced       FFmpeg's CPU per second of media without real-time pacing, ms, by rate
     * @param liveBaseline      the live cameras without viewers
     * @param notes             what went wrong on the way and was left out
     */
    public record Result(VideoPlan plan, Map<Integer, Double> videoMegabits, double registerSeconds,
                         double idleCpuPercent,
                         List<IngestStep> ingest, List<FfmpegPeer.Step> peer, Map<Integer, Double> peerUnpaced,
                         Optional<ViewerStep> liveBaseline,
                         List<ViewerStep> live, Optional<JfrProfile.Profile> profile, List<String> notes) {
    }

    /** Two snapshots of the server around a measured step, and what the clients had done at each. */
    private record Window<T>(T before, ServerProbe.Snapshot a, ServerProbe.Snapshot b, T after,
                             Optional<ServerStats> stats) {
    }

    private final AlarmhubServer server;
    private final VideoPlan plan;
    private final VideoInputs inputs;
    private final Path work;
    private final int cores;
    private final Path jfr;
    private final Consumer<String> progress;
    private final ServerProbe probe;
    private final List<String> notes = new ArrayList<>();

    private VideoRun(AlarmhubServer server, VideoPlan plan, VideoInputs inputs, Path work, int cores, Path jfr,
                     Consumer<String> progress) {
        this.server = server;
        this.plan = plan;
        this.inputs = inputs;
        this.work = work;
        this.cores = cores;
        this.jfr = jfr;
        this.progress = progress;
        this.probe = new ServerProbe(server.pid(), server.metricsUri(),
                server.dataDir().resolve("media").resolve("recordings"));
    }

    /**
     * Makes the inputs, starts {@code jar} configured for the scenario, runs it and stops the server.
     *
     * @param jfr where the profile's recording is written (it is not part of the report: a binary)
     */
    public static Result run(Path jar, List<String> jvmOptions, VideoPlan plan, int cores, Path jfr,
                             Consumer<String> progress) throws Exception {
        Path work = Files.createTempDirectory("alarmhub-bench-video");
        try {
            String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            Path secretFile = work.resolve("bench.secret");
            Files.writeString(secretFile, secret);
            Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
            progress.accept("making the inputs with ffmpeg (" + plan.width() + "x" + plan.height() + ", "
                    + plan.megabits() + " Mbit/s)");
            VideoInputs inputs = VideoInputs.make(work, plan.megabits(), plan.width(), plan.height());
            try (AlarmhubServer server = AlarmhubServer.start(jar, jvmOptions, Map.of("hemu", hemuLines(secretFile)),
                    HemuRest.tokensYaml())) {
                return new VideoRun(server, plan, inputs, work, cores, jfr, progress).run(secret);
            }
        } finally {
            delete(work);
        }
    }

    /**
     * The {@code hemu} lines: the bench's manufacturer, every camera on the continuous plan (1, so everything is
     * recorded), and room on one camera for every viewer the node takes.
     */
    static String hemuLines(Path secretFile) {
        return "  manufacturers:\n    - {name: Bench, access-key: " + CameraFleet.ACCESS_KEY + ", secret-file: "
                + secretFile.toAbsolutePath() + ", models: [" + CameraFleet.MODEL + "]}\n"
                + "  hedgw:\n    plan: 1\n"
                + "  video:\n    max-viewers: " + VideoPlan.MAX_VIEWERS + "\n";
    }

    private Result run(String secret) throws Exception {
        HemuRest rest = new HemuRest(server.port("rest"));
        String userToken = rest.grant(CameraFleet.OWNER, CameraFleet.MOBILE);
        try (CameraFleet fleet = new CameraFleet(server.port("hemu"), server.port("hemu.hedgw-port"),
                server.dataDir().resolve("tls").resolve("server.crt"), secret, userToken)) {
            long start = System.nanoTime();
            fleet.register(plan.maxCameras());
            double registerSeconds = (System.nanoTime() - start) / 1e9;
            progress.accept(plan.maxCameras() + " cameras registered in " + Math.round(registerSeconds) + " s");
            Thread.sleep(plan.settle().toMillis());
            Window<CameraFleet.Totals> quiet = measure(fleet::totals);
            double idle = IngestStep.seconds(quiet.a().serverTicks(), quiet.b().serverTicks())
                    / ((quiet.b().nanos() - quiet.a().nanos()) / 1e9) * 100;
            progress.accept(String.format(Locale.ROOT, "the server idle: CPU %.1f %%", idle));
            List<IngestStep> ingest = new ArrayList<>();
            Optional<JfrProfile.Profile> profile = Optional.empty();
            List<FfmpegPeer.Step> peer = new ArrayList<>();
            Map<Integer, Double> unpaced = new LinkedHashMap<>();
            warmUp(fleet);
            for (int rate : plan.megabits()) {
                List<IngestStep> steps = ingest(fleet, rate, idle);
                ingest.addAll(steps);
                if (rate == plan.liveMegabits()) {
                    profile = profile(steps.get(steps.size() - 1));
                }
                hangUp(fleet);
                for (IngestStep step : steps) {
                    if (step.behind(cores).isEmpty()) { // where alarmhub fell behind, there is nothing to set beside
                        peer.add(peer(rate, step.cameras()));
                    }
                }
                unpaced.put(rate, FfmpegPeer.unpacedMsPerMediaSecond(inputs.input(rate).flv(), work));
                progress.accept(String.format(Locale.ROOT, "ffmpeg %d Mbit/s unpaced: %.2f ms per media-second", rate,
                        unpaced.get(rate)));
            }
            List<ViewerStep> live = new ArrayList<>();
            Optional<ViewerStep> baseline = live(fleet, rest, live);
            return new Result(plan, videoMegabits(), registerSeconds, idle, ingest, peer, unpaced, baseline, live, profile,
                    List.copyOf(notes));
        }
    }

    /**
     * Cameras at the first rate, unreported, so that no step is measured with a cold JIT: up to {@link #WARM_UP}
     * of them, since the more packages go through, the sooner the server's hot paths are compiled.
     */
    private void warmUp(CameraFleet fleet) throws Exception {
        if (plan.warmup().isZero()) {
            return;
        }
        int cameras = Math.min(WARM_UP, plan.cameraSteps().get(plan.cameraSteps().size() - 1));
        progress.accept("warming up: " + cameras + " cameras for " + plan.warmup().toSeconds() + " s");
        fleet.grow(cameras, source(plan.megabits().get(0)));
        Thread.sleep(plan.warmup().toMillis());
        hangUp(fleet);
    }

    /** Every camera hangs up, and the server gets {@link VideoPlan#settle} to close their recordings. */
    private void hangUp(CameraFleet fleet) throws InterruptedException {
        long start = System.nanoTime();
        fleet.stopAll();
        progress.accept("the cameras hung up in " + Math.round((System.nanoTime() - start) / 1e9) + " s");
        Thread.sleep(plan.settle().toMillis());
    }

    private List<IngestStep> ingest(CameraFleet fleet, int rate, double idle) throws Exception {
        VideoSource source = source(rate);
        List<IngestStep> steps = new ArrayList<>();
        for (int n : plan.cameraSteps()) {
            fleet.grow(n, source);
            Thread.sleep(plan.settle().toMillis());
            Window<CameraFleet.Totals> w = measure(fleet::totals);
            IngestStep step = IngestStep.of(rate, idle, w.a(), w.b(), w.before(), w.after(), w.stats());
            steps.add(step);
            List<String> behind = step.behind(cores);
            progress.accept(String.format(Locale.ROOT, "ingest %d Mbit/s, %d cameras: server CPU %.0f %%,"
                            + " %.2f ms per camera-second above idle; %s", rate, n, step.serverCpuPercent(),
                    step.cpuMsPerCameraSecond(), behind.isEmpty() ? "kept up" : "behind: " + behind));
            if (step.failedCameras() > 0) {
                notes.add(rate + " Mbit/s, " + n + " cameras: a camera failed: " + fleet.firstFailure());
            }
            if (!behind.isEmpty()) {
                break;
            }
        }
        return steps;
    }

    private Optional<JfrProfile.Profile> profile(IngestStep largest) {
        try {
            progress.accept("JFR profile of the server at " + largest.cameras() + " cameras for "
                    + plan.profile().toSeconds() + " s");
            return Optional.of(JfrProfile.record(server.pid(), plan.profile(), jfr, TOP_METHODS));
        } catch (IOException | InterruptedException e) {
            notes.add("The JFR profile failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    private FfmpegPeer.Step peer(int rate, int cameras) throws IOException, InterruptedException {
        FfmpegPeer.Step step = FfmpegPeer.run(inputs.input(rate).flv(), rate, cameras, plan.settle(), plan.step(),
                work);
        progress.accept(String.format(Locale.ROOT, "ffmpeg %d Mbit/s, %d cameras: CPU %.0f %%%s", rate,
                cameras, step.cpuSeconds() / step.seconds() * 100, step.failed() == 0 ? "" : ", " + step.failed()
                        + " failed: " + step.firstError()));
        return step;
    }

    /** Fills {@code steps} with the live steps; returns the step without viewers. */
    private Optional<ViewerStep> live(CameraFleet fleet, HemuRest rest, List<ViewerStep> steps) throws Exception {
        fleet.grow(plan.liveCameras(), source(plan.liveMegabits()));
        List<URI> urls = new ArrayList<>();
        for (int k = 0; k < plan.liveCameras(); k++) {
            urls.add(rest.liveFlv(CameraFleet.deviceId(k), CameraFleet.OWNER));
        }
        try (ViewerCrowd crowd = new ViewerCrowd()) {
            Thread.sleep(plan.settle().toMillis());
            Window<ViewerCrowd.Totals> none = measure(crowd::totals);
            ViewerStep baseline = ViewerStep.of(plan.liveCameras(), none.a(), none.b(), none.before(), none.after(),
                    none.stats());
            for (int m : plan.viewerSteps()) {
                crowd.grow(m, urls);
                Thread.sleep(plan.settle().toMillis());
                Window<ViewerCrowd.Totals> w = measure(crowd::totals);
                ViewerStep step = ViewerStep.of(plan.liveCameras(), w.a(), w.b(), w.before(), w.after(), w.stats());
                steps.add(step);
                List<String> behind = step.behind(cores);
                progress.accept(String.format(Locale.ROOT, "live %d viewers: %.0f Mbit/s read, server CPU"
                        + " %.0f %%; %s", m, step.viewerMegabitsPerSecond(), step.serverCpuPercent(),
                        behind.isEmpty() ? "kept up" : "behind: " + behind));
                if (!behind.isEmpty()) {
                    break;
                }
            }
            return Optional.of(baseline);
        } finally {
            fleet.stopAll();
        }
    }

    private <T> Window<T> measure(Supplier<T> clients) throws IOException, InterruptedException {
        T before = clients.get();
        ServerProbe.Snapshot a = probe.snapshot();
        ProcessSampler sampler = new ProcessSampler(server.pid(), Optional.of(server.metricsUri()));
        sampler.start();
        Thread.sleep(plan.step().toMillis());
        Optional<ServerStats> stats = sampler.stop();
        ServerProbe.Snapshot b = probe.snapshot();
        return new Window<>(before, a, b, clients.get(), stats);
    }

    private VideoSource source(int rate) throws IOException {
        VideoInputs.Input input = inputs.input(rate);
        return VideoSource.open(Optional.of(input.video()), Optional.of(input.audio()), VideoInputs.FPS,
                AUDIO_PACKET_MILLIS);
    }

    private Map<Integer, Double> videoMegabits() throws IOException {
        Map<Integer, Double> rates = new LinkedHashMap<>();
        for (int rate : plan.megabits()) {
            rates.put(rate, VideoInputs.videoBitsPerSecond(inputs.input(rate)) / 1e6);
        }
        return rates;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            System.err.println("could not remove " + dir + ": " + e);
        }
    }
}
