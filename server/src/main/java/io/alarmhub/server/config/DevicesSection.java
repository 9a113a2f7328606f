package io.alarmhub.server.config;

import java.time.Duration;
import java.util.List;

import static io.alarmhub.server.config.SectionChecks.list;
import static io.alarmhub.gateway.device.Sections.positive;
import static io.alarmhub.gateway.device.Sections.present;

/**
 * Which devices may connect, and who owns them ({@code devices}).
 *
 * @param allowUnknown   false: only the devices listed under {@code known} (and those already stored) are accepted
 * @param known          devices configured by the operator
 * @param sweepInterval  how often devices silent past their heartbeat timeout are looked for
 * @param eventRetention how long a device's events (its history) stay in the store; purged every
 *                       {@code push.purge-interval}
 * @param reportRetention how long what devices report over time (people counts, daily statistics) stays in the
 *                        store, longer than events, so that a year can be compared with the last; purged every
 *                        {@code push.purge-interval}
 */
public record DevicesSection(boolean allowUnknown, List<KnownDevice> known, Duration sweepInterval,
                             Duration eventRetention, Duration reportRetention) {

    public static final DevicesSection DEFAULT = new DevicesSection(true, List.of(), Duration.ofSeconds(10),
            Duration.ofDays(30), Duration.ofDays(400));

    public DevicesSection {
        known = list("known", known);
        positive("sweep-interval", sweepInterval);
        positive("event-retention", eventRetention);
        positive("report-retention", reportRetention);
    }

    /**
     * A device listed under {@code devices.known}. Whether its vendor is registered is checked where the
     * registry is at hand (the server's device intake), not here.
     *
     * @param vendor a registered vendor id (see DeviceAdapterRegistry)
     * @param id     the vendor's device id: a CloudSEE number (dguid) or a VStarcam vuid
     * @param name   what people call it
     * @param owners aliases that receive the device's events
     */
    public record KnownDevice(String vendor, String id, String name, List<String> owners) {

        /** What an item leaves out; vendor and id have to be given. */
        public static final KnownDevice DEFAULT = new KnownDevice("", "", "", List.of());

        public KnownDevice {
            present("vendor", vendor);
            present("id", id);
            present("name", name);
            owners = list("owners", owners);
        }
    }
}
