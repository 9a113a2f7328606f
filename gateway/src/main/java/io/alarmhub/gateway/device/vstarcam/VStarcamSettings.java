package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.gateway.device.Sections;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the VStarcam listener listens.
 *
 * @param host              the address to bind; {@code 0.0.0.0} for every interface
 * @param port              the port to bind, {@code 9920} by default; 0 picks a free one
 * @param heartbeatPath     where cameras POST their heartbeat ({@code heartbeatServer} points here)
 * @param alarmPath         where cameras POST their alarms ({@code alarmPushMainServer} and
 *                          {@code alarmPushSubServer} point here)
 * @param maxHeartbeatBytes the largest heartbeat body; larger ones are answered 413
 * @param maxPictureBytes   the largest {@code picture} file (also the limit of a file part of another name)
 * @param maxVideoBytes     the largest {@code video} file
 * @param maxRequestBytes   the largest alarm body, all parts and multipart framing together
 * @param uploadDir         where uploads in progress are written, part by part, before the media store
 *                          takes them; files left there by a crash are deleted when the listener starts
 * @param idleTimeout       a connection that neither reads nor writes for this long is closed
 * @param heartbeatTimeout  a camera silent for this long is offline; the intake's sweeper applies it
 *                          (3 × a typical {@code heartbeatTime} of 60 s)
 * @param requestTimeout    a request (headers and body, uploads included) must arrive whole within this from
 *                          its first byte, or the connection is closed: the idle timeout alone never closes
 *                          a client that sends a byte a second
 */
public record VStarcamSettings(String host, int port, String heartbeatPath, String alarmPath, int maxHeartbeatBytes,
                               long maxPictureBytes, long maxVideoBytes, long maxRequestBytes, Path uploadDir,
                               Duration idleTimeout, Duration heartbeatTimeout, Duration requestTimeout) {

    /** Long enough for a 56 MB alarm upload at 1 Mbit/s. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private static final long MIB = 1024 * 1024;

    public static final VStarcamSettings DEFAULT = new VStarcamSettings("0.0.0.0", 9920, "/vstarcam/heartbeat",
            "/vstarcam/alarm", 4 * 1024, 5 * MIB, 50 * MIB, 56 * MIB, Path.of("data", "uploads", "vstarcam"),
            Duration.ofSeconds(60), Duration.ofSeconds(180), DEFAULT_REQUEST_TIMEOUT);

    /** Settings with the default request timeout. */
    public VStarcamSettings(String host, int port, String heartbeatPath, String alarmPath, int maxHeartbeatBytes,
                            long maxPictureBytes, long maxVideoBytes, long maxRequestBytes, Path uploadDir,
                            Duration idleTimeout, Duration heartbeatTimeout) {
        this(host, port, heartbeatPath, alarmPath, maxHeartbeatBytes, maxPictureBytes, maxVideoBytes,
                maxRequestBytes, uploadDir, idleTimeout, heartbeatTimeout, DEFAULT_REQUEST_TIMEOUT);
    }

    /** Messages name the YAML keys of the {@code vstarcam} section, which this record is. */
    public VStarcamSettings {
        Sections.present("host", host);
        Sections.port("port", port);
        requirePath("heartbeat-path", heartbeatPath);
        requirePath("alarm-path", alarmPath);
        if (heartbeatPath.equals(alarmPath)) {
            throw new IllegalArgumentException("heartbeat-path and alarm-path: must differ, both were " + alarmPath);
        }
        Sections.positive("max-heartbeat-bytes", maxHeartbeatBytes);
        Sections.positive("max-picture-bytes", maxPictureBytes);
        Sections.positive("max-video-bytes", maxVideoBytes);
        Sections.positive("max-request-bytes", maxRequestBytes);
        Sections.present("upload-dir", uploadDir);
        Sections.positive("idle-timeout", idleTimeout);
        Sections.positive("heartbeat-timeout", heartbeatTimeout);
        Sections.positive("request-timeout", requestTimeout);
    }

    public VStarcamSettings withPort(int newPort) {
        return new VStarcamSettings(host, newPort, heartbeatPath, alarmPath, maxHeartbeatBytes, maxPictureBytes,
                maxVideoBytes, maxRequestBytes, uploadDir, idleTimeout, heartbeatTimeout,
                requestTimeout);
    }

    public VStarcamSettings withUploadDir(Path dir) {
        return new VStarcamSettings(host, port, heartbeatPath, alarmPath, maxHeartbeatBytes, maxPictureBytes,
                maxVideoBytes, maxRequestBytes, dir, idleTimeout, heartbeatTimeout,
                requestTimeout);
    }

    public VStarcamSettings withTimeouts(Duration idle, Duration request) {
        return new VStarcamSettings(host, port, heartbeatPath, alarmPath, maxHeartbeatBytes, maxPictureBytes,
                maxVideoBytes, maxRequestBytes, uploadDir, idle, heartbeatTimeout, request);
    }

    /** The same settings with other size limits. */
    public VStarcamSettings withLimits(int heartbeatBytes, long pictureBytes, long videoBytes, long requestBytes) {
        return new VStarcamSettings(host, port, heartbeatPath, alarmPath, heartbeatBytes, pictureBytes, videoBytes,
                requestBytes, uploadDir, idleTimeout, heartbeatTimeout,
                requestTimeout);
    }

    private static void requirePath(String key, String path) {
        Sections.present(key, path);
        if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("?")) {
            throw new IllegalArgumentException(key + ": '" + path + "' is not a path like /vstarcam/alarm");
        }
    }
}
