package io.alarmhub.core.event;

import io.alarmhub.core.device.Device;
import io.alarmhub.core.message.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who receives a device's events. By default every event goes to the device's own topic
 * ({@code {vendor}/{device}}) and to the device's owner aliases; each rule whose conditions all match adds
 * its topics and aliases. Topic names are templates: {@code {vendor}}, {@code {device}}, {@code {kind}},
 * {@code {type}} (an alarm's or an alarm end's normalized type; {@code none} for other events).
 *
 * @param deviceTopic the per-device topic template; empty: no per-device topic
 * @param owners      whether the device's owner aliases receive its events
 * @param timeToLive  how long a pushed event waits for an offline watcher
 */
public record RoutingRules(String deviceTopic, boolean owners, List<Rule> rules, Duration timeToLive) {

    public static final RoutingRules DEFAULT = new RoutingRules("{vendor}/{device}", true, List.of(),
            Duration.ofDays(1));

    public RoutingRules {
        Objects.requireNonNull(deviceTopic, "deviceTopic");
        rules = List.copyOf(rules);
    }

    /**
     * One rule: empty conditions match everything.
     *
     * @param vendor a vendor name
     * @param kind   an event kind ({@code online}, {@code offline}, {@code alarm}, {@code alarm_end}, {@code media},
     *               {@code status})
     * @param type   a normalized alarm type ({@code motion}, {@code doorbell}, …)
     */
    public record Rule(Optional<String> vendor, Optional<String> kind, Optional<String> type, List<String> topics,
                       List<String> aliases) {
        public Rule {
            topics = List.copyOf(topics);
            aliases = List.copyOf(aliases);
        }

        boolean matches(DeviceEvent event) {
            return vendor.map(event.device().vendor()::equals).orElse(true)
                    && kind.map(event.kind()::equals).orElse(true)
                    && type.map(typeOf(event)::equals).orElse(true);
        }
    }

    /** The receivers of one event of one device; empty names when nobody is to receive it. */
    public Target.Route route(DeviceEvent event, Device device) {
        Set<String> topics = new LinkedHashSet<>();
        Set<String> aliases = new LinkedHashSet<>();
        if (!deviceTopic.isEmpty()) {
            topics.add(expand(deviceTopic, event));
        }
        if (owners) {
            aliases.addAll(device.owners());
        }
        for (Rule rule : rules) {
            if (rule.matches(event)) {
                rule.topics().forEach(t -> topics.add(expand(t, event)));
                aliases.addAll(rule.aliases());
            }
        }
        return new Target.Route(new ArrayList<>(topics), new ArrayList<>(aliases));
    }

    private static String expand(String template, DeviceEvent event) {
        return template.replace("{vendor}", event.device().vendor())
                .replace("{device}", event.device().id())
                .replace("{kind}", event.kind())
                .replace("{type}", typeOf(event));
    }

    /** An alarm's type; an alarm's end has its alarm's, so that a rule by type routes both alike. */
    private static String typeOf(DeviceEvent event) {
        if (event instanceof DeviceEvent.AlarmEnd end) {
            return end.type().wireName();
        }
        return event instanceof DeviceEvent.Alarm alarm ? alarm.type().wireName() : "none";
    }
}
