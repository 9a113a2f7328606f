package io.alarmhub.gateway.device.hemu.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.store.PeopleCount;
import io.alarmhub.gateway.json.NetworkJson;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A people count as 5.2.6 has cameras send it: a {@code DevEventCmd} of type 4 whose {@code msg} is
 * {@code {"start":1500631027,"stop":1500631627,"count":100}}: {@code start} and {@code stop} in UTC seconds,
 * {@code count} an int whose high 16 bits are the people counted from bottom to top, its low 16 bits those
 * from top to bottom.
 *
 * @param start when the period began
 * @param stop  when it ended, not before {@code start}
 * @param up    the people counted from bottom to top ({@code count}'s high 16 bits)
 * @param down  the people counted from top to bottom ({@code count}'s low 16 bits)
 */
public record CountedPeople(Instant start, Instant stop, int up, int down) {

    /** The earliest {@code start} taken: earlier is a camera whose clock was never set. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** The latest {@code stop} taken: Java's and the store's instants have room to spare up to here. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * Reads a type 4 {@code msg}; empty when it is not JSON, or lacks {@code start}, {@code stop} or
     * {@code count} as integers, or {@code stop} is before {@code start}, or either lies outside the years
     * 2000 to 9999. {@code count} is taken as 32 bits, whether the camera wrote it signed (an {@code int} with
     * more than 32,767 people up is negative) or unsigned.
     */
    public static Optional<CountedPeople> read(Optional<String> msg) {
        try {
            JsonNode json = NetworkJson.standard().reader().readTree(msg.orElse(""));
            if (json == null || !json.isObject()) {
                return Optional.empty();
            }
            JsonNode start = json.path("start");
            JsonNode stop = json.path("stop");
            JsonNode count = json.path("count");
            if (!whole(start) || !whole(stop) || !whole(count)) {
                return Optional.empty();
            }
            long bits = count.asLong();
            if (bits < Integer.MIN_VALUE || bits > 0xFFFF_FFFFL) {
                return Optional.empty();
            }
            long from = start.asLong();
            long to = stop.asLong();
            if (from < EARLIEST.getEpochSecond() || to > LATEST.getEpochSecond() || to < from) {
                return Optional.empty();
            }
            return Optional.of(new CountedPeople(Instant.ofEpochSecond(from), Instant.ofEpochSecond(to),
                    (int) ((bits >>> 16) & 0xFFFF), (int) (bits & 0xFFFF)));
        } catch (JsonProcessingException | NumberFormatException e) {
            // NumberFormatException: a number too large for its type, which the reader does not catch itself
            return Optional.empty();
        }
    }

    private static boolean whole(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong();
    }

    /**
     * The status event's {@code values}: {@code people_up}, {@code people_down}, {@code start} and {@code stop}
     * (UTC seconds, as sent), or {@code people_count: unreadable}; {@code delayed} when it came late.
     */
    public static Map<String, String> values(Optional<CountedPeople> count, boolean delayed) {
        Map<String, String> values = new LinkedHashMap<>();
        count.ifPresentOrElse(c -> {
            values.put("people_up", Integer.toString(c.up()));
            values.put("people_down", Integer.toString(c.down()));
            values.put("start", Long.toString(c.start().getEpochSecond()));
            values.put("stop", Long.toString(c.stop().getEpochSecond()));
        }, () -> values.put("people_count", "unreadable"));
        if (delayed) {
            values.put("delayed", "true");
        }
        return values;
    }

    /** The count as the store keeps it, in its time series. */
    public PeopleCount row(DeviceId device, boolean delayed, Instant received) {
        return new PeopleCount(device, start, stop, up, down, delayed, received);
    }
}
