package io.alarmhub.server.config;

import io.alarmhub.gateway.device.Sections;
import java.time.Duration;

import static io.alarmhub.server.config.SectionChecks.notNegative;
import static io.alarmhub.gateway.device.Sections.positive;
import static io.alarmhub.gateway.device.Sections.present;

/**
 * The Socket.IO listener ({@code socketio}). Its idle timeout is its ping timeout: a client that misses a ping
 * by that long is closed.
 *
 * @param host                  the address to bind; {@code 0.0.0.0} for every interface
 * @param port                  the TCP port; 0 picks a free one
 * @param pingInterval          how often clients are pinged
 * @param pingTimeout           a client missing a ping by this long is closed
 * @param firstDataTimeout      a new connection silent this long before its handshake is closed
 * @param maxFramePayloadBytes  the largest WebSocket frame
 * @param maxHttpContentBytes   the largest long-polling request body
 * @param workerThreads         netty-socketio's own I/O threads; 0: twice the cores
 * @param writeBufferHighBytes  past this many queued bytes, pushes to a connection pause and its requests are
 *                              not read
 * @param maxQueuedPackets      packets waiting for a long-polling client's next poll before pushes to it pause;
 *                              under 50, since netty-socketio sends at most 50 per poll and drops the rest
 * @param maxInFlight           requests of one connection awaiting the store at once; more are refused
 */
public record SocketIoSection(String host, int port, Duration pingInterval, Duration pingTimeout,
                              Duration firstDataTimeout, int maxFramePayloadBytes, int maxHttpContentBytes,
                              int workerThreads, int writeBufferHighBytes, int maxQueuedPackets, int maxInFlight) {

    /** netty-socketio's most packets per poll. */
    static final int PACKETS_PER_POLL = 50;

    public static final SocketIoSection DEFAULT = new SocketIoSection("0.0.0.0", 9906, Duration.ofSeconds(25),
            Duration.ofSeconds(20), Duration.ofSeconds(5), 256 * 1024, 256 * 1024, 0, 256 * 1024, 32, 64);

    public SocketIoSection {
        present("host", host);
        Sections.port("port", port);
        positive("ping-interval", pingInterval);
        positive("ping-timeout", pingTimeout);
        positive("first-data-timeout", firstDataTimeout);
        positive("max-frame-payload-bytes", maxFramePayloadBytes);
        positive("max-http-content-bytes", maxHttpContentBytes);
        notNegative("worker-threads", workerThreads);
        positive("write-buffer-high-bytes", writeBufferHighBytes);
        positive("max-queued-packets", maxQueuedPackets);
        if (maxQueuedPackets >= PACKETS_PER_POLL) {
            throw new IllegalArgumentException("max-queued-packets: " + maxQueuedPackets + " must stay under "
                    + PACKETS_PER_POLL);
        }
        positive("max-in-flight", maxInFlight);
    }

    public SocketIoSection withPort(int port) {
        return new SocketIoSection(host, port, pingInterval, pingTimeout, firstDataTimeout, maxFramePayloadBytes,
                maxHttpContentBytes, workerThreads, writeBufferHighBytes, maxQueuedPackets, maxInFlight);
    }
}
