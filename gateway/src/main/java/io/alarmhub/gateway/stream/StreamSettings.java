package io.alarmhub.gateway.stream;

import java.time.Duration;

/**
 * The enterprise stream listener's settings.
 *
 * @param host         address to bind; {@code 0.0.0.0} for all interfaces
 * @param port         TCP port (2015 by the protocol); 0 picks a free one
 * @param maxLineBytes longest request line, without its line end
 * @param idleTimeout  a connection that sends nothing for this long is closed (clients ping after 5 minutes
 *                     of silence, so the default is 6 minutes)
 * @param loginTimeout a connection not logged in this long after it was accepted is closed
 */
public record StreamSettings(String host, int port, int maxLineBytes, Duration idleTimeout, Duration loginTimeout) {

    public static final StreamSettings DEFAULT =
            new StreamSettings("0.0.0.0", 2015, 16 * 1024, Duration.ofMinutes(6), Duration.ofSeconds(10));

    public StreamSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || loginTimeout.isNegative() || loginTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout and loginTimeout must be positive");
        }
    }

    public StreamSettings withPort(int port) {
        return new StreamSettings(host, port, maxLineBytes, idleTimeout, loginTimeout);
    }

    public StreamSettings withLoginTimeout(Duration loginTimeout) {
        return new StreamSettings(host, port, maxLineBytes, idleTimeout, loginTimeout);
    }
}
