package io.alarmhub.bench.video;

import java.time.Duration;
import java.util.List;

/**
 * What a video run measures. Ingest: {@code cameraSteps} cameras at each of {@code megabits}, stepped up until the
 * server falls behind; live: {@code liveCameras} cameras at the largest rate with {@code viewerSteps} viewers in all.
 *
 * @param width        the cameras' picture, with {@code height}: 640x360 or 1280x720 are what cameras send
 * @param settle       after each step's cameras or viewers joined, before it is measured: logins, the first GOPs
 *                     and the JIT are then behind it
 * @param step         how long each step is measured
 * @param warmup       the first step's cameras stream this long, unreported, before anything is measured: the
 *                     server's JIT compiles the ingest and recording path meanwhile
 * @param profile      how long the server is profiled with JFR at the largest ingest step, after its measurement
 */
public record VideoPlan(List<Integer> cameraSteps, List<Integer> megabits, int width, int height,
                        List<Integer> viewerSteps, int liveCameras, Duration settle, Duration step,
                        Duration warmup, Duration profile) {

    /** The node's cap on live viewers of all cameras (the live listener's {@code maxViewers}). */
    public static final int MAX_VIEWERS = 500;
    /** A camera's main stream goes up to about 8 Mbit/s; past it the input files grow beyond the simulator's bound. */
    public static final int MAX_MEGABITS = 8;

    /** What a run of under ten minutes measures on a 2-core machine, FFmpeg's steps and the inputs' making included. */
    public static final VideoPlan DEFAULT = new VideoPlan(List.of(25, 100, 200, 300), List.of(1, 2), 1280, 720,
            List.of(25, 100, 200, 400), 2, Duration.ofSeconds(4), Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofSeconds(15));

    public VideoPlan {
        cameraSteps = ascending("cameras", cameraSteps, Integer.MAX_VALUE);
        megabits = ascending("megabits", megabits, MAX_MEGABITS);
        viewerSteps = ascending("viewers", viewerSteps, MAX_VIEWERS);
        if (!(width == 640 && height == 360 || width == 1280 && height == 720)) {
            throw new IllegalArgumentException("picture " + width + "x" + height + ": 640x360 or 1280x720");
        }
        if (liveCameras < 1 || liveCameras > viewerSteps.get(0)) {
            throw new IllegalArgumentException("live cameras " + liveCameras + ": at least 1, at most the first"
                    + " viewer step (" + viewerSteps.get(0) + "), so that every camera has a viewer");
        }
        if (settle.isNegative() || step.isZero() || step.isNegative() || warmup.isNegative() || profile.isNegative()) {
            throw new IllegalArgumentException("step is a positive duration; settle, warm-up and profile are not negative");
        }
    }

    /** The rate of the live cameras: the largest of the run. */
    public int liveMegabits() {
        return megabits.get(megabits.size() - 1);
    }

    /** The most cameras any step streams at once, ingest or live. */
    public int maxCameras() {
        return Math.max(cameraSteps.get(cameraSteps.size() - 1), liveCameras);
    }

    private static List<Integer> ascending(String name, List<Integer> steps, int max) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(name + ": at least one step");
        }
        for (int i = 0; i < steps.size(); i++) {
            int n = steps.get(i);
            if (n < 1 || n > max || i > 0 && n <= steps.get(i - 1)) {
                throw new IllegalArgumentException(name + " " + steps + ": ascending, from 1 to " + max);
            }
        }
        return List.copyOf(steps);
    }
}
