package io.alarmhub.server.config;

import io.alarmhub.gateway.device.Sections;
import java.nio.file.Path;
import java.time.Duration;

import static io.alarmhub.server.config.SectionChecks.hexKey;
import static io.alarmhub.gateway.device.Sections.positive;
import static io.alarmhub.gateway.device.Sections.present;

/**
 * Pictures and clips devices upload, kept under {@code data.dir} and served with expiring signed URLs
 * ({@code media}).
 *
 * @param host          the address the media listener binds; {@code 0.0.0.0} for every interface
 * @param port          the media listener's TCP port; 0 picks a free one
 * @param idleTimeout   a connection quiet this long is closed
 * @param requestTimeout a request must arrive whole within this from its first byte (slow clients); the idle
 *                      timer resets on every byte
 * @param dir           relative to {@code data.dir} unless absolute
 * @param publicUrl     the URL watchers reach the media listener at; empty:
 *                      {@code http://{node.advertised-host}:{port}}
 * @param urlValidity   how long a signed URL opens the file; at least {@code routing.time-to-live} (checked by
 *                      {@link AlarmhubConfig}), so pending alarms keep working
 * @param retention     files older than this are deleted
 * @param maxBytes      past this many bytes, the oldest files are deleted
 * @param key           64 hex characters signing URLs; better from {@code ALARMHUB_MEDIA_KEY}. Empty: generated
 *                      into {@code data.dir/media.key}
 * @param sweepInterval how often retention and the cap are enforced
 */
public record MediaSection(String host, int port, Duration idleTimeout, Duration requestTimeout, Path dir,
                           String publicUrl, Duration urlValidity, Duration retention, long maxBytes, String key,
                           Duration sweepInterval) {

    public static final MediaSection DEFAULT = new MediaSection("0.0.0.0", 9910, Duration.ofSeconds(60),
            Duration.ofSeconds(30), Path.of("media"), "", Duration.ofDays(7), Duration.ofDays(30), 10L * 1024 * 1024 * 1024, "",
            Duration.ofMinutes(10));

    public MediaSection {
        present("host", host);
        Sections.port("port", port);
        positive("idle-timeout", idleTimeout);
        positive("request-timeout", requestTimeout);
        present("dir", dir);
        present("public-url", publicUrl);
        // signed URLs carry whole seconds
        if (positive("url-validity", urlValidity).toSeconds() < 1) {
            throw new IllegalArgumentException("url-validity: " + urlValidity + " must be at least a second");
        }
        positive("retention", retention);
        positive("max-bytes", maxBytes);
        hexKey("key", key, 64);
        positive("sweep-interval", sweepInterval);
    }

    public MediaSection withKey(String key) {
        return new MediaSection(host, port, idleTimeout, requestTimeout, dir, publicUrl, urlValidity, retention,
                maxBytes, key, sweepInterval);
    }

    public MediaSection withPort(int port) {
        return new MediaSection(host, port, idleTimeout, requestTimeout, dir, publicUrl, urlValidity, retention,
                maxBytes, key, sweepInterval);
    }

    /** Leaves the key out: configurations get logged. */
    @Override
    public String toString() {
        return "MediaSection[host=" + host + ", port=" + port + ", idleTimeout=" + idleTimeout
                + ", requestTimeout=" + requestTimeout + ", dir=" + dir
                + ", publicUrl=" + publicUrl + ", urlValidity=" + urlValidity + ", retention=" + retention
                + ", maxBytes=" + maxBytes + ", key=" + (key.isEmpty() ? "" : "(set)")
                + ", sweepInterval=" + sweepInterval + "]";
    }
}
