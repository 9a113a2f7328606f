package io.alarmhub.server.config;

import io.alarmhub.gateway.device.DeviceAdapter;
import io.alarmhub.gateway.device.DeviceAdapterRegistry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The vendors a configuration was read for, and the sections their YAML gave: a top-level key per vendor,
 * which {@link ConfigLoader} binds into the adapter's section record. Vendors without an entry have their
 * defaults. Immutable: the map is copied when this is made.
 */
public final class VendorSections {

    /** This build's vendors, all with their defaults. */
    public static final VendorSections STANDARD = new VendorSections(DeviceAdapterRegistry.STANDARD, Map.of());

    private final DeviceAdapterRegistry registry;
    private final Map<String, Record> given;

    VendorSections(DeviceAdapterRegistry registry, Map<String, Record> given) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.given = Map.copyOf(given);
    }

    public DeviceAdapterRegistry registry() {
        return registry;
    }

    /** A vendor's section: as configured, or its defaults. */
    public <S extends Record> S section(DeviceAdapter<S> adapter) {
        return adapter.sectionType().cast(given.getOrDefault(adapter.vendor(), adapter.defaults()));
    }

    /** Every registered vendor's section by vendor id, in the registry's order. */
    public Map<String, Record> all() {
        Map<String, Record> all = new LinkedHashMap<>();
        registry.adapters().forEach(a -> all.put(a.vendor(), section(a)));
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VendorSections other && registry.equals(other.registry) && all().equals(other.all());
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, all());
    }

    @Override
    public String toString() {
        return all().toString();
    }
}
