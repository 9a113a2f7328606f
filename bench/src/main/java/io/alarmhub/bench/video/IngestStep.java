package io.alarmhub.bench.video;

import io.alarmhub.bench.stats.ProcessSampler;
import io.alarmhub.bench.stats.ServerStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One ingest step: {@code cameras} streaming at {@code megabits} into the server, which records them all, measured
 * over {@code seconds}.
 *
 * @param framesSent     video frames the cameras sent; {@code framesReceived} those the server counted
 * @param mediaBytes     the media bytes the cameras sent (video, audio and parameter sets, without HEDGW framing)
 * @param diskWriteBytes the server's bytes to storage ({@code /proc/<pid>/io write_bytes}), -1 when unknown
 * @param recordingBytes what its recordings grew by
 * @param heapMb         largest heap seen (once a second), -1 when unknown; {@code rssMb} likewise
 * @param machineBusy    the share of all cores' time that was not idle, whoever used it (0 to 1)
 * @param idleCpuPercent the server's CPU without cameras, measured before the first step: what it spends anyway
 */
public record IngestStep(int cameras, int megabits, double seconds, double serverCpuSeconds, double benchCpuSeconds,
                         double machineBusy, double idleCpuPercent,
                         long framesSent, long framesReceived, long audioSent, long audioReceived, long mediaBytes,
                         long recorderDropped, long lost, long diskWriteBytes, long recordingBytes, double heapMb,
                         double rssMb, int failedCameras) {

    /**
     * Below this share of its due frames sent, the cameras could not keep their real time; below this share of the
     * frames sent taken in, the server did not keep up with them (the rest waits in the connections' buffers).
     */
    static final double ON_TIME = 0.97;
    /**
     * All cores busy above this share of their time, whoever used them: the machine is saturated, and the server
     * could not have had more CPU however it was needed.
     */
    static final double SATURATED = 0.95;

    static IngestStep of(int megabits, double idleCpuPercent, ServerProbe.Snapshot a, ServerProbe.Snapshot b,
                         CameraFleet.Totals before, CameraFleet.Totals after, Optional<ServerStats> stats) {
        return new IngestStep(after.cameras(), megabits, (b.nanos() - a.nanos()) / 1e9, seconds(a.serverTicks(),
                b.serverTicks()), seconds(a.benchTicks(), b.benchTicks()), busy(a, b), idleCpuPercent, after.frames() - before.frames(),
                (long) (b.videoPackages() - a.videoPackages()), after.audioPackets() - before.audioPackets(),
                (long) (b.audioPackages() - a.audioPackages()), after.bytes() - before.bytes(),
                (long) (b.recorderDropped() - a.recorderDropped()), (long) (b.lost() - a.lost()),
                a.diskWriteBytes() < 0 ? -1 : b.diskWriteBytes() - a.diskWriteBytes(),
                b.recordingBytes() - a.recordingBytes(), heap(stats), stats.map(s -> s.rssMb().orElse(-1)).orElse(-1.0),
                after.failed());
    }

    static double seconds(long ticksBefore, long ticksAfter) {
        return (ticksAfter - ticksBefore) / ProcessSampler.TICKS_PER_SECOND;
    }

    static double busy(ServerProbe.Snapshot a, ServerProbe.Snapshot b) {
        long total = b.machineTicks() - a.machineTicks();
        return total <= 0 ? 0 : 1 - (b.machineIdleTicks() - a.machineIdleTicks()) / (double) total;
    }

    static double heap(Optional<ServerStats> stats) {
        return stats.flatMap(s -> s.heapMb().isPresent() ? Optional.of(s.heapMb().getAsDouble()) : Optional.empty())
                .orElse(-1.0);
    }

    /** 100 = one core busy. */
    public double serverCpuPercent() {
        return serverCpuSeconds / seconds * 100;
    }

    public double benchCpuPercent() {
        return benchCpuSeconds / seconds * 100;
    }

    /** CPU of everything else on the machine, % of one core (other work, and kernel time no process was charged). */
    public double otherCpuPercent(int cores) {
        return Math.max(0, machineBusy * cores * 100 - serverCpuPercent() - benchCpuPercent());
    }

    /** The media rate the cameras sent, Mbit/s. */
    public double megabitsPerSecond() {
        return mediaBytes * 8 / 1e6 / seconds;
    }

    /** The server's CPU time above its idle CPU, seconds: what the cameras cost it. */
    public double cameraCpuSeconds() {
        return Math.max(0, serverCpuSeconds - idleCpuPercent / 100 * seconds);
    }

    /** Server CPU per camera-second above its idle CPU, ms. */
    public double cpuMsPerCameraSecond() {
        return cameraCpuSeconds() * 1000 / (cameras * seconds);
    }

    /** Server CPU per Mbit taken in above its idle CPU, ms. */
    public double cpuMsPerMegabit() {
        return mediaBytes == 0 ? 0 : cameraCpuSeconds() * 1000 / (mediaBytes * 8 / 1e6);
    }

    /** Server CPU per Mbit of recordings written, above its idle CPU, ms: comparable with FFmpeg's per Mbit of MP4. */
    public double cpuMsPerRecordedMegabit() {
        return recordingBytes <= 0 ? 0 : cameraCpuSeconds() * 1000 / (recordingBytes * 8 / 1e6);
    }

    /** The share of the frames due in real time that the cameras sent. */
    public double onTime() {
        return framesSent / (cameras * (double) VideoInputs.FPS * seconds);
    }

    static String saturated(double busy, double server, String clients, double bench, double rest) {
        return "the machine was saturated, " + Math.round(busy * 100) + " % busy (server " + Math.round(server)
                + " %, " + clients + " " + Math.round(bench) + " %, the rest " + Math.round(rest) + " % of a core)";
    }

    /** Why the server is taken to have fallen behind at this step; empty when it kept up. */
    public List<String> behind(int cores) {
        List<String> why = new ArrayList<>();
        if (recorderDropped > 0) {
            why.add(recorderDropped + " frames dropped by the recorder");
        }
        if (lost > 0) {
            why.add(lost + " packages lost");
        }
        if (failedCameras > 0) {
            why.add(failedCameras + " cameras' connections failed");
        }
        if (framesReceived < ON_TIME * framesSent) {
            why.add(String.format(Locale.ROOT, "the server took in %.0f %% of the frames sent", framesReceived * 100.0
                    / framesSent));
        }
        if (onTime() < ON_TIME) {
            why.add(String.format(Locale.ROOT, "the cameras sent %.0f %% of their frames on time",
                    onTime() * 100));
        }
        if (machineBusy > SATURATED) {
            why.add(saturated(machineBusy, serverCpuPercent(), "cameras", benchCpuPercent(), otherCpuPercent(cores)));
        }
        return why;
    }
}
