package io.alarmhub.server.config;

import java.time.Duration;
import java.util.List;

import static io.alarmhub.server.config.SectionChecks.list;
import static io.alarmhub.gateway.device.Sections.positive;
import static io.alarmhub.gateway.device.Sections.present;

/**
 * Who receives device events ({@code routing}; see docs/device-events.md).
 *
 * @param deviceTopic topic every event of a device goes to; {@code {vendor}} and {@code {device}} are filled
 *                    in. Empty: none
 * @param owners      whether a device's owners receive its events
 * @param timeToLive  how long a pushed event waits for an offline watcher
 * @param rules       more topics and aliases for the events that match them
 */
public record RoutingSection(String deviceTopic, boolean owners, Duration timeToLive, List<Rule> rules) {

    public static final RoutingSection DEFAULT = new RoutingSection("{vendor}/{device}", true, Duration.ofDays(1),
            List.of());

    public RoutingSection {
        present("device-topic", deviceTopic);
        positive("time-to-live", timeToLive);
        rules = list("rules", rules);
    }

    /**
     * Adds topics and aliases for the events that match every condition given (empty: any). Vendors, kinds and
     * types are checked against the registry where it is at hand (the server's device intake).
     *
     * @param vendor  a registered vendor id
     * @param kind    online, offline, alarm, media or status
     * @param type    a normalized alarm type: motion, sound, humanoid, face, doorbell, smoke, fire, baby_crying, ...
     * @param topics  topics the matching events also go to
     * @param aliases aliases the matching events also go to
     */
    public record Rule(String vendor, String kind, String type, List<String> topics, List<String> aliases) {

        /** What a rule leaves out. */
        public static final Rule DEFAULT = new Rule("", "", "", List.of(), List.of());

        public Rule {
            present("vendor", vendor);
            present("kind", kind);
            present("type", type);
            topics = list("topics", topics);
            aliases = list("aliases", aliases);
        }
    }
}
