package io.alarmhub.gateway.command;

import java.util.Objects;

/**
 * A command that did not get the device's answer, and why: every face turns it into its own error answer,
 * with {@link #reason()} as a fixed word a program can test and the message for people.
 */
public final class CommandRefusal extends RuntimeException {

    /** Why, with the HTTP status the RestServer answers it with. */
    public enum Reason {
        /** The command is not one the vendor knows, or a value is out of its range: nothing was sent. */
        BAD_COMMAND(400),
        /** The connection has not proven its alias, or the alias does not own the device. */
        NOT_OWNER(403),
        /** No such device. */
        UNKNOWN_DEVICE(404),
        /** The device's reported capabilities exclude the command: nothing was sent. */
        NOT_CAPABLE(409),
        /** Too many commands are waiting for answers; try again. */
        BUSY(503),
        /** The device is not connected to this node. */
        OFFLINE(503),
        /** The command was sent and the device did not answer in time. */
        TIMEOUT(504);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** The word faces send, e.g. {@code not_capable}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public CommandRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
