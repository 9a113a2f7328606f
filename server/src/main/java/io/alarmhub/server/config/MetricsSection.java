package io.alarmhub.server.config;

import io.alarmhub.gateway.device.Sections;
import static io.alarmhub.gateway.device.Sections.present;

/**
 * The Prometheus endpoint ({@code metrics}).
 *
 * @param host loopback by default: metrics are for the operator's scraper, not the world
 * @param port serves Prometheus text at {@code /metrics}; 0 turns it off (unlike the listeners, where 0 picks
 *             a free port)
 */
public record MetricsSection(String host, int port) {

    public static final MetricsSection DEFAULT = new MetricsSection("127.0.0.1", 9464);

    public MetricsSection {
        present("host", host);
        Sections.port("port", port);
    }

    /** Whether the endpoint is served at all. */
    public boolean enabled() {
        return port != 0;
    }
}
