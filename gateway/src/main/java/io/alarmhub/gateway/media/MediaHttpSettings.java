package io.alarmhub.gateway.media;

import java.time.Duration;
import java.util.Objects;

/**
 * How the media listener listens.
 *
 * @param host           the address to bind; {@code 0.0.0.0} for every interface
 * @param port           the port to bind; 0 picks a free one
 * @param idleTimeout    a connection that neither reads nor makes progress writing for this long is closed; a
 *                       slow download that still moves is not idle
 * @param requestTimeout a request must arrive whole within this from its first byte (the idle timer resets
 *                       on every byte, so it alone cannot stop a client that sends a byte a second)
 */
public record MediaHttpSettings(String host, int port, Duration idleTimeout, Duration requestTimeout) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public static final MediaHttpSettings DEFAULT = new MediaHttpSettings("0.0.0.0", 9910, Duration.ofSeconds(60));

    public MediaHttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
    }

    /** Settings with the default request timeout. */
    public MediaHttpSettings(String host, int port, Duration idleTimeout) {
        this(host, port, idleTimeout, DEFAULT_REQUEST_TIMEOUT);
    }
}
