package io.alarmhub.server;

import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.device.Device;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.device.DeviceRegistry;
import io.alarmhub.core.event.AlarmType;
import io.alarmhub.core.event.EventDesk;
import io.alarmhub.core.event.EventSink;
import io.alarmhub.core.event.RoutingRules;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.server.config.AlarmhubConfig;
import io.alarmhub.server.config.ConfigException;
import io.alarmhub.server.config.DevicesSection;
import io.alarmhub.server.config.RoutingSection;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** Builds the device event intake from the configuration and what the store remembers of devices. */
final class DeviceIntake {

    private static final Set<String> KINDS = Set.of("online", "offline", "alarm", "media", "status");
    private static final Set<String> TYPES = Arrays.stream(AlarmType.values()).map(AlarmType::wireName)
            .collect(Collectors.toSet());

    private DeviceIntake() {
    }

    /**
     * The intake over the store's devices and the configured ones.
     *
     * @param known the devices {@link #known} read from the configuration, and {@code rules} its routing rules:
     *              checked by the node before it opened the store, and not read twice
     */
    static EventDesk create(AlarmhubConfig config, Map<DeviceId, DeviceRegistry.Configured> known, RoutingRules rules,
                            PushHub hub, PushStore store, Clock clock, Map<String, Duration> heartbeatTimeouts,
                            List<EventSink> sinks) {
        CompletableFuture<List<Device>> stored = new CompletableFuture<>();
        store.submit(new StoreOp.LoadDevices(stored));
        DeviceRegistry registry = new DeviceRegistry(config.devices().allowUnknown(), known, stored.join());
        return new EventDesk(hub, store, registry, rules, new MessageIds(clock, config.node().id()),
                clock, heartbeatTimeouts, sinks);
    }

    static Map<DeviceId, DeviceRegistry.Configured> known(AlarmhubConfig config) {
        Map<DeviceId, DeviceRegistry.Configured> known = new HashMap<>();
        for (DevicesSection.KnownDevice d : config.devices().known()) {
            check(config.adapters().knows(d.vendor()), "devices.known: vendor must be one of "
                    + config.adapters().vendors() + ", was '" + d.vendor() + "'");
            check(!d.id().isBlank(), "devices.known: every device needs an id");
            known.put(new DeviceId(d.vendor(), d.id()), new DeviceRegistry.Configured(d.name(), d.owners()));
        }
        return known;
    }

    static RoutingRules rules(AlarmhubConfig config) {
        RoutingSection routing = config.routing();
        List<RoutingRules.Rule> rules = routing.rules().stream().map(r -> {
            check(r.vendor().isEmpty() || config.adapters().knows(r.vendor()), "routing.rules: unknown vendor '"
                    + r.vendor() + "' (one of " + config.adapters().vendors() + ")");
            check(r.kind().isEmpty() || KINDS.contains(r.kind()), "routing.rules: kind must be one of " + KINDS);
            String type = r.type().toLowerCase(Locale.ROOT);
            check(type.isEmpty() || TYPES.contains(type), "routing.rules: type must be one of " + TYPES);
            check(!r.topics().isEmpty() || !r.aliases().isEmpty(), "routing.rules: a rule adds topics or aliases");
            return new RoutingRules.Rule(nonEmpty(r.vendor()), nonEmpty(r.kind()), nonEmpty(type), r.topics(),
                    r.aliases());
        }).toList();
        return new RoutingRules(routing.deviceTopic(), routing.owners(), rules, routing.timeToLive());
    }

    private static Optional<String> nonEmpty(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }
}
