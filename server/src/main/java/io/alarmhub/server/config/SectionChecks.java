package io.alarmhub.server.config;

import io.alarmhub.gateway.device.Sections;

import java.util.List;

/**
 * The checks the section records' constructors need beyond {@link Sections} (port, positive, present, which
 * they call as the vendors' sections do): every message starts with the key as written in YAML within its
 * section and names the bad value, so that {@link ConfigLoader}, which puts the section path in front,
 * points the operator at the line to fix.
 */
final class SectionChecks {

    private SectionChecks() {
    }

    /** For counts where 0 means "choose for me" (thread pools). */
    static int notNegative(String key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(key + ": " + value + " must be 0 or more");
        }
        return value;
    }

    static int within(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + ": " + value + " is not within " + min + ".." + max);
        }
        return value;
    }

    /** An unmodifiable copy; a missing item ({@code - } with nothing after it) is named by its index. */
    static <T> List<T> list(String key, List<T> values) {
        Sections.present(key, values);
        for (int i = 0; i < values.size(); i++) {
            Sections.present(key + "[" + i + "]", values.get(i));
        }
        return List.copyOf(values);
    }

    /** Empty (generate one) or exactly {@code length} hex digits; the value is a secret, so it is not repeated. */
    static String hexKey(String key, String value, int length) {
        Sections.present(key, value);
        if (!value.isEmpty() && !value.matches("[0-9a-fA-F]{" + length + "}")) {
            throw new IllegalArgumentException(key + ": must be " + length + " hex characters");
        }
        return value;
    }

    /** Write-buffer water marks: Netty refuses a low mark above the high one. */
    static void notAbove(String lowKey, int low, String highKey, int high) {
        if (low > high) {
            throw new IllegalArgumentException(lowKey + ": " + low + " must not exceed " + highKey + " (" + high + ")");
        }
    }
}
