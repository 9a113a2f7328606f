package io.alarmhub.server;

import io.alarmhub.core.admission.Admission;
import io.alarmhub.core.admission.Overload;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The meters of admission control (docs/overload.md): what is in flight, and what was refused, by reason and by
 * source (a vendor for device events, a face for publishes). Every series exists from the start, at zero.
 */
final class AdmissionMetrics {

    /** The faces whose publishes are admitted, by their tag: RestServer's and the push sessions' faces. */
    static final Set<String> FACES = Set.of("rest", "tcp", "socketio", "websocket");

    private AdmissionMetrics() {
    }

    static void register(MeterRegistry registry, Admission admission, Set<String> vendors) {
        Gauge.builder("alarmhub.admission.in_flight", admission, Admission::inFlight)
                .description("alarms, device events and publishes handed to the store and not yet committed")
                .register(registry);
        Gauge.builder("alarmhub.admission.max_in_flight", admission, Admission::maxInFlight)
                .description("new alarms and publishes admitted at once (admission.max-in-flight)")
                .register(registry);
        Gauge.builder("alarmhub.admission.heap_refusing", admission, a -> a.heapOver() ? 1 : 0)
                .description("1 while the heap left after garbage collection is above admission.heap-fraction")
                .register(registry);
        SortedSet<String> sources = new TreeSet<>(vendors);
        sources.addAll(FACES);
        for (String source : sources) {
            for (Overload reason : Overload.values()) {
                FunctionCounter.builder("alarmhub.admission.refused", admission, a -> a.refused(reason, source))
                        .tag("reason", reason.word()).tag("source", source)
                        .description("new alarms and publishes refused past the node's capacity")
                        .register(registry);
            }
        }
    }
}
