package io.alarmhub.bench.stats;

import java.util.OptionalLong;

/**
 * The CPU time something has used so far, read twice to measure a run: a process (from {@code /proc}), or
 * some of the bench's own threads (a server that runs inside the bench's JVM). A clock, not a sampler, so
 * that the bench can subtract one from another: its own JVM less the in-process server is the load generator.
 */
@FunctionalInterface
public interface CpuClock {

    /** CPU time used so far, nanoseconds; empty when it cannot be read (the process is gone, or this is not Linux). */
    OptionalLong nanos();

    /** A process's utime + stime from {@code /proc/<pid>/stat}, at its clock-tick resolution (10 ms). */
    static CpuClock process(long pid) {
        return () -> {
            OptionalLong ticks = ProcessSampler.cpuTicks(pid);
            return ticks.isPresent()
                    ? OptionalLong.of((long) (ticks.getAsLong() * 1e9 / ProcessSampler.TICKS_PER_SECOND))
                    : OptionalLong.empty();
        };
    }

    /** This clock less {@code other}: what a run used here that {@code other} did not. */
    default CpuClock minus(CpuClock other) {
        return () -> {
            OptionalLong mine = nanos();
            OptionalLong theirs = other.nanos();
            return mine.isPresent() && theirs.isPresent()
                    ? OptionalLong.of(mine.getAsLong() - theirs.getAsLong())
                    : OptionalLong.empty();
        };
    }
}
