package io.alarmhub.server.config;

import static io.alarmhub.server.config.SectionChecks.notNegative;
import static io.alarmhub.gateway.device.Sections.present;
import static io.alarmhub.server.config.SectionChecks.within;

/**
 * This node's identity ({@code node}).
 *
 * @param id             0..1023, part of every message id; distinct per node of a cluster
 * @param advertisedHost the host that {@code /info} and {@code /info/servers} name; empty: this machine's first
 *                       non-loopback address
 * @param ioThreads      Netty I/O threads; 0: one per core
 */
public record NodeSection(int id, String advertisedHost, int ioThreads) {

    public static final NodeSection DEFAULT = new NodeSection(0, "", 0);

    /** Message ids give the node 10 bits, hence the range of {@code id}. */
    public NodeSection {
        within("id", id, 0, 1023);
        present("advertised-host", advertisedHost);
        notNegative("io-threads", ioThreads);
    }

    public NodeSection withAdvertisedHost(String advertisedHost) {
        return new NodeSection(id, advertisedHost, ioThreads);
    }
}
