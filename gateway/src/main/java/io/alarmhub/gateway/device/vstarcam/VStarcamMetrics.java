package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.media.MediaKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The listener's meters, tagged {@code vendor=vstarcam}, named as the other device adapters' are:
 * <ul>
 *   <li>{@code alarmhub.device.messages} (counter, tag {@code type}: {@code heartbeat}, {@code alarm}):
 *       well-formed requests handed to the intake, whatever the store then said</li>
 *   <li>{@code alarmhub.device.bad_input} (counter, tag {@code reason}: {@code malformed_http},
 *       {@code not_found}, {@code method}, {@code expectation}, {@code too_large}, {@code bad_json},
 *       {@code missing_field}, {@code bad_field}, {@code not_multipart}, {@code malformed_multipart},
 *       {@code refused}): requests answered 4xx</li>
 *   <li>{@code alarmhub.device.upload_bytes} (distribution summary, tag {@code kind}: {@code picture},
 *       {@code video}): sizes of the files the media store kept</li>
 *   <li>{@code alarmhub.device.connections.open} (gauge): camera connections open now</li>
 *   <li>{@code alarmhub.device.closed} (counter, tag {@code reason}: {@code request_timeout}): connections
 *       closed because a request did not arrive whole within the request timeout</li>
 * </ul>
 * Tags hold fixed vocabularies only, never anything a camera sent.
 */
final class VStarcamMetrics {

    static final String MESSAGES = "alarmhub.device.messages";
    static final String BAD_INPUT = "alarmhub.device.bad_input";
    static final String UPLOAD_BYTES = "alarmhub.device.upload_bytes";
    static final String CONNECTIONS = "alarmhub.device.connections.open";
    static final String CLOSED = "alarmhub.device.closed";

    private final MeterRegistry registry;
    private final Counter heartbeats;
    private final Counter alarms;
    private final DistributionSummary pictures;
    private final DistributionSummary videos;
    private final Counter requestTimeouts;

    VStarcamMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.heartbeats = message("heartbeat");
        this.alarms = message("alarm");
        this.pictures = upload(MediaKind.PICTURE);
        this.videos = upload(MediaKind.VIDEO);
        this.requestTimeouts = Counter.builder(CLOSED)
                .description("device connections the server closed")
                .tag("vendor", VStarcamListener.VENDOR)
                .tag("reason", "request_timeout")
                .register(registry);
    }

    void requestTimedOut() {
        requestTimeouts.increment();
    }

    private Counter message(String type) {
        return Counter.builder(MESSAGES)
                .description("valid device requests")
                .tag("vendor", VStarcamListener.VENDOR)
                .tag("type", type)
                .register(registry);
    }

    private DistributionSummary upload(MediaKind kind) {
        return DistributionSummary.builder(UPLOAD_BYTES)
                .description("sizes of the media files devices uploaded and the media store kept")
                .baseUnit("bytes")
                .tag("vendor", VStarcamListener.VENDOR)
                .tag("kind", kind.wireName())
                .register(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    void heartbeat() {
        heartbeats.increment();
    }

    void alarm() {
        alarms.increment();
    }

    void uploaded(MediaKind kind, long bytes) {
        (kind == MediaKind.VIDEO ? videos : pictures).record(bytes);
    }

    /** A request refused as malformed, out of bounds or from a refused device. */
    void badInput(String reason) {
        Counter.builder(BAD_INPUT)
                // One help text per meter name in Prometheus: the Jovision adapter's.
                .description("device lines that were not valid requests")
                .tag("vendor", VStarcamListener.VENDOR)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
