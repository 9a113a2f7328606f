package io.alarmhub.core.admission;

import java.util.Locale;

/** Why new work was refused: the {@code reason} of a refusal in metrics and logs. */
public enum Overload {
    /** As much new work as the node admits at once is already in flight. */
    IN_FLIGHT,
    /** The heap left after the last garbage collection is above its bound. */
    HEAP;

    /** {@code in_flight}, {@code heap}: the word metrics tag it with. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
