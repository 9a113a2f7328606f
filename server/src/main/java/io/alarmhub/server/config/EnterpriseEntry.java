package io.alarmhub.server.config;

import java.time.Duration;
import java.util.List;

import static io.alarmhub.server.config.SectionChecks.list;
import static io.alarmhub.gateway.device.Sections.positive;
import static io.alarmhub.gateway.device.Sections.present;

/**
 * An enterprise back end and the devices whose events it receives (an item of {@code enterprises}). The id's
 * form, the secret hash, and vendors and devices against the registry are checked where the enterprises are
 * built (the server's {@code Enterprises}).
 *
 * @param id         1 to 64 of A-Z a-z 0-9 _ . -
 * @param secretHash from {@code alarmhub enterprise new} or {@code enterprise hash-secret}: the secret itself is
 *                   never configured
 * @param vendors    vendors all of whose devices' events it receives
 * @param devices    vendor/id, e.g. jovision/S35084741
 * @param retention  how long an event waits for the enterprise's acknowledgement
 */
public record EnterpriseEntry(String id, String secretHash, List<String> vendors, List<String> devices,
                              Duration retention) {

    /** What an item leaves out; id and secret hash have to be given. */
    public static final EnterpriseEntry DEFAULT = new EnterpriseEntry("", "", List.of(), List.of(),
            Duration.ofDays(7));

    public EnterpriseEntry {
        present("id", id);
        present("secret-hash", secretHash);
        vendors = list("vendors", vendors);
        devices = list("devices", devices);
        positive("retention", retention);
    }
}
