package io.alarmhub.gateway.device.hemu;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The meters of what cameras report of themselves (part of {@link HemuMetrics}, tagged {@code vendor=hemu}),
 * every series created up front:
 * <ul>
 *   <li>{@value #STATISTICS}, {@code result}: daily statistics {@code stored} (a new day), {@code replaced} (a
 *       day sent again), {@code refused} (a value that does not check), {@code failed} (the store did not take
 *       them)</li>
 *   <li>the summary of the statistics stored for a new day, added up over every camera:
 *       {@value #FRAMES} ({@code media} {@code video}/{@code audio}, {@code frames} {@code total}/{@code dropped}),
 *       {@value #INCIDENTS} ({@code kind}: {@code disconnect}, {@code reboot}, {@code openapi_failure},
 *       {@code hedgw_lookup}), {@value #ONLINE} (seconds), {@value #DATA} (megabytes), and {@value #DELAY}, the
 *       distribution of the cameras' average delay from capture to sent (milliseconds)</li>
 *   <li>{@value #PANORAMAS}, {@code result}: panorama sets {@code pushed} to the owners, or dropped:
 *       {@code timed_out}, {@code replaced} (the camera started another), {@code refused} (a picture out of
 *       bounds), {@code failed} (the media or the store did not take them); {@value #PICTURES_REFUSED},
 *       {@code reason}: pictures refused ({@code too_many}, {@code too_large}, {@code busy})</li>
 * </ul>
 */
public final class ReportMeters {

    public static final String STATISTICS = "alarmhub.hemu.statistics";
    public static final String FRAMES = "alarmhub.hemu.camera.frames";
    public static final String INCIDENTS = "alarmhub.hemu.camera.incidents";
    public static final String ONLINE = "alarmhub.hemu.camera.online";
    public static final String DATA = "alarmhub.hemu.camera.data";
    public static final String DELAY = "alarmhub.hemu.camera.delay";
    public static final String PANORAMAS = "alarmhub.hemu.panoramas";
    public static final String PICTURES_REFUSED = "alarmhub.hemu.panorama.pictures.refused";
    /** Every name above, for {@code meterNames}. */
    public static final List<String> NAMES = List.of(STATISTICS, FRAMES, INCIDENTS, ONLINE, DATA, DELAY, PANORAMAS,
            PICTURES_REFUSED);

    /** The statistics counters each incident kind adds up. */
    private static final Map<String, String> INCIDENT_COUNTERS = Map.of("disconnectTimes", "disconnect",
            "rebootTimes", "reboot", "openApiFailureTimes", "openapi_failure", "assignHedgwIpTimes", "hedgw_lookup");
    /** The statistics counters the frame counters add up, by their tags. */
    private static final Map<String, List<String>> FRAME_COUNTERS = Map.of(
            "totalVideoFrames", List.of("video", "total"), "dropVideoFrames", List.of("video", "dropped"),
            "totalAudioFrames", List.of("audio", "total"), "dropAudioFrames", List.of("audio", "dropped"));
    /** Where the delay distribution's buckets end, in milliseconds. */
    private static final double[] DELAY_BUCKETS = {50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000};

    private final Map<String, Counter> statistics;
    /** By the 5.2.12 counter each adds up. */
    private final Map<String, Counter> summed;
    private final DistributionSummary delay;
    private final Map<String, Counter> panoramas;
    private final Map<String, Counter> picturesRefused;

    ReportMeters(MeterRegistry registry) {
        String vendor = HemuAdapter.VENDOR;
        statistics = tagged(List.of("stored", "replaced", "refused", "failed"), result -> Counter.builder(STATISTICS)
                .description("Hemu cameras' daily statistics received, by what became of them")
                .tag("vendor", vendor).tag("result", result).register(registry));
        Map<String, Counter> sums = new HashMap<>();
        FRAME_COUNTERS.forEach((name, tags) -> sums.put(name, Counter.builder(FRAMES)
                .description("video and audio frames Hemu cameras reported in their daily statistics, and how many they dropped")
                .tag("vendor", vendor).tag("media", tags.get(0)).tag("frames", tags.get(1)).register(registry)));
        INCIDENT_COUNTERS.forEach((name, kind) -> sums.put(name, Counter.builder(INCIDENTS)
                .description("disconnects, reboots, OpenAPI failures and HEDGW look-ups Hemu cameras reported in their daily statistics")
                .tag("vendor", vendor).tag("kind", kind).register(registry)));
        sums.put("onlineDuration", Counter.builder(ONLINE).baseUnit("seconds")
                .description("time online Hemu cameras reported in their daily statistics")
                .tag("vendor", vendor).register(registry));
        sums.put("totalSize", Counter.builder(DATA).baseUnit("megabytes")
                .description("data Hemu cameras reported having sent in their daily statistics")
                .tag("vendor", vendor).register(registry));
        summed = Map.copyOf(sums);
        delay = DistributionSummary.builder(DELAY).baseUnit("milliseconds")
                .description("Hemu cameras' average delay from capture to sent, one sample per daily statistics")
                .serviceLevelObjectives(DELAY_BUCKETS).tag("vendor", vendor).register(registry);
        panoramas = tagged(List.of("pushed", "timed_out", "replaced", "refused", "failed"), result ->
                Counter.builder(PANORAMAS).description("Hemu panorama picture sets, pushed to the owners or dropped")
                        .tag("vendor", vendor).tag("result", result).register(registry));
        picturesRefused = tagged(List.of("too_many", "too_large", "busy"), reason ->
                Counter.builder(PICTURES_REFUSED).description("Hemu panorama pictures refused, by the bound they broke")
                        .tag("vendor", vendor).tag("reason", reason).register(registry));
    }

    private static Map<String, Counter> tagged(List<String> tags, Function<String, Counter> counter) {
        return tags.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), counter));
    }

    /** A daily statistics received: {@code stored}, {@code replaced}, {@code refused} or {@code failed}. */
    public void statistics(String result) {
        counter(statistics, result).increment();
    }

    /**
     * Adds a new day's statistics to the summary.
     *
     * @param counters the 5.2.12 counters the camera sent, by name
     */
    public void summarize(Map<String, Long> counters) {
        counters.forEach((name, value) -> {
            Counter sum = summed.get(name);
            if (sum != null) {
                sum.increment(value);
            }
        });
        Long average = counters.get("delay");
        if (average != null) {
            delay.record(average);
        }
    }

    /** A panorama set ended: {@code pushed}, {@code timed_out}, {@code replaced}, {@code refused} or {@code failed}. */
    public void panorama(String result) {
        counter(panoramas, result).increment();
    }

    /** A panorama picture refused: {@code too_many}, {@code too_large} or {@code busy}. */
    public void pictureRefused(String reason) {
        counter(picturesRefused, reason).increment();
    }

    private static Counter counter(Map<String, Counter> counters, String tag) {
        Counter counter = counters.get(tag);
        if (counter == null) {
            throw new IllegalArgumentException("not a tag of this meter: " + tag);
        }
        return counter;
    }
}
