package io.alarmhub.gateway;

import java.net.BindException;
import java.util.Locale;

/**
 * A listener could not listen on its address: taken by another process, not an address of this machine,
 * or a port the process may not use. Carries the address, so that the server can name the setting behind
 * it in one line.
 */
public final class ListenException extends RuntimeException {

    private final String host;
    private final int port;

    public ListenException(String listener, String host, int port, Throwable cause) {
        super(listener + " cannot listen on " + host + ":" + port + ": " + reason(cause), cause);
        this.host = host;
        this.port = port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Whether the address is taken, which on a server's own ports usually means a second server. */
    public boolean inUse() {
        // the JDK says so with a BindException; Netty's native transport with its own IOException
        return reason(getCause()).toLowerCase(Locale.ROOT).contains("address already in use");
    }

    /** The operating system's words for it, without the Java class name or the failed call. */
    public String reason() {
        return reason(getCause());
    }

    private static String reason(Throwable cause) {
        if (cause == null) {
            return "unknown reason";
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause instanceof BindException ? "cannot bind" : cause.getClass().getSimpleName();
        }
        // "bind(..) failed with error(-98): Address already in use": the last part is the operating system's
        int colon = message.lastIndexOf(": ");
        return colon >= 0 && message.startsWith("bind(") ? message.substring(colon + 2) : message;
    }
}
