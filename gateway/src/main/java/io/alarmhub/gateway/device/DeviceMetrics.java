package io.alarmhub.gateway.device;

import io.alarmhub.core.media.MediaKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The meters every vendor has, tagged {@code vendor=<vendor id>}, so that dashboards read all vendors alike:
 * <ul>
 *   <li>{@value #MESSAGES} (counter, tag {@code type}): valid device requests</li>
 *   <li>{@value #BAD_INPUT} (counter, tag {@code reason}): requests that were not valid</li>
 *   <li>{@value #CONNECTIONS} (gauge): device connections open now</li>
 *   <li>{@value #CLOSED} (counter, tag {@code reason}): connections the server closed</li>
 *   <li>{@value #UPLOAD_BYTES} (distribution summary, tag {@code kind}): sizes of the files the media store
 *       kept</li>
 * </ul>
 * Each name has one description here: Prometheus keeps one help text per name, whichever vendor registers
 * first. Tags hold fixed vocabularies of the vendor's only, never anything a device sent. A vendor's own
 * metrics class creates the counters of its vocabulary up front, so that a scrape shows zeros rather than
 * nothing, and adds whatever meters only it has.
 */
public final class DeviceMetrics {

    public static final String MESSAGES = "alarmhub.device.messages";
    public static final String BAD_INPUT = "alarmhub.device.bad_input";
    public static final String CONNECTIONS = "alarmhub.device.connections.open";
    public static final String CLOSED = "alarmhub.device.closed";
    public static final String UPLOAD_BYTES = "alarmhub.device.upload_bytes";

    private final String vendor;
    private final MeterRegistry registry;

    public DeviceMetrics(String vendor, MeterRegistry registry) {
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public String vendor() {
        return vendor;
    }

    /** For the vendor's own extra meters, and for removing a gauge when its listener closes. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The counter of valid requests of this type; the same one on every call. */
    public Counter messages(String type) {
        return Counter.builder(MESSAGES).description("valid device requests")
                .tag("vendor", vendor).tag("type", type).register(registry);
    }

    /** The counter of invalid requests for this reason; the same one on every call. */
    public Counter badInput(String reason) {
        return Counter.builder(BAD_INPUT).description("device lines that were not valid requests")
                .tag("vendor", vendor).tag("reason", reason).register(registry);
    }

    /** The counter of connections the server closed for this reason; the same one on every call. */
    public Counter closed(String reason) {
        return Counter.builder(CLOSED).description("device connections the server closed")
                .tag("vendor", vendor).tag("reason", reason).register(registry);
    }

    /** The sizes of kept uploads of this kind; the same summary on every call. */
    public DistributionSummary uploadBytes(MediaKind kind) {
        return DistributionSummary.builder(UPLOAD_BYTES)
                .description("sizes of the media files devices uploaded and the media store kept")
                .baseUnit("bytes").tag("vendor", vendor).tag("kind", kind.wireName()).register(registry);
    }

    /** The gauge of open connections, read from {@code source}; remove it from {@link #registry()} to stop it. */
    public <T> Gauge connections(T source, ToDoubleFunction<T> open) {
        return Gauge.builder(CONNECTIONS, source, open).description("device connections open now")
                .tag("vendor", vendor).register(registry);
    }
}
