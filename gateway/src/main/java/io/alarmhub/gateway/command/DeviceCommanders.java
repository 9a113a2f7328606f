package io.alarmhub.gateway.command;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vendors' commanders of one node, by vendor id: filled while the node makes its device listeners, read by
 * the push faces and the RestServer on each command.
 */
public final class DeviceCommanders {

    private final Map<String, DeviceCommander> commanders = new ConcurrentHashMap<>();

    /** Registers a vendor's commander; a vendor registers once. */
    public void register(String vendor, DeviceCommander commander) {
        if (commanders.putIfAbsent(vendor, commander) != null) {
            throw new IllegalStateException("the commander of " + vendor + " is registered twice");
        }
    }

    public Optional<DeviceCommander> find(String vendor) {
        return Optional.ofNullable(commanders.get(vendor));
    }

    public Set<String> vendors() {
        return Set.copyOf(commanders.keySet());
    }
}
