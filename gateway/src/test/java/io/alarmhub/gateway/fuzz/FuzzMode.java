package io.alarmhub.gateway.fuzz;

/**
 * Whether Jazzer fuzzes ({@code JAZZER_FUZZ} set to anything non-empty, as Jazzer reads it) or only replays
 * the seed inputs (regression mode).
 */
final class FuzzMode {

    /** Set by Jazzer's JUnit integration to turn {@code @FuzzTest}s from replaying into fuzzing. */
    static final boolean FUZZING = isSet(System.getenv("JAZZER_FUZZ"));

    /**
     * How many inputs run between two leak checks: each one in regression mode, where the inputs are few;
     * in fuzzing mode a check (a full GC) after every input would slow the fuzzer a hundredfold.
     */
    static final int LEAK_CHECK_EVERY = FUZZING ? 2_000 : 1;

    private FuzzMode() {
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }
}
