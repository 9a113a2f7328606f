package io.alarmhub.core.admission;

import io.alarmhub.core.store.StoreException;

/**
 * New work refused because the node is past its capacity ({@link Admission}). A {@link StoreException}, as a
 * full queue in front of the store is: every face already answers those with its protocol's failure (Jovision
 * {@code rt:-1}, VStarcam 503, {@code {"t":0,"error":…}}, REST 503, Hemu its busy code), and code that only
 * knows the store still fails safely. Faces that tell it apart answer "busy, try again" rather than "storage
 * unavailable", since nothing is wrong with the storage. It carries no stack trace: under overload it is thrown
 * thousands of times a second, always from the same place.
 */
public final class ServerBusyException extends StoreException {

    private final Overload reason;

    public ServerBusyException(Overload reason, String message) {
        super(message, false);
        this.reason = reason;
    }

    public Overload reason() {
        return reason;
    }
}
