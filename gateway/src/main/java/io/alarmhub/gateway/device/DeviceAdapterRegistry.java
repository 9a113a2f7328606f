package io.alarmhub.gateway.device;

import io.alarmhub.gateway.device.hemu.HemuAdapter;
import io.alarmhub.gateway.device.jovision.JovisionAdapter;
import io.alarmhub.gateway.device.vstarcam.VStarcamAdapter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The vendors this build knows: the node starts their listeners, the configuration loader binds their
 * sections, the command line and the enterprise and routing checks accept their ids, and the launchers
 * give their ports. Nothing else names a vendor, so adding one is its package and its line in
 * {@link #STANDARD} (see docs/adding-a-vendor.md).
 *
 * @param adapters in the order their listeners start
 */
public record DeviceAdapterRegistry(List<DeviceAdapter<?>> adapters) {

    /** Every vendor of this build: one line each. */
    public static final DeviceAdapterRegistry STANDARD = new DeviceAdapterRegistry(List.of(
            new JovisionAdapter(),
            new VStarcamAdapter(),
            new HemuAdapter()));

    public DeviceAdapterRegistry {
        adapters = List.copyOf(adapters);
        SortedSet<String> seen = new TreeSet<>();
        for (DeviceAdapter<?> adapter : adapters) {
            String vendor = Objects.requireNonNull(adapter.vendor(), "vendor");
            if (!vendor.matches("[a-z][a-z0-9_]{0,31}")) {
                // it is a YAML key, a topic segment and a metric tag: keep it plain
                throw new IllegalArgumentException("vendor id '" + vendor + "' is not 1-32 of a-z 0-9 _");
            }
            if (!seen.add(vendor)) {
                throw new IllegalArgumentException("vendor '" + vendor + "' is registered twice");
            }
        }
    }

    /** These vendors and one more, e.g. a test's own. */
    public DeviceAdapterRegistry with(DeviceAdapter<?> adapter) {
        List<DeviceAdapter<?>> more = new ArrayList<>(adapters);
        more.add(adapter);
        return new DeviceAdapterRegistry(more);
    }

    /** The vendor ids, sorted, for checks and help texts. */
    public SortedSet<String> vendors() {
        SortedSet<String> vendors = new TreeSet<>();
        adapters.forEach(a -> vendors.add(a.vendor()));
        return Collections.unmodifiableSortedSet(vendors);
    }

    public boolean knows(String vendor) {
        return find(vendor).isPresent();
    }

    public Optional<DeviceAdapter<?>> find(String vendor) {
        return adapters.stream().filter(a -> a.vendor().equals(vendor)).findFirst();
    }
}
