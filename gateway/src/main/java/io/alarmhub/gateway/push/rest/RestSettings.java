package io.alarmhub.gateway.push.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * How the RestServer listens.
 *
 * @param host         the address to bind; {@code 0.0.0.0} for every interface
 * @param port         the port to bind; 0 picks a free one
 * @param maxBodyBytes the largest request body accepted; larger ones are answered 413
 * @param idleTimeout  a keep-alive connection that neither reads nor writes for this long is closed
 * @param pageSize     how many aliases one page of {@code /info/allChannelAlias} and
 *                     {@code /info/allSocketIOAlias} holds
 * @param requestTimeout a request must arrive whole (headers and body) within this from its first byte, or
 *                     the connection is closed: the idle timeout alone never closes a client that sends a
 *                     byte a second
 */
public record RestSettings(String host, int port, int maxBodyBytes, Duration idleTimeout, int pageSize,
                           Duration requestTimeout) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public static final RestSettings DEFAULT =
            new RestSettings("0.0.0.0", 9900, 256 * 1024, Duration.ofSeconds(60), 100, DEFAULT_REQUEST_TIMEOUT);

    /** Settings with the default request timeout. */
    public RestSettings(String host, int port, int maxBodyBytes, Duration idleTimeout, int pageSize) {
        this(host, port, maxBodyBytes, idleTimeout, pageSize, DEFAULT_REQUEST_TIMEOUT);
    }

    public RestSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive, was " + pageSize);
        }
    }
}
