package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.gateway.device.hemu.live.LiveRefusal.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Two-way talk's meters. Tags are fixed words (outcome, reason), never a camera or a talker, so that clients cannot
 * grow the registry.
 */
public final class TalkMetrics {

    /** Talks started: WebSockets opened to a camera's speaker. */
    static final String SESSIONS = "alarmhub.hemu.talk.sessions";
    /** Talkers talking now. */
    static final String TALKERS = "alarmhub.hemu.talk.talkers";
    /** 20 ms packages, by {@code outcome}: {@code sent} to the camera, or {@code dropped} (it could not take them). */
    static final String PACKETS = "alarmhub.hemu.talk.packets";
    /** Talkers turned away, by {@code reason} (see {@link Reason}). */
    static final String REFUSED = "alarmhub.hemu.talk.refused";
    /** Every name above, for the adapter's {@code meterNames}. */
    public static final List<String> NAMES = List.of(SESSIONS, TALKERS, PACKETS, REFUSED);

    /** What a talker can be refused for: not the viewers' limits, nor a camera that streams no video. */
    private static final Set<Reason> REASONS = EnumSet.complementOf(EnumSet.of(Reason.NOT_STREAMING,
            Reason.CAMERA_FULL, Reason.NODE_FULL));
    private static final String VENDOR = "hemu";

    private final MeterRegistry registry;
    private final Counter sessions;
    private final Counter sent;
    private final Counter dropped;
    private final Map<Reason, Counter> refused = new EnumMap<>(Reason.class);
    private Optional<Meter> talking = Optional.empty();

    TalkMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Up front, so that a scrape shows zeros rather than nothing.
        sessions = Counter.builder(SESSIONS).description("two-way talks started").tag("vendor", VENDOR)
                .register(registry);
        sent = packets("sent");
        dropped = packets("dropped");
        for (Reason reason : REASONS) {
            refused.put(reason, Counter.builder(REFUSED).description("talkers turned away")
                    .tag("reason", reason.word()).tag("vendor", VENDOR).register(registry));
        }
    }

    private Counter packets(String outcome) {
        return Counter.builder(PACKETS).description("two-way talk packages for cameras")
                .tag("outcome", outcome).tag("vendor", VENDOR).register(registry);
    }

    void started() {
        sessions.increment();
    }

    void sent() {
        sent.increment();
    }

    void dropped() {
        dropped.increment();
    }

    void refused(Reason reason) {
        Counter counter = refused.get(reason);
        if (counter != null) {
            counter.increment();
        }
    }

    /** Shows how many talk now while the listener runs. */
    synchronized void watch(Talkers talkers) {
        talking = Optional.of(Gauge.builder(TALKERS, talkers, Talkers::count)
                .description("two-way talkers talking now").tag("vendor", VENDOR).register(registry));
    }

    /** Stops showing it: the listener closed. */
    synchronized void unwatch() {
        talking.ifPresent(registry::remove);
        talking = Optional.empty();
    }
}
