package io.alarmhub.gateway.device.hemu.platform;

/** Why the platform refused a change, for each face to say in its own words. Cheap: no stack trace. */
public final class PlatformException extends RuntimeException {

    public enum Reason {
        /** The registration token or device token is not one the platform gave, or has expired. */
        CREDENTIALS,
        /** The camera belongs to another account. */
        BOUND_TO_OTHER,
        /** The model is not one the manufacturer has. */
        UNKNOWN_MODEL,
        /** No such camera, or not this account's. */
        NOT_FOUND,
        /** A value the request gave is not one the platform takes. */
        BAD_VALUE,
        /** Too many registration tokens or bindings are waiting. */
        FULL
    }

    private final Reason reason;

    public PlatformException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
