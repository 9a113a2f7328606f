package io.alarmhub.core.device;

import io.alarmhub.core.event.DeviceEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The devices this node knows, in memory, loaded from the store at start and kept in step with each
 * stored event. Configured devices (name, owners) override what the store remembers of them.
 */
public final class DeviceRegistry {

    private static final Logger log = LoggerFactory.getLogger(DeviceRegistry.class);

    /** A device named in the configuration. */
    public record Configured(String name, List<String> owners) {
        public Configured {
            owners = List.copyOf(owners);
        }
    }

    private final boolean allowUnknown;
    private final Map<DeviceId, Configured> configured;
    private final Map<DeviceId, Device> devices = new ConcurrentHashMap<>();

    /**
     * @param allowUnknown whether a device met for the first time registers itself; false: only configured
     *                     and already stored devices are accepted (an allowlist)
     * @param stored       the devices the store knows
     */
    public DeviceRegistry(boolean allowUnknown, Map<DeviceId, Configured> configured, Collection<Device> stored) {
        this.allowUnknown = allowUnknown;
        this.configured = Map.copyOf(configured);
        stored.forEach(d -> devices.put(d.id(), withConfiguration(d)));
        configured.keySet().forEach(id -> devices.computeIfAbsent(id, i -> withConfiguration(Device.unknown(i, List.of()))));
    }

    /** The device's current state; throws {@link DeviceRefusedException} for an unknown device when they are refused. */
    public Device admit(DeviceId id) {
        Device known = devices.get(id);
        if (known != null) {
            return known;
        }
        if (!allowUnknown) {
            throw new DeviceRefusedException(id);
        }
        return Device.unknown(id, List.of());
    }

    public Optional<Device> find(DeviceId id) {
        return Optional.ofNullable(devices.get(id));
    }

    public boolean online(DeviceId id) {
        Device device = devices.get(id);
        return device != null && device.online();
    }

    public Collection<Device> all() {
        return List.copyOf(devices.values());
    }

    /** Records the state a stored event left its device in; a device stored for the first time is logged. */
    public void update(Device device) {
        if (devices.put(device.id(), device) == null) {
            // Once per device and server lifetime: the operator sees what registered itself, and how to own it.
            log.info("new device {}{} registered itself; {}", device.id(),
                    device.name().isEmpty() ? "" : " (" + device.name() + ")",
                    device.owners().isEmpty() ? "it has no owners until devices.known names some"
                            : "owners " + String.join(", ", device.owners()));
        }
    }

    /**
     * The device's state after an event received at {@code now}. A name the device gives replaces the one
     * remembered, unless the configuration names the device: the operator's name wins everywhere the
     * resulting state goes (the pushed event, the stream, the stored history).
     */
    public Device after(Device device, DeviceEvent event, Instant now) {
        String name = configuredName(device.id()).or(() -> givenName(event)).orElse(device.name());
        boolean online = !(event instanceof DeviceEvent.Offline);
        Optional<Instant> firstAlarm = device.firstAlarm();
        Optional<Instant> lastAlarm = device.lastAlarm();
        if (event instanceof DeviceEvent.Alarm) {
            firstAlarm = firstAlarm.or(() -> Optional.of(event.time()));
            lastAlarm = Optional.of(lastAlarm.filter(t -> t.isAfter(event.time())).orElse(event.time()));
        }
        return new Device(device.id(), name, device.owners(), online, Optional.of(now), firstAlarm, lastAlarm,
                device.mac());
    }

    /**
     * The device with other owners, as a vendor's own binding (a camera registered to an account) says;
     * a device that {@code devices.known} names keeps the owners named there, as it keeps its name.
     */
    public Device withOwners(Device device, List<String> owners) {
        Configured c = configured.get(device.id());
        List<String> kept = c != null ? c.owners() : owners;
        return new Device(device.id(), device.name(), kept, device.online(), device.lastSeen(), device.firstAlarm(),
                device.lastAlarm(), device.mac());
    }

    private Optional<String> configuredName(DeviceId id) {
        return Optional.ofNullable(configured.get(id)).map(Configured::name).filter(n -> !n.isEmpty());
    }

    private static Optional<String> givenName(DeviceEvent event) {
        if (event instanceof DeviceEvent.Online online) {
            return online.name();
        }
        return event instanceof DeviceEvent.Alarm alarm ? alarm.deviceName() : Optional.empty();
    }

    private Device withConfiguration(Device device) {
        Configured c = configured.get(device.id());
        if (c == null) {
            return device;
        }
        return new Device(device.id(), c.name().isEmpty() ? device.name() : c.name(), c.owners(), device.online(),
                device.lastSeen(), device.firstAlarm(), device.lastAlarm(), device.mac());
    }
}
