package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.gateway.device.hemu.live.LiveRefusal.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The live listener's meters. Tags are fixed words (transport, reason), never a camera or a viewer, so that
 * clients cannot grow the registry.
 */
public final class LiveMetrics {

    /** Viewers watching now, by {@code transport}: {@code http} or {@code websocket}. */
    static final String VIEWERS = "alarmhub.hemu.live.viewers";
    /** Viewers turned away, by {@code reason} (see {@link Reason}). */
    static final String REFUSED = "alarmhub.hemu.live.refused";
    /** GOPs viewers lost, wholly or their tail, because their connection was not writable. */
    static final String SKIPPED_GOPS = "alarmhub.hemu.live.skipped_gops";
    /** Every name above, for the adapter's {@code meterNames}. */
    public static final List<String> NAMES = List.of(VIEWERS, REFUSED, SKIPPED_GOPS);
    /** Tagged as every meter of the vendor's listeners are. */
    private static final String VENDOR = "hemu";

    private final MeterRegistry registry;
    private final Map<Reason, Counter> refused = new EnumMap<>(Reason.class);
    private final List<Meter> watching = new ArrayList<>();

    LiveMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Up front, so that a scrape shows zeros rather than nothing.
        for (Reason reason : Reason.values()) {
            refused.put(reason, Counter.builder(REFUSED)
                    .description("live viewers turned away")
                    .tag("reason", reason.word())
                    .tag("vendor", VENDOR).register(registry));
        }
    }

    void refused(Reason reason) {
        refused.get(reason).increment();
    }

    /** Shows {@code viewers}' counts while the listener runs. */
    synchronized void watch(LiveViewers viewers) {
        for (Transport transport : Transport.values()) {
            watching.add(Gauge.builder(VIEWERS, viewers, v -> v.count(transport))
                    .description("live viewers watching now")
                    .tag("transport", transport.word())
                    .tag("vendor", VENDOR).register(registry));
        }
        watching.add(FunctionCounter.builder(SKIPPED_GOPS, viewers, LiveViewers::skippedGops)
                .description("GOPs live viewers lost because they did not keep up")
                .tag("vendor", VENDOR).register(registry));
    }

    /** Stops showing them: the listener closed. */
    synchronized void unwatch() {
        watching.forEach(registry::remove);
        watching.clear();
    }
}
