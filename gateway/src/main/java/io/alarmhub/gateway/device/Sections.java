package io.alarmhub.gateway.device;

import java.time.Duration;

/**
 * Checks for the canonical constructors of vendor sections. Each message starts with the key as it is written
 * in YAML and the value, e.g. {@code port: 70000 is not a port (0-65535)}; the configuration loader puts the
 * vendor in front, so the operator reads {@code jovision.port: ...} and knows which line to fix.
 */
public final class Sections {

    private Sections() {
    }

    /** 0 stays allowed: it picks a free port, which tests and embedded uses rely on. */
    public static int port(String key, int value) {
        if (value < 0 || value > 65_535) {
            throw new IllegalArgumentException(key + ": " + value + " is not a port (0-65535)");
        }
        return value;
    }

    public static long positive(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + ": " + value + " must be positive");
        }
        return value;
    }

    public static Duration positive(String key, Duration value) {
        present(key, value);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": " + value + " must be positive");
        }
        return value;
    }

    /** A key given as {@code null} in YAML ({@code key:} with nothing after it). */
    public static <T> T present(String key, T value) {
        if (value == null) {
            throw new IllegalArgumentException(key + ": needs a value");
        }
        return value;
    }

}
