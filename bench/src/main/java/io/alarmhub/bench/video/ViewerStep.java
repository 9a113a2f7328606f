package io.alarmhub.bench.video;

import io.alarmhub.bench.stats.ServerStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One live step: {@code viewers} reading HTTP-FLV of {@code cameras} cameras (which the server also records),
 * measured over {@code seconds}.
 *
 * @param watching    viewers whose stream was still on at the end; {@code refused} were turned away,
 *                    {@code ended} lost their stream during the run
 * @param bytes       what the viewers read over the step; {@code tags} the FLV tags in it
 * @param skippedGops GOPs the server skipped for viewers that did not keep up
 * @param machineBusy the share of all cores' time that was not idle, whoever used it (0 to 1)
 */
public record ViewerStep(int viewers, int cameras, double seconds, double serverCpuSeconds, double benchCpuSeconds,
                         double machineBusy,
                         int watching, int refused, int ended, long bytes, long tags, long skippedGops,
                         long recorderDropped, double heapMb, double rssMb) {

    static ViewerStep of(int cameras, ServerProbe.Snapshot a, ServerProbe.Snapshot b, ViewerCrowd.Totals before,
                         ViewerCrowd.Totals after, Optional<ServerStats> stats) {
        return new ViewerStep(after.viewers(), cameras, (b.nanos() - a.nanos()) / 1e9,
                IngestStep.seconds(a.serverTicks(), b.serverTicks()), IngestStep.seconds(a.benchTicks(), b.benchTicks()),
                IngestStep.busy(a, b),
                after.watching(), after.refused(), after.ended(), after.bytes() - before.bytes(),
                after.tags() - before.tags(), (long) (b.skippedGops() - a.skippedGops()),
                (long) (b.recorderDropped() - a.recorderDropped()), IngestStep.heap(stats),
                stats.map(s -> s.rssMb().orElse(-1)).orElse(-1.0));
    }

    public double serverCpuPercent() {
        return serverCpuSeconds / seconds * 100;
    }

    public double benchCpuPercent() {
        return benchCpuSeconds / seconds * 100;
    }

    /** What all viewers together read, Mbit/s. */
    public double viewerMegabitsPerSecond() {
        return bytes * 8 / 1e6 / seconds;
    }

    /** Server CPU per Mbit delivered to viewers, ms, the cameras' recording included. */
    public double cpuMsPerViewerMegabit() {
        double mbit = bytes * 8 / 1e6;
        return mbit <= 0 ? 0 : serverCpuSeconds * 1000 / mbit;
    }

    /** CPU of everything else on the machine, % of one core (other work, and kernel time no process was charged). */
    public double otherCpuPercent(int cores) {
        return Math.max(0, machineBusy * cores * 100 - serverCpuPercent() - benchCpuPercent());
    }

    /**
     * Server CPU per Mbit delivered to viewers, ms, over what the same cameras cost without viewers
     * ({@code baseline}): the viewers' own share.
     */
    public double cpuMsPerViewerMegabit(ViewerStep baseline) {
        double mbit = bytes * 8 / 1e6;
        double extra = serverCpuSeconds - baseline.serverCpuSeconds() / baseline.seconds() * seconds;
        return mbit <= 0 ? 0 : extra * 1000 / mbit;
    }

    /** Why the server is taken to have fallen behind its viewers; empty when it kept up. */
    public List<String> behind(int cores) {
        List<String> why = new ArrayList<>();
        if (skippedGops > 0) {
            why.add(skippedGops + " GOPs skipped for viewers that fell behind");
        }
        if (refused > 0 || ended > 0) {
            why.add(refused + " viewers turned away, " + ended + " lost their stream");
        }
        if (machineBusy > IngestStep.SATURATED) {
            why.add(IngestStep.saturated(machineBusy, serverCpuPercent(), "viewers and cameras", benchCpuPercent(),
                    otherCpuPercent(cores)));
        }
        return why;
    }
}
