package io.alarmhub.core.store;

import io.alarmhub.core.device.DeviceId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a device reported of itself for one UTC day (a Hemu camera's daily statistics: frames sent and
 * dropped, disconnects, reboots…), kept in the store's {@code day_report} table, one per device and day. The
 * store knows nothing of the body: the vendor's package writes and reads it.
 *
 * @param device   the device that reported
 * @param day      the UTC day the report is of
 * @param body     the report as JSON text
 * @param received when alarmhub received it
 */
public record DayReport(DeviceId device, LocalDate day, String body, Instant received) {

    public DayReport {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(received, "received");
    }
}
