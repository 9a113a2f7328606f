package io.alarmhub.server.config;

import io.alarmhub.gateway.device.Sections;
import java.time.Duration;

import static io.alarmhub.server.config.SectionChecks.notAbove;
import static io.alarmhub.gateway.device.Sections.positive;
import static io.alarmhub.gateway.device.Sections.present;

/**
 * The WebSocket listener: rooms, intercom and {@code /ws} ({@code websocket}).
 *
 * @param host                 the address to bind; {@code 0.0.0.0} for every interface
 * @param port                 the TCP port; 0 picks a free one
 * @param idleTimeout          a connection quiet this long is closed
 * @param maxFrameBytes        a larger message (fragments joined) closes the connection with 1009
 * @param maxBadFrames         consecutive unreadable {@code /ws} requests after which a connection is closed
 * @param maxInFlight          requests awaiting an answer before the connection is no longer read
 * @param writeBufferLowBytes  queued bytes under which a paused connection is written to again
 * @param writeBufferHighBytes queued bytes past which deliveries to the connection wait in the store
 */
public record WebSocketSection(String host, int port, Duration idleTimeout, int maxFrameBytes, int maxBadFrames,
                               int maxInFlight, int writeBufferLowBytes, int writeBufferHighBytes) {

    public static final WebSocketSection DEFAULT = new WebSocketSection("0.0.0.0", 9000, Duration.ofMinutes(5),
            1024 * 1024, 10, 64, 256 * 1024, 1024 * 1024);

    public WebSocketSection {
        present("host", host);
        Sections.port("port", port);
        positive("idle-timeout", idleTimeout);
        positive("max-frame-bytes", maxFrameBytes);
        positive("max-bad-frames", maxBadFrames);
        positive("max-in-flight", maxInFlight);
        positive("write-buffer-low-bytes", writeBufferLowBytes);
        positive("write-buffer-high-bytes", writeBufferHighBytes);
        notAbove("write-buffer-low-bytes", writeBufferLowBytes, "write-buffer-high-bytes", writeBufferHighBytes);
    }

    public WebSocketSection withPort(int port) {
        return new WebSocketSection(host, port, idleTimeout, maxFrameBytes, maxBadFrames, maxInFlight,
                writeBufferLowBytes, writeBufferHighBytes);
    }
}
