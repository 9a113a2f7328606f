package io.alarmhub.gateway.device.hemu.openapi;

/**
 * The {@code Authorization} or {@code X-WSSE} header of a request is missing or malformed. The message says
 * what is wrong, for the log; it never contains the password digest (which, with the nonce and time, would
 * let anyone who reads the log guess at the secret offline). Cheap: no stack trace, as refusals are traffic.
 */
public final class WsseException extends RuntimeException {

    public WsseException(String message) {
        super(message, null, false, false);
    }
}
