package io.alarmhub.gateway.device.hemu.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.json.NetworkJson;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A camera's daily statistics (5.2.12: a {@code DevIpCamCmd} of type 2 whose {@code msg} has a {@code statistics}
 * object), checked. Cameras send them once every 24 hours, best between 00:00 and 04:00; the platform keeps
 * one per camera and UTC day of {@code startTime}.
 *
 * <p>{@code startTime} and {@code endTime} (UTC milliseconds) are required; the counters, each in the
 * document's name, are taken when present: whole numbers from 0 to 2<sup>53</sup>−1 (so that JSON readers
 * everywhere read them exactly), as JSON numbers or as text holding one; {@code delay}, an average, may have
 * a fraction, rounded to the millisecond. {@code selfDefine}, the camera's own JSON, is kept as sent up to
 * {@value #MAX_SELF_DEFINE_BYTES} bytes. Anything else in the object is dropped.
 *
 * @param startTime when the period began
 * @param endTime   when it ended, not before {@code startTime}
 * @param counters  the counters the camera sent, in {@link #COUNTERS} order
 * @param selfDefine the camera's {@code selfDefine}, when it sent one
 */
public record DailyStatistics(Instant startTime, Instant endTime, Map<String, Long> counters,
                              Optional<JsonNode> selfDefine) {

    /** The counters of 5.2.12, in its order. */
    public static final List<String> COUNTERS = List.of("totalSize", "totalVideoFrames", "dropVideoFrames",
            "totalAudioFrames", "dropAudioFrames", "onlineDuration", "disconnectTimes", "rebootTimes", "delay",
            "openApiFailureTimes", "assignHedgwIpTimes");
    /** The largest {@code selfDefine} taken, as JSON text. */
    public static final int MAX_SELF_DEFINE_BYTES = 4096;
    /** The largest counter: the largest integer a JSON reader that reads numbers as doubles keeps exactly. */
    public static final long MAX_VALUE = (1L << 53) - 1;
    /** How far ahead of the server's clock {@code startTime} may be: a camera's clock runs a little fast. */
    static final Duration AHEAD = Duration.ofDays(1);
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static final ObjectMapper JSON = new ObjectMapper();

    public DailyStatistics {
        counters = Map.copyOf(counters);
    }

    /** The UTC day the statistics are kept under: that of {@code startTime}. */
    public LocalDate day() {
        return LocalDate.ofInstant(startTime, ZoneOffset.UTC);
    }

    /** A counter the camera sent. */
    public OptionalLong counter(String name) {
        Long value = counters.get(name);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** As stored and answered: the document's names, {@code startTime} and {@code endTime} in milliseconds. */
    public ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("startTime", startTime.toEpochMilli())
                .put("endTime", endTime.toEpochMilli());
        for (String name : COUNTERS) {
            counter(name).ifPresent(v -> json.put(name, v));
        }
        selfDefine.ifPresent(s -> json.set("selfDefine", s.deepCopy()));
        return json;
    }

    /**
     * Checks what a camera sent.
     *
     * @param now the server's clock, which {@code startTime} may be ahead of by a day at most
     * @throws Invalid saying which value is wrong and why, without the value when it is long
     */
    public static DailyStatistics read(ObjectNode statistics, Instant now) {
        Instant start = time(statistics, "startTime");
        Instant end = time(statistics, "endTime");
        if (start.isBefore(EARLIEST)) {
            throw new Invalid("startTime " + start.toEpochMilli() + " is before 2000 (it is in milliseconds)");
        }
        if (end.isBefore(start)) {
            throw new Invalid("endTime is before startTime");
        }
        if (start.isAfter(now.plus(AHEAD))) {
            throw new Invalid("startTime " + start + " is more than a day ahead of the server's clock");
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        for (String name : COUNTERS) {
            JsonNode value = statistics.path(name);
            if (!value.isMissingNode() && !value.isNull()) {
                counters.put(name, number(value, name, name.equals("delay")));
            }
        }
        dropsWithin(counters, "dropVideoFrames", "totalVideoFrames");
        dropsWithin(counters, "dropAudioFrames", "totalAudioFrames");
        JsonNode own = statistics.path("selfDefine");
        Optional<JsonNode> selfDefine = own.isMissingNode() || own.isNull() ? Optional.empty() : Optional.of(own);
        if (selfDefine.isPresent()) {
            int bytes = text(own).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_SELF_DEFINE_BYTES) {
                throw new Invalid("selfDefine is " + bytes + " bytes, more than " + MAX_SELF_DEFINE_BYTES);
            }
        }
        return new DailyStatistics(start, end, counters, selfDefine);
    }

    /** Reads what {@link #json()} stored. */
    public static DailyStatistics stored(String body) {
        try {
            JsonNode json = NetworkJson.standard().reader().readTree(body);
            if (json instanceof ObjectNode object) {
                return read(object, LATEST);
            }
        } catch (JsonProcessingException e) {
            throw new Invalid("stored statistics are not JSON");
        }
        throw new Invalid("stored statistics are not a JSON object");
    }

    private static Instant time(JsonNode statistics, String name) {
        JsonNode value = statistics.path(name);
        if (value.isMissingNode() || value.isNull()) {
            throw new Invalid(name + " is missing");
        }
        long millis = number(value, name, false);
        if (millis > LATEST.toEpochMilli()) {
            throw new Invalid(name + " is after the year 9999");
        }
        return Instant.ofEpochMilli(millis);
    }

    private static long number(JsonNode value, String name, boolean fraction) {
        BigDecimal number;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isTextual() && value.asText().trim().matches("[0-9]{1,16}(\\.[0-9]{1,9})?")) {
            number = new BigDecimal(value.asText().trim());
        } else {
            throw new Invalid(name + " is not a number");
        }
        if (number.signum() < 0) {
            throw new Invalid(name + " is negative");
        }
        // Compared before anything scales it: 1e999999999 is a short text and an enormous number.
        if (number.compareTo(BigDecimal.valueOf(MAX_VALUE)) > 0) {
            throw new Invalid(name + " is more than " + MAX_VALUE);
        }
        if (number.stripTrailingZeros().scale() > 0) {
            if (!fraction) {
                throw new Invalid(name + " is not a whole number");
            }
            return Math.round(number.doubleValue()); // exact enough below 2^53, and cheap for any scale
        }
        return number.longValueExact();
    }

    private static void dropsWithin(Map<String, Long> counters, String dropped, String total) {
        if (counters.containsKey(dropped) && counters.containsKey(total) && counters.get(dropped) > counters.get(total)) {
            throw new Invalid(dropped + " is more than " + total);
        }
    }

    private static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new Invalid("selfDefine cannot be written as JSON");
        }
    }

    /** Statistics that cannot be taken; the message says which value and why. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
