package io.alarmhub.core.auth;

/** A token that is malformed, was minted with another key, names an unknown app, or is out of its time window. */
public class TokenException extends RuntimeException {

    public TokenException(String message) {
        super(message);
    }
}
