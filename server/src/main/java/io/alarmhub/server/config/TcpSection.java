package io.alarmhub.server.config;

import io.alarmhub.gateway.device.Sections;
import java.time.Duration;

import static io.alarmhub.server.config.SectionChecks.notAbove;
import static io.alarmhub.gateway.device.Sections.positive;
import static io.alarmhub.gateway.device.Sections.present;

/**
 * The push listener of newline-terminated JSON ({@code tcp}).
 *
 * @param host                 the address to bind; {@code 0.0.0.0} for every interface
 * @param port                 the TCP port; 0 picks a free one
 * @param idleTimeout          no line for this long closes the connection (clients send heartbeats)
 * @param maxLineBytes         the longest line
 * @param maxBadLines          consecutive unreadable lines after which a connection is closed
 * @param maxInFlight          requests read but not yet answered; past this, the connection is not read until
 *                             answers go out
 * @param writeBufferLowBytes  queued bytes under which a paused connection is written to again
 * @param writeBufferHighBytes queued bytes past which deliveries to the connection wait in the store
 * @param lineTimeout          a new connection's first line, and every line from its first byte, must be
 *                             complete within this
 */
public record TcpSection(String host, int port, Duration idleTimeout, int maxLineBytes, int maxBadLines,
                         int maxInFlight, int writeBufferLowBytes, int writeBufferHighBytes, Duration lineTimeout) {

    public static final TcpSection DEFAULT = new TcpSection("0.0.0.0", 9800, Duration.ofMinutes(5), 64 * 1024, 10,
            64, 32 * 1024, 64 * 1024, Duration.ofSeconds(30));

    public TcpSection {
        present("host", host);
        Sections.port("port", port);
        positive("idle-timeout", idleTimeout);
        positive("max-line-bytes", maxLineBytes);
        positive("max-bad-lines", maxBadLines);
        positive("max-in-flight", maxInFlight);
        positive("write-buffer-low-bytes", writeBufferLowBytes);
        positive("write-buffer-high-bytes", writeBufferHighBytes);
        notAbove("write-buffer-low-bytes", writeBufferLowBytes, "write-buffer-high-bytes", writeBufferHighBytes);
        positive("line-timeout", lineTimeout);
    }

    public TcpSection withPort(int port) {
        return new TcpSection(host, port, idleTimeout, maxLineBytes, maxBadLines, maxInFlight, writeBufferLowBytes,
                writeBufferHighBytes, lineTimeout);
    }
}
