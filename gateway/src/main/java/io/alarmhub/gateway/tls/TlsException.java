package io.alarmhub.gateway.tls;

/** The TLS settings cannot be used; the message names the setting and what is wrong with it. */
public final class TlsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
