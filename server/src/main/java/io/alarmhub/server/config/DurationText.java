package io.alarmhub.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as operators write them: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 10d},
 * or a bare number of seconds.
 */
final class DurationText extends JsonDeserializer<Duration> {

    private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    static Duration parse(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new ConfigException("\"" + text + "\" is not a duration (write e.g. 500ms, 30s, 5m, 2h, 10d)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return parse(p.getValueAsString());
    }
}
