package io.alarmhub.bench.video;

import io.alarmhub.bench.report.Report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The video scenario's section of the report, in Markdown: what ran, each step's figures, the peer, the profile. */
public final class VideoReport {

    /**
     * FFmpeg kept up when it wrote MP4 at this share of the video's rate or more: a step's window holds a whole
     * number of one-second fragments per camera, so the rate written wobbles by a few percent below the video's.
     */
    static final double PEER_KEPT_UP = 0.9;

    private VideoReport() {
    }

    /** @param loadAfter the load average when the run ended (the header has it at the start) */
    public static String markdown(VideoRun.Result r, int cores, String loadAfter) {
        StringBuilder md = new StringBuilder("## video\n\n");
        intro(md, r, cores);
        ingest(md, r, cores);
        peer(md, r);
        live(md, r, cores);
        r.profile().ifPresent(p -> profile(md, p, r));
        md.append("- load average at the end (1, 5, 15 min): ").append(loadAfter).append('\n');
        r.notes().forEach(note -> md.append("- ").append(note).append('\n'));
        return md.toString();
    }

    private static void intro(StringBuilder md, VideoRun.Result r, int cores) {
        VideoPlan p = r.plan();
        md.append("Hemu cameras streaming into one alarmhub node, which records them all, then live viewers on")
                .append(" HTTP-FLV; FFmpeg recording the same inputs is the peer. Each camera is the server's own")
                .append(" simulator (the classes of `alarmhub hemu camera`): registered through the OpenAPI, then its")
                .append(" own HEDGW connection over TLS 1.2, logged in on the live channel, sending `TDMediaPackage`s in")
                .append(" real time: H.264 ").append(p.width()).append('x').append(p.height()).append(" at ")
                .append(VideoInputs.FPS).append(" fps, a keyframe each second, no B-frames (x264's real video rate ");
        md.append(String.join(", ", r.videoMegabits().entrySet().stream().map(e -> e.getKey() + " Mbit/s asked: "
                + Report.number(e.getValue())).toList()));
        md.append("), and A-law 8 kHz mono in ").append(VideoRun.AUDIO_PACKET_MILLIS).append(" ms packets, the ")
                .append(VideoInputs.SECONDS).append("-s files looped. The server runs every camera on the continuous")
                .append(" plan (`hemu.hedgw.plan: 1`): fragmented MP4, H.264 as sent, the A-law made FLAC. Each step")
                .append(" is measured for ").append(p.step().toSeconds()).append(" s after ")
                .append(p.settle().toSeconds()).append(" s of settling; registering ").append(p.maxCameras())
                .append(" cameras took ").append(Report.number(r.registerSeconds())).append(" s.\n\n");
        md.append("CPU is process time from `/proc/<pid>/stat` over the step (100 % = one core). The cameras and the")
                .append(" viewers run in the bench's JVM on the same ").append(cores).append(" cores as the server:")
                .append(" the bench's CPU is given apart, and *rest CPU %* is what the rest of the machine used meanwhile")
                .append(" (all cores' time not idle, `/proc/stat`, less the server and the bench): other work, and kernel")
                .append(" time charged to no process, such as the loopback network's). A step at which the cores were")
                .append(" more than 95 % busy is taken as the machine saturated: the server could have had no more CPU. Heap is the")
                .append(" largest seen under the JVM's default maximum (a quarter of memory), which the collector fills")
                .append(" before it works hard: it is not the live set.").append(noise(r, cores)).append("\n\n");
    }

    /** A warning when the rest of the machine used a core or more during some step: its figures are noisy. */
    static String noise(VideoRun.Result r, int cores) {
        double most = Stream.concat(r.ingest().stream().map(s -> s.otherCpuPercent(cores)),
                r.live().stream().map(s -> s.otherCpuPercent(cores))).mapToDouble(Double::doubleValue).max().orElse(0);
        return most < 100 ? "" : " **The machine was busy besides the server and the bench**: the rest used up to "
                + Report.number(most) + " % of a core during a step, so the server competed for the cores and its"
                + " figures are noisier than on an idle machine.";
    }

    private static void ingest(StringBuilder md, VideoRun.Result r, int cores) {
        md.append("### Ingest and recording\n\n");
        md.append("The server's CPU with every camera registered and none streaming was ")
                .append(Report.number(r.idleCpuPercent())).append(" %; the figures per camera-second and per Mbit are")
                .append(" the CPU above that, which the cameras cost.\n\n");
        md.append("| Mbit/s | cameras | media in Mbit/s | server CPU % | ms CPU per camera-second | ms CPU per Mbit in")
                .append(" | FFmpeg ms per camera-second | alarmhub / FFmpeg | ms CPU per Mbit recorded | FFmpeg ms per Mbit")
                .append(" recorded | alarmhub / FFmpeg |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (IngestStep s : r.ingest()) {
            Optional<FfmpegPeer.Step> peer = peerOf(r, s);
            md.append(row(s.megabits(), s.cameras(), s.megabitsPerSecond(), s.serverCpuPercent(),
                    s.cpuMsPerCameraSecond(), s.cpuMsPerMegabit()))
                    .append(peer.map(f -> Report.number(f.cpuMsPerCameraSecond())).orElse("n/a")).append(" | ")
                    .append(peer.map(f -> ratio(s.cpuMsPerCameraSecond(), f.cpuMsPerCameraSecond())).orElse("n/a"))
                    .append(" | ").append(Report.number(s.cpuMsPerRecordedMegabit())).append(" | ")
                    .append(peer.map(f -> Report.number(f.cpuMsPerRecordedMegabit())).orElse("n/a")).append(" | ")
                    .append(peer.map(f -> ratio(s.cpuMsPerRecordedMegabit(), f.cpuMsPerRecordedMegabit()))
                            .orElse("n/a"))
                    .append(" |\n");
        }
        md.append("\nRatios below 1: alarmhub spends less CPU than FFmpeg for the same cameras. Per camera-second")
                .append(" counts wall time, so where FFmpeg fell behind (below) it is flattered; per Mbit recorded counts")
                .append(" what each wrote, MP4 of the same H.264 and FLAC either way.\n");
        md.append("\n| Mbit/s | cameras | frames sent on time | frames received / sent | recorder drops | lost")
                .append(" | disk writes MB/s | recorded Mbit/s per camera | heap MB | RSS MB | bench CPU % | rest CPU % |")
                .append(" kept up |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (IngestStep s : r.ingest()) {
            List<String> behind = s.behind(cores);
            md.append("| ").append(s.megabits()).append(" | ").append(s.cameras())
                    .append(" | ").append(percent(s.onTime()))
                    .append(" | ").append(s.framesReceived()).append(" / ").append(s.framesSent())
                    .append(" | ").append(s.recorderDropped()).append(" | ").append(s.lost())
                    .append(" | ").append(s.diskWriteBytes() < 0 ? "n/a" : Report.number(s.diskWriteBytes() / 1e6
                            / s.seconds()))
                    .append(" | ").append(Report.number(s.recordingBytes() * 8 / 1e6 / s.seconds() / s.cameras()))
                    .append(" | ").append(known(s.heapMb())).append(" | ").append(known(s.rssMb()))
                    .append(" | ").append(Report.number(s.benchCpuPercent()))
                    .append(" | ").append(Report.number(s.otherCpuPercent(cores)))
                    .append(" | ").append(behind.isEmpty() ? "yes" : "**no**: " + String.join("; ", behind))
                    .append(" |\n");
        }
        md.append('\n');
        for (int rate : r.plan().megabits()) {
            md.append("- ").append(verdict(r, rate, cores)).append('\n');
        }
        md.append('\n');
    }

    /** Up to where the server kept up at {@code rate}, and what one core covers at the last step it did. */
    static String verdict(VideoRun.Result r, int rate, int cores) {
        List<IngestStep> steps = r.ingest().stream().filter(s -> s.megabits() == rate).toList();
        if (steps.isEmpty()) {
            return rate + " Mbit/s: not measured.";
        }
        IngestStep last = steps.get(steps.size() - 1);
        Optional<IngestStep> kept = steps.stream().filter(s -> s.behind(cores).isEmpty())
                .reduce((first, second) -> second);
        StringBuilder line = new StringBuilder("**" + rate + " Mbit/s**: ");
        if (last.behind(cores).isEmpty()) {
            line.append("kept up at every step, up to ").append(last.cameras())
                    .append(" cameras, the largest asked: the limit lies above it.");
        } else {
            line.append("fell behind at ").append(last.cameras()).append(" cameras (")
                    .append(String.join("; ", last.behind(cores))).append(")");
            line.append(kept.map(k -> "; it kept up at " + k.cameras() + ".").orElse("; it kept up at no step."));
        }
        kept.ifPresent(k -> line.append(" At ").append(k.cameras()).append(" cameras on these ").append(cores)
                .append(" cores, shared with the cameras' simulator, a camera cost ")
                .append(Report.number(k.cpuMsPerCameraSecond())).append(" ms of server CPU a second above idle: one")
                .append(" core's time would cover about ").append(Math.round(1000 / k.cpuMsPerCameraSecond()))
                .append(" such cameras, were the server alone on it (CPU alone: memory and disk are the other bounds)."));
        return line.toString();
    }

    private static void peer(StringBuilder md, VideoRun.Result r) {
        md.append("### The peer: FFmpeg\n\n");
        md.append("One FFmpeg per camera, each reading the camera's stream in real time from a local FLV of the same")
                .append(" H.264 and A-law (`-re -stream_loop -1`) and writing fragmented MP4 with one fragment per GOP,")
                .append(" the video copied and the A-law made FLAC, which is what alarmhub's recorder writes (FFmpeg")
                .append(" cannot put A-law in MP4, so `-c copy` alone is not the same job):\n\n`")
                .append(String.join(" ", FfmpegPeer.command(Path.of("camera.flv"), Path.of("camera.mp4"))))
                .append("`\n\n");
        md.append("It is the reference for the recording path because it is the usual tool for that job and does no")
                .append(" more than it. What alarmhub does besides, per camera: TLS 1.2 decryption of the HEDGW")
                .append(" connection, protobuf parsing of each `TDMediaPackage`, the timeline and loss counting, the")
                .append(" ring of the last GOPs (pre-record and live viewers), the hand-off to a recorder thread, and")
                .append(" the recordings' index in SQLite; FFmpeg reads a local file. Its FLAC encoder searches LPC")
                .append(" predictors (compression level 5), alarmhub's tries the fixed predictors of order 0 to 4 only.")
                .append(" Its start-up (probing) is waited out, not in the figures.\n\n");
        md.append("Both take in a real-time stream, so both wake for every package as it falls due; how much of")
                .append(" FFmpeg's cost that is shows when it does the same job as fast as it goes, one process")
                .append(" reading ").append((FfmpegPeer.UNPACED_LOOPS + 1) * VideoInputs.SECONDS)
                .append(" s of the same input without `-re`: ");
        md.append(String.join(", ", r.peerUnpaced().entrySet().stream().map(e -> Report.number(e.getValue())
                + " ms of CPU per second of media at " + e.getKey() + " Mbit/s").toList()));
        md.append(" (bash's `times` after it ended), against the paced figures below.\n\n");
        md.append("| Mbit/s | cameras | FFmpeg CPU % (all) | ms CPU per camera-second | ms CPU per Mbit recorded")
                .append(" | MP4 Mbit/s per camera | ended early | kept up |\n|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (FfmpegPeer.Step s : r.peer()) {
            double video = r.videoMegabits().getOrDefault(s.megabits(), (double) s.megabits());
            boolean kept = s.failed() == 0 && s.megabitsPerCamera() >= PEER_KEPT_UP * video;
            md.append("| ").append(s.megabits()).append(" | ").append(s.cameras())
                    .append(" | ").append(Report.number(s.cpuSeconds() / s.seconds() * 100))
                    .append(" | ").append(Report.number(s.cpuMsPerCameraSecond()))
                    .append(" | ").append(Report.number(s.cpuMsPerRecordedMegabit()))
                    .append(" | ").append(Report.number(s.megabitsPerCamera()))
                    .append(" | ").append(s.failed()).append(s.failed() > 0 ? " (" + s.firstError() + ")" : "")
                    .append(" | ").append(kept ? "yes" : "**no**: MP4 written below " + percent(PEER_KEPT_UP)
                            + " of the video's rate")
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void live(StringBuilder md, VideoRun.Result r, int cores) {
        if (r.liveBaseline().isEmpty()) {
            return;
        }
        ViewerStep base = r.liveBaseline().get();
        md.append("### Live viewers\n\n").append(r.plan().liveCameras())
                .append(r.plan().liveCameras() == 1 ? " camera at " : " cameras at ")
                .append(r.plan().liveMegabits()).append(" Mbit/s, recorded as above; each viewer reads one camera's")
                .append(" HTTP-FLV (`audio=flac`, HTTP/1.1 chunks), the viewers in turn over the cameras, all on two")
                .append(" Netty event-loop threads in the bench, counting bytes and FLV tags and discarding them. The")
                .append(" first row has no viewers; CPU per viewer-Mbit is the server's CPU per Mbit the viewers read,")
                .append(" with the cameras' recording in it, and above that first row's CPU.\n\n");
        md.append("| viewers | watching | Mbit/s read | FLV tags/s | server CPU % | ms CPU per viewer-Mbit | the same above")
                .append(" no viewers | skipped GOPs | heap MB | bench CPU % | rest CPU % | kept up |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ViewerStep s : concat(base, r.live())) {
            List<String> behind = s.behind(cores);
            md.append("| ").append(s.viewers()).append(" | ").append(s.watching())
                    .append(" | ").append(Report.number(s.viewerMegabitsPerSecond()))
                    .append(" | ").append(Report.number(s.tags() / s.seconds()))
                    .append(" | ").append(Report.number(s.serverCpuPercent()))
                    .append(" | ").append(s == base ? "" : Report.number(s.cpuMsPerViewerMegabit()))
                    .append(" | ").append(s == base ? "" : Report.number(s.cpuMsPerViewerMegabit(base)))
                    .append(" | ").append(s.skippedGops()).append(" | ").append(known(s.heapMb()))
                    .append(" | ").append(Report.number(s.benchCpuPercent()))
                    .append(" | ").append(Report.number(s.otherCpuPercent(cores)))
                    .append(" | ").append(behind.isEmpty() ? "yes" : "**no**: " + String.join("; ", behind))
                    .append(" |\n");
        }
        md.append('\n').append(liveVerdict(base, r.live(), cores)).append("\n\n");
    }

    /** What a viewer cost at the largest step the server kept up with, over the cameras alone. */
    static String liveVerdict(ViewerStep base, List<ViewerStep> steps, int cores) {
        Optional<ViewerStep> kept = steps.stream().filter(s -> s.behind(cores).isEmpty())
                .reduce((first, second) -> second);
        String fell = steps.isEmpty() || steps.get(steps.size() - 1).behind(cores).isEmpty() ? ""
                : "The server fell behind at " + steps.get(steps.size() - 1).viewers() + " viewers ("
                        + String.join("; ", steps.get(steps.size() - 1).behind(cores)) + "). ";
        if (kept.isEmpty()) {
            return fell + "It kept up at no step.";
        }
        ViewerStep k = kept.get();
        double extra = k.serverCpuPercent() - base.serverCpuPercent();
        String head = fell + "At " + k.viewers() + " viewers (" + Report.number(k.viewerMegabitsPerSecond())
                + " Mbit/s read) the server's CPU was " + Report.number(k.serverCpuPercent()) + " %, "
                + Report.number(extra) + " % above the cameras alone";
        if (extra <= 0) {
            return head + ": the viewers' own cost is too small to tell from the noise at this step.";
        }
        double perViewer = extra / k.viewers();
        return head + ": " + Report.number(perViewer * 10) + " ms of CPU a second per viewer, so one core's time would"
                + " serve about " + Math.round(100 / perViewer) + " viewers of such a camera, were the server alone"
                + " on it.";
    }

    private static void profile(StringBuilder md, JfrProfile.Profile p, VideoRun.Result r) {
        IngestStep largest = r.ingest().stream().filter(s -> s.megabits() == r.plan().liveMegabits())
                .reduce((first, second) -> second).orElseThrow();
        md.append("### Profile\n\nJFR (`jcmd <pid> JFR.start`, execution samples every 10 ms) of the server for ")
                .append(p.length().toSeconds()).append(" s at the largest ingest step (").append(largest.megabits())
                .append(" Mbit/s, ").append(largest.cameras()).append(" cameras), right after its measurement: ")
                .append(p.samples()).append(" execution samples (`jdk.ExecutionSample`). The recording was written")
                .append(" to `").append(p.file()).append("` (not kept with the report).\n\n");
        md.append("Where the samples went, by the server's stage that ran them (the first frame from the top in a stage's")
                .append(" packages decides; the JDK's core and Netty's buffers pass, since a copy belongs to its caller):\n\n");
        hot(md, "stage", p.stages());
        hot(md, "method on top of the stack", p.topFrames());
        hot(md, "its package", p.topPackages());
        md.append(p.withAlarmhub()).append(" of the samples have an alarmhub method in their stack; the first of")
                .append(" them, top down:\n\n");
        hot(md, "first alarmhub method in the stack", p.alarmhub());
    }

    private static void hot(StringBuilder md, String heading, List<JfrProfile.Hot> methods) {
        md.append("| ").append(heading).append(" | samples | share |\n|---|---:|---:|\n");
        for (JfrProfile.Hot h : methods) {
            md.append("| `").append(h.method()).append("` | ").append(h.samples()).append(" | ")
                    .append(Report.number(h.share())).append(" % |\n");
        }
        md.append('\n');
    }

    private static Optional<FfmpegPeer.Step> peerOf(VideoRun.Result r, IngestStep s) {
        return r.peer().stream().filter(f -> f.megabits() == s.megabits() && f.cameras() == s.cameras()).findFirst();
    }

    private static List<ViewerStep> concat(ViewerStep first, List<ViewerStep> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }

    private static String row(int megabits, int cameras, double... figures) {
        StringBuilder row = new StringBuilder("| " + megabits + " | " + cameras + " | ");
        for (double figure : figures) {
            row.append(Report.number(figure)).append(" | ");
        }
        return row.toString();
    }

    private static String ratio(double a, double b) {
        return b <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private static String known(double value) {
        return value < 0 ? "n/a" : Report.number(value);
    }
}
