package io.alarmhub.core.delivery;

/** A request the hub refuses: its error message is meant for the client that sent it. */
public class PushException extends RuntimeException {

    public PushException(String message) {
        super(message);
    }
}
