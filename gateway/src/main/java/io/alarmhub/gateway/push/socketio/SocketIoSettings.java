package io.alarmhub.gateway.push.socketio;

import java.time.Duration;
import java.util.Objects;

/**
 * How the SocketIoServer face listens. The server module fills it from YAML; {@link #DEFAULT} holds the
 * values a node starts with when nothing is configured.
 *
 * @param host              address to bind, {@code 0.0.0.0} for every interface
 * @param port              port to bind (the protocol's 9906); 0 picks a free one
 * @param pingInterval      how often Engine.IO pings (the server for Engine.IO 4 clients, the client for 3)
 * @param pingTimeout       how long past a missed ping a connection is given before it is closed: the
 *                          idle timeout of every connection
 * @param firstDataTimeout  how long a new TCP connection may stay silent before its handshake
 * @param maxFramePayload   largest WebSocket frame a client may send, in bytes; a larger one closes the connection
 * @param maxHttpContent    largest HTTP request body (long-polling transport), in bytes
 * @param workerThreads     netty-socketio's own I/O threads; 0 for Netty's default (twice the cores)
 * @param writeBufferHigh   bytes queued on a connection before it counts as slow: pushes to it pause
 *                          (they wait in the store) and its requests are not read until it drains to half this
 * @param maxQueuedPackets  packets waiting for a long-polling client's next poll before pushes to it pause;
 *                          keep it well under 50: netty-socketio 2.0.13 answers a poll with at most 50
 *                          packets and drops the 51st
 * @param maxInFlight       requests of one connection awaiting the store at once; more are refused
 */
public record SocketIoSettings(String host, int port, Duration pingInterval, Duration pingTimeout,
                               Duration firstDataTimeout, int maxFramePayload, int maxHttpContent,
                               int workerThreads, int writeBufferHigh, int maxQueuedPackets, int maxInFlight) {

    public static final SocketIoSettings DEFAULT = new SocketIoSettings("0.0.0.0", 9906,
            Duration.ofSeconds(25), Duration.ofSeconds(20), Duration.ofSeconds(5),
            256 * 1024, 256 * 1024, 0, 256 * 1024, 32, 64);

    public SocketIoSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        requirePositive("pingInterval", pingInterval);
        requirePositive("pingTimeout", pingTimeout);
        requirePositive("firstDataTimeout", firstDataTimeout);
        requirePositive("maxFramePayload", maxFramePayload);
        requirePositive("maxHttpContent", maxHttpContent);
        requirePositive("writeBufferHigh", writeBufferHigh);
        requirePositive("maxQueuedPackets", maxQueuedPackets);
        requirePositive("maxInFlight", maxInFlight);
        if (workerThreads < 0) {
            throw new IllegalArgumentException("workerThreads must be 0 or more, was " + workerThreads);
        }
    }

    public SocketIoSettings withPort(int port) {
        return new SocketIoSettings(host, port, pingInterval, pingTimeout, firstDataTimeout, maxFramePayload,
                maxHttpContent, workerThreads, writeBufferHigh, maxQueuedPackets, maxInFlight);
    }

    public SocketIoSettings withHost(String host) {
        return new SocketIoSettings(host, port, pingInterval, pingTimeout, firstDataTimeout, maxFramePayload,
                maxHttpContent, workerThreads, writeBufferHigh, maxQueuedPackets, maxInFlight);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative() || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a positive number of milliseconds, was " + value);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
