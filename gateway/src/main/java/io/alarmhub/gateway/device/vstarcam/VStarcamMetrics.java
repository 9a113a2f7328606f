package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.media.MediaKind;
import io.alarmhub.gateway.ServerChannels;
import io.alarmhub.gateway.device.DeviceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/**
 * The VStarcam vocabulary of the shared {@link DeviceMetrics}, tagged {@code vendor=vstarcam}:
 * <ul>
 *   <li>{@code alarmhub.device.messages}, {@code type}: {@code heartbeat}, {@code alarm}: well-formed
 *       requests handed to the intake, whatever the store then said</li>
 *   <li>{@code alarmhub.device.bad_input}, {@code reason}: {@code malformed_http}, {@code not_found},
 *       {@code method}, {@code expectation}, {@code too_large}, {@code bad_json}, {@code missing_field},
 *       {@code bad_field}, {@code not_multipart}, {@code malformed_multipart}, {@code refused}: requests
 *       answered 4xx</li>
 *   <li>{@code alarmhub.device.upload_bytes}, {@code kind}: {@code picture}, {@code video}</li>
 *   <li>{@code alarmhub.device.connections.open}: camera connections open now, while the listener runs</li>
 *   <li>{@code alarmhub.device.closed}, {@code reason}: {@code request_timeout}: a request did not arrive
 *       whole within the request timeout</li>
 * </ul>
 * VStarcam has no meters of its own beyond these.
 */
final class VStarcamMetrics {

    static final String MESSAGES = DeviceMetrics.MESSAGES;
    static final String BAD_INPUT = DeviceMetrics.BAD_INPUT;
    static final String UPLOAD_BYTES = DeviceMetrics.UPLOAD_BYTES;
    static final String CONNECTIONS = DeviceMetrics.CONNECTIONS;
    static final String CLOSED = DeviceMetrics.CLOSED;

    private final DeviceMetrics shared;
    private final Counter heartbeats;
    private final Counter alarms;
    private final DistributionSummary pictures;
    private final DistributionSummary videos;

    VStarcamMetrics(MeterRegistry registry) {
        this.shared = new DeviceMetrics(VStarcamListener.VENDOR, registry);
        this.heartbeats = shared.messages("heartbeat");
        this.alarms = shared.messages("alarm");
        this.pictures = shared.uploadBytes(MediaKind.PICTURE);
        this.videos = shared.uploadBytes(MediaKind.VIDEO);
        shared.closed("request_timeout");
        shared.closed("idle");
        // created up front, so that a scrape shows zeros rather than nothing
        BAD_INPUT_REASONS.forEach(shared::badInput);
    }

    /** Every {@code reason} of {@code bad_input} this adapter and the HTTP core under it count. */
    static final List<String> BAD_INPUT_REASONS = List.of("bad_field", "bad_json",
            "expectation", "malformed_http", "malformed_multipart", "method", "missing_field", "not_found",
            "not_multipart", "refused", "too_large");

    /** A connection the HTTP core closed: {@code idle} or {@code request_timeout}. */
    void closed(String reason) {
        shared.closed(reason).increment();
    }

    /** The open-connections gauge of a started listener; {@link #remove(Gauge)} it on close. */
    Gauge connections(ServerChannels channels) {
        return shared.connections(channels, ServerChannels::size);
    }

    void remove(Gauge gauge) {
        shared.registry().remove(gauge);
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
        shared.badInput(reason).increment();
    }
}
