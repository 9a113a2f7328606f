package io.alarmhub.core.store;

import io.alarmhub.core.device.DeviceId;

import java.time.Instant;
import java.util.Objects;

/**
 * What a camera that counts people reported for one period: how many crossed its counting line each way.
 * A device's counts are a time series, kept in the store's {@code people_count} table by period start, so that
 * apps can read a range of them and its totals.
 *
 * @param device   the device that counted
 * @param start    the start of the period (whole seconds, as cameras report it)
 * @param stop     its end, not before {@code start}
 * @param up       how many crossed one way (Hemu: from bottom to top)
 * @param down     how many crossed the other way (Hemu: from top to bottom)
 * @param delayed  the device sent it after the fact (Hemu: on its SD-card channel, having been cut off)
 * @param received when alarmhub received it
 */
public record PeopleCount(DeviceId device, Instant start, Instant stop, int up, int down, boolean delayed,
                          Instant received) {

    public PeopleCount {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(received, "received");
        if (stop.isBefore(start)) {
            throw new IllegalArgumentException("a people count stops (" + stop + ") before it starts (" + start + ")");
        }
        if (up < 0 || down < 0) {
            throw new IllegalArgumentException("people counts are not negative: " + up + ", " + down);
        }
    }
}
