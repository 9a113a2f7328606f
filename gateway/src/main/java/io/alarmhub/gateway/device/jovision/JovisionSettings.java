package io.alarmhub.gateway.device.jovision;

import io.alarmhub.gateway.device.Sections;

import java.time.Duration;

/**
 * How the Jovision CloudSEE alarm server listens.
 *
 * @param host             the address to bind; {@code 0.0.0.0} for every interface
 * @param port             the TCP port; 12008 is what the devices use, 0 picks a free one
 * @param maxLineBytes     the longest message line, without its line end; a longer one is refused unread
 * @param heartbeatTimeout a connection that sends nothing (not even a 2203 heartbeat) for this long is
 *                         taken as the device gone offline and is closed
 * @param maxBadLines      lines in a row that cannot be answered (not JSON, no {@code mt}/{@code mid})
 *                         after which the connection is closed
 * @param mediaUrlTemplate where the pictures and clips of the FTP (2221) and cloud (2223) schemes are
 *                         fetched from, built from {@code {dguid}}, {@code {ats}}, {@code {dcn}},
 *                         {@code {ext}} ({@code jpg} or {@code mp4}) and {@code {name}} (the device's file
 *                         name, {@code {ats}.{ext}} when it sent none); see {@link JovisionMediaUrls}
 * @param lineTimeout      a new connection's first line, and every line from its first byte, must be complete
 *                         within this, or the connection is closed (silent or byte-a-second connections)
 */
public record JovisionSettings(String host, int port, int maxLineBytes, Duration heartbeatTimeout, int maxBadLines,
                               String mediaUrlTemplate, Duration lineTimeout) {

    public static final Duration DEFAULT_LINE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The template until an operator sets one: a URL whose scheme says it is not configured and whose host
     * names the setting, so that a watcher who sees it (and an operator who reads it in a push) knows at
     * once what to do, and no client mistakes it for a real server. The listener warns at start while it
     * is in use.
     */
    public static final String UNCONFIGURED_MEDIA_URL_TEMPLATE =
            "unconfigured://jovision-media-url-template/{dguid}/{ats}.{ext}";

    public static final JovisionSettings DEFAULT = new JovisionSettings("0.0.0.0", 12008, 16 * 1024,
            Duration.ofSeconds(180), 10, UNCONFIGURED_MEDIA_URL_TEMPLATE, DEFAULT_LINE_TIMEOUT);

    /** Settings with the default line timeout. */
    public JovisionSettings(String host, int port, int maxLineBytes, Duration heartbeatTimeout, int maxBadLines,
                            String mediaUrlTemplate) {
        this(host, port, maxLineBytes, heartbeatTimeout, maxBadLines, mediaUrlTemplate, DEFAULT_LINE_TIMEOUT);
    }

    /** Messages name the YAML keys of the {@code jovision} section, which this record is. */
    public JovisionSettings {
        Sections.present("host", host);
        Sections.port("port", port);
        Sections.positive("max-line-bytes", maxLineBytes);
        Sections.positive("heartbeat-timeout", heartbeatTimeout);
        Sections.positive("max-bad-lines", maxBadLines);
        JovisionMediaUrls.validate(Sections.present("media-url-template", mediaUrlTemplate));
        Sections.positive("line-timeout", lineTimeout);
    }

    /** False while the media URL template is still {@link #UNCONFIGURED_MEDIA_URL_TEMPLATE}. */
    public boolean mediaUrlConfigured() {
        return !mediaUrlTemplate.equals(UNCONFIGURED_MEDIA_URL_TEMPLATE);
    }

    public JovisionSettings withHost(String host) {
        return new JovisionSettings(host, port, maxLineBytes, heartbeatTimeout, maxBadLines, mediaUrlTemplate,
                lineTimeout);
    }

    public JovisionSettings withPort(int port) {
        return new JovisionSettings(host, port, maxLineBytes, heartbeatTimeout, maxBadLines, mediaUrlTemplate,
                lineTimeout);
    }

    public JovisionSettings withHeartbeatTimeout(Duration heartbeatTimeout) {
        return new JovisionSettings(host, port, maxLineBytes, heartbeatTimeout, maxBadLines, mediaUrlTemplate,
                lineTimeout);
    }

    public JovisionSettings withMaxBadLines(int maxBadLines) {
        return new JovisionSettings(host, port, maxLineBytes, heartbeatTimeout, maxBadLines, mediaUrlTemplate,
                lineTimeout);
    }

    public JovisionSettings withMediaUrlTemplate(String mediaUrlTemplate) {
        return new JovisionSettings(host, port, maxLineBytes, heartbeatTimeout, maxBadLines, mediaUrlTemplate,
                lineTimeout);
    }

    public JovisionSettings withLineTimeout(Duration lineTimeout) {
        return new JovisionSettings(host, port, maxLineBytes, heartbeatTimeout, maxBadLines, mediaUrlTemplate,
                lineTimeout);
    }
}
