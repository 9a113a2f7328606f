package io.alarmhub.server.config;

import io.alarmhub.gateway.device.Sections;
import java.time.Duration;

import static io.alarmhub.gateway.device.Sections.positive;
import static io.alarmhub.gateway.device.Sections.present;

/**
 * The REST listener ({@code rest}).
 *
 * @param host           the address to bind; {@code 0.0.0.0} for every interface
 * @param port           the TCP port; 0 picks a free one
 * @param idleTimeout    a connection quiet this long is closed
 * @param maxBodyBytes   the largest request body
 * @param pageSize       aliases per page of {@code /info/allChannelAlias} and {@code /info/allSocketIOAlias}
 * @param requestTimeout a request must arrive whole within this from its first byte (slow clients); the idle
 *                       timer resets on every byte
 */
public record RestSection(String host, int port, Duration idleTimeout, int maxBodyBytes, int pageSize,
                          Duration requestTimeout) {

    public static final RestSection DEFAULT = new RestSection("0.0.0.0", 9900, Duration.ofSeconds(60), 256 * 1024,
            100, Duration.ofSeconds(30));

    public RestSection {
        present("host", host);
        Sections.port("port", port);
        positive("idle-timeout", idleTimeout);
        positive("max-body-bytes", maxBodyBytes);
        positive("page-size", pageSize);
        positive("request-timeout", requestTimeout);
    }

    public RestSection withPort(int port) {
        return new RestSection(host, port, idleTimeout, maxBodyBytes, pageSize, requestTimeout);
    }
}
