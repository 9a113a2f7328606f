package io.alarmhub.server;

/**
 * The server cannot start, for a reason the operator can act on: the message is the one line the command
 * prints (which setting, which address or directory, and what is wrong), without a stack trace.
 */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
