package io.alarmhub.gateway.push.tcp;

import java.time.Duration;

/**
 * PushServer's listener settings.
 *
 * @param host               address to bind; {@code 0.0.0.0} for all interfaces
 * @param port               TCP port; 0 picks a free one
 * @param maxLineBytes       longest request line, without its line end
 * @param idleTimeout        a connection that sends nothing (not even a heartbeat) for this long is closed
 * @param maxBadLines        bad lines in a row after which the connection is closed
 * @param maxInFlight        requests of one connection waiting for an answer (publishes wait for the
 *                           store) before the server stops reading from it
 * @param writeBufferLowBytes  pending outbound bytes under which a paused connection resumes delivery
 * @param writeBufferHighBytes pending outbound bytes over which delivery to a connection pauses
 * @param lineTimeout        a new connection's first line, and every line from its first byte, must be
 *                           complete within this, or the connection is closed (slow or silent clients)
 */
public record TcpPushSettings(String host, int port, int maxLineBytes, Duration idleTimeout, int maxBadLines,
                              int maxInFlight, int writeBufferLowBytes, int writeBufferHighBytes,
                              Duration lineTimeout) {

    public static final Duration DEFAULT_LINE_TIMEOUT = Duration.ofSeconds(30);

    public static final TcpPushSettings DEFAULT =
            new TcpPushSettings("0.0.0.0", 9800, 64 * 1024, Duration.ofSeconds(300), 10, 64, 32 * 1024, 64 * 1024,
                    DEFAULT_LINE_TIMEOUT);

    /** Settings with the default line timeout. */
    public TcpPushSettings(String host, int port, int maxLineBytes, Duration idleTimeout, int maxBadLines,
                           int maxInFlight, int writeBufferLowBytes, int writeBufferHighBytes) {
        this(host, port, maxLineBytes, idleTimeout, maxBadLines, maxInFlight, writeBufferLowBytes,
                writeBufferHighBytes, DEFAULT_LINE_TIMEOUT);
    }

    public TcpPushSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        if (maxLineBytes < 1 || maxBadLines < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxLineBytes, maxBadLines and maxInFlight must be positive");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
        if (lineTimeout.isNegative() || lineTimeout.isZero()) {
            throw new IllegalArgumentException("lineTimeout must be positive, was " + lineTimeout);
        }
        if (writeBufferLowBytes < 1 || writeBufferLowBytes > writeBufferHighBytes) {
            throw new IllegalArgumentException("need 0 < writeBufferLowBytes <= writeBufferHighBytes");
        }
    }

    public TcpPushSettings withPort(int port) {
        return new TcpPushSettings(host, port, maxLineBytes, idleTimeout, maxBadLines, maxInFlight,
                writeBufferLowBytes, writeBufferHighBytes, lineTimeout);
    }
}
