package io.alarmhub.gateway.push.websocket;

import java.time.Duration;

/**
 * WebSocketServer's listener settings.
 *
 * @param host               address to bind; {@code 0.0.0.0} for all interfaces
 * @param port               TCP port; 0 picks a free one
 * @param maxFrameBytes      largest message, whole: one frame, or all fragments of a fragmented one
 * @param idleTimeout        a connection from which nothing arrives for half of this is pinged, and closed
 *                           when nothing arrives for all of it; a browser answers pings by itself
 * @param maxBadFrames       bad {@code /ws} requests in a row after which the connection is closed
 * @param maxInFlight        {@code /ws} requests of one connection waiting for an answer before the server
 *                           stops reading from it
 * @param writeBufferLowBytes  pending outbound bytes under which a connection takes relayed frames and pushes again
 * @param writeBufferHighBytes pending outbound bytes over which relayed frames to it are dropped and pushes pause
 */
public record WebSocketSettings(String host, int port, int maxFrameBytes, Duration idleTimeout, int maxBadFrames,
                                int maxInFlight, int writeBufferLowBytes, int writeBufferHighBytes) {

    /** Write buffer sized so that a capture picture of a few hundred kilobytes fits while the previous drains. */
    public static final WebSocketSettings DEFAULT = new WebSocketSettings("0.0.0.0", 9000, 1024 * 1024,
            Duration.ofSeconds(300), 10, 64, 256 * 1024, 1024 * 1024);

    public WebSocketSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        if (maxFrameBytes < 1 || maxBadFrames < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxFrameBytes, maxBadFrames and maxInFlight must be positive");
        }
        if (idleTimeout.toMillis() < 2) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
        if (writeBufferLowBytes < 1 || writeBufferLowBytes > writeBufferHighBytes) {
            throw new IllegalArgumentException("need 0 < writeBufferLowBytes <= writeBufferHighBytes");
        }
    }

    public WebSocketSettings withPort(int port) {
        return new WebSocketSettings(host, port, maxFrameBytes, idleTimeout, maxBadFrames, maxInFlight,
                writeBufferLowBytes, writeBufferHighBytes);
    }
}
