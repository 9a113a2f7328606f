package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.gateway.device.Sections;

import java.time.Duration;

/**
 * How live view listens ({@code hemu.live}).
 *
 * @param host                 the address the {@code hemu-live} listener binds; {@code 0.0.0.0} for every interface
 * @param port                 its port; 0 picks a free one
 * @param idleTimeout          a connection that neither reads nor moves a write for this long is closed: a viewer
 *                             that stopped reading, or one whose camera sends nothing
 * @param requestTimeout       a viewer's request must arrive whole within this from its first byte
 * @param maxViewersPerCamera  viewers of one camera at once; past it, 503
 * @param maxViewers           viewers of all cameras on this node at once; past it, 503
 * @param urlValidity          how long a URL from {@code POST /hemu/live} can be used to connect
 * @param writeBufferLowBytes  a viewer's pending bytes under which its connection takes frames again
 * @param writeBufferHighBytes a viewer's pending bytes over which it skips GOPs
 */
public record LiveSettings(String host, int port, Duration idleTimeout, Duration requestTimeout,
                           int maxViewersPerCamera, int maxViewers, Duration urlValidity,
                           int writeBufferLowBytes, int writeBufferHighBytes) {

    /**
     * Port 9930, not 9920, which is VStarcam's. The watermarks: 1 MiB is about 4 s of a 2 Mbit/s camera, enough
     * to ride out a short stall of a viewer's network without losing a GOP, and it bounds a viewer that stops
     * reading to that plus one frame; at 256 KiB the connection has drained most of it, so that it does not flap
     * between ready and not ready on every frame (it resumes at the next keyframe anyway).
     */
    public static final LiveSettings DEFAULT = new LiveSettings("0.0.0.0", 9930, Duration.ofSeconds(60),
            Duration.ofSeconds(10), 16, 500, Duration.ofMinutes(10), 256 * 1024, 1024 * 1024);

    /** Messages name the YAML keys, under {@code live}. */
    public LiveSettings {
        Sections.present("live.host", host);
        Sections.port("live.port", port);
        Sections.positive("live.idle-timeout", idleTimeout);
        Sections.positive("live.request-timeout", requestTimeout);
        Sections.positive("live.max-viewers-per-camera", maxViewersPerCamera);
        Sections.positive("live.max-viewers", maxViewers);
        Sections.positive("live.url-validity", urlValidity);
        Sections.positive("live.write-buffer-low-bytes", writeBufferLowBytes);
        if (writeBufferHighBytes < writeBufferLowBytes) {
            throw new IllegalArgumentException("live.write-buffer-high-bytes: " + writeBufferHighBytes
                    + " must be at least live.write-buffer-low-bytes (" + writeBufferLowBytes + ")");
        }
    }

    public LiveSettings withPort(int port) {
        return new LiveSettings(host, port, idleTimeout, requestTimeout, maxViewersPerCamera, maxViewers,
                urlValidity, writeBufferLowBytes, writeBufferHighBytes);
    }
}
