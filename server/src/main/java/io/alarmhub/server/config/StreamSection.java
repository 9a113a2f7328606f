package io.alarmhub.server.config;

import io.alarmhub.gateway.tls.TlsSection;
import io.alarmhub.gateway.device.Sections;
import java.time.Duration;

import static io.alarmhub.gateway.device.Sections.positive;
import static io.alarmhub.gateway.device.Sections.present;

/**
 * The enterprise event stream: TLS, newline-delimited JSON, acks ({@code stream}; docs/enterprise-stream.md).
 *
 * @param host            the address to bind; {@code 0.0.0.0} for every interface
 * @param port            the TCP port; 0 picks a free one
 * @param idleTimeout     clients ping after 5 quiet minutes, so the default gives them a minute more
 * @param loginTimeout    a connection that has not logged in by then is closed
 * @param maxLineBytes    the longest line
 * @param alarmClearAfter an alarm's clear (value 0) follows its raise (value 1) after this long
 * @param backlogLimit    most unacknowledged events of one enterprise held in memory at once; the rest wait in
 *                        the store
 * @param tls             the listener's certificate
 */
public record StreamSection(String host, int port, Duration idleTimeout, Duration loginTimeout, int maxLineBytes,
                            Duration alarmClearAfter, int backlogLimit, TlsSection tls) {

    public static final StreamSection DEFAULT = new StreamSection("0.0.0.0", 2015, Duration.ofMinutes(6),
            Duration.ofSeconds(10), 16 * 1024, Duration.ofSeconds(60), 100_000, TlsSection.DEFAULT);

    public StreamSection {
        present("host", host);
        Sections.port("port", port);
        positive("idle-timeout", idleTimeout);
        positive("login-timeout", loginTimeout);
        positive("max-line-bytes", maxLineBytes);
        positive("alarm-clear-after", alarmClearAfter);
        positive("backlog-limit", backlogLimit);
        present("tls", tls);
    }

    public StreamSection withTls(TlsSection tls) {
        return new StreamSection(host, port, idleTimeout, loginTimeout, maxLineBytes, alarmClearAfter, backlogLimit,
                tls);
    }

    public StreamSection withPort(int port) {
        return new StreamSection(host, port, idleTimeout, loginTimeout, maxLineBytes, alarmClearAfter, backlogLimit,
                tls);
    }
}
