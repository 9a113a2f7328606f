package io.alarmhub.server.config;

/** The configuration cannot be read or holds a value that cannot work; the message says which. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
