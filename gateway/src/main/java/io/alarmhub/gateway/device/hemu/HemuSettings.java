package io.alarmhub.gateway.device.hemu;

import io.alarmhub.gateway.device.Sections;
import io.alarmhub.gateway.tls.TlsSection;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code hemu} section: the platform's OpenAPI listener, where the HEDGW signalling gateway is said to
 * be, and the manufacturers whose cameras may register.
 *
 * @param host            the address the OpenAPI binds; {@code 0.0.0.0} for every interface
 * @param port            the OpenAPI's HTTPS port, {@code 8443} by default; 0 picks a free one
 * @param tls             the OpenAPI's certificate; with none, the node's self-signed one ({@code data.dir/tls})
 * @param hedgwHost       the HEDGW address cameras are told ({@code serverAddr}); empty: the node's advertised host
 * @param hedgwPort       the HEDGW's port, which it listens on (at {@code host}) and cameras are told
 *                        ({@code serverPort}); 0 picks a free one
 * @param livePort        live view's port (HTTP-FLV and WebSocket-FLV, at {@code host}), 9930 by default (9920 is
 *                        VStarcam's); 0 picks a free one
 * @param manufacturers   the manufacturers whose cameras may register, with their models
 * @param maxBodyBytes    the largest request body; larger ones are refused 413 before they are read
 * @param idleTimeout     a connection quiet this long with no answer owed is closed
 * @param requestTimeout  a request must arrive whole within this from its first byte
 * @param nonceCapacity   how many WSSE nonces are remembered at once (each for 5 minutes after its
 *                        {@code Created}); past it, requests are refused 503 rather than forgetting one early
 * @param grantValidity   how long a registration token ({@code userToken}) an app asked for stays usable
 * @param bindingValidity how long a wired binding an app started waits for its camera to ask
 * @param hedgw           the HEDGW signalling gateway's own settings ({@code hedgw-*} keys)
 * @param operatorApps    the app ids (of {@code tokens.apps}) whose REST tokens may use the operators' routes,
 *                        {@code /hemu/admin/…}: plans, firmware. None by default: an app back end is not an operator
 * @param commands        apps' commands to cameras
 * @param thumbnails      the thumbnails cameras are asked for
 * @param firmware        firmware packages and rollouts
 * @param video           cameras' video: rings, live viewers, recording
 */
public record HemuSettings(String host, int port, TlsSection tls, String hedgwHost, int hedgwPort, int livePort,
                           List<ManufacturerEntry> manufacturers, int maxBodyBytes, Duration idleTimeout,
                           Duration requestTimeout, int nonceCapacity, Duration grantValidity,
                           Duration bindingValidity, HedgwSettings hedgw, List<String> operatorApps,
                           CommandSettings commands, ThumbnailSettings thumbnails, FirmwareSettings firmware,
                           VideoSection video) {

    public static final HemuSettings DEFAULT = new HemuSettings("0.0.0.0", 8443, TlsSection.DEFAULT, "", 50922, 9930,
            List.of(), 64 * 1024, Duration.ofSeconds(60), Duration.ofSeconds(30), 100_000, Duration.ofMinutes(30),
            Duration.ofMinutes(10), HedgwSettings.DEFAULT, List.of(), CommandSettings.DEFAULT,
            ThumbnailSettings.DEFAULT, FirmwareSettings.DEFAULT, VideoSection.DEFAULT);

    /** Messages name the YAML keys of the {@code hemu} section, which this record is. */
    public HemuSettings {
        Sections.present("host", host);
        Sections.port("port", port);
        Sections.present("tls", tls);
        Sections.present("hedgw-host", hedgwHost);
        Sections.port("hedgw-port", hedgwPort);
        Sections.port("live-port", livePort);
        manufacturers = List.copyOf(Sections.present("manufacturers", manufacturers));
        Sections.positive("max-body-bytes", maxBodyBytes);
        Sections.positive("idle-timeout", idleTimeout);
        Sections.positive("request-timeout", requestTimeout);
        Sections.positive("nonce-capacity", nonceCapacity);
        Sections.positive("grant-validity", grantValidity);
        Sections.positive("binding-validity", bindingValidity);
        Sections.present("hedgw", hedgw);
        operatorApps = List.copyOf(Sections.present("operator-apps", operatorApps));
        Sections.present("commands", commands);
        Sections.present("thumbnails", thumbnails);
        Sections.present("firmware", firmware);
        Sections.present("video", video);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < manufacturers.size(); i++) {
            String key = manufacturers.get(i).accessKey();
            if (!keys.add(key)) {
                throw new IllegalArgumentException("manufacturers[" + i + "].access-key: " + key
                        + " is given twice");
            }
        }
    }
}
