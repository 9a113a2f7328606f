package io.alarmhub.server;

import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.device.DeviceAdapter;
import io.alarmhub.gateway.device.DeviceContext;
import io.alarmhub.server.config.AlarmhubConfig;
import io.alarmhub.server.config.ConfigException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The configured vendors' listeners and sweep timeouts, from the registry the configuration was read for. */
final class DeviceAdapters {

    private DeviceAdapters() {
    }

    static List<Listener> create(AlarmhubConfig config, DeviceContext context) {
        return config.adapters().adapters().stream().flatMap(a -> listeners(config, a, context).stream()).toList();
    }

    private static <S extends Record> List<Listener> listeners(AlarmhubConfig config, DeviceAdapter<S> adapter,
                                                               DeviceContext context) {
        try {
            return adapter.listeners(config.section(adapter), context);
        } catch (IllegalArgumentException e) {
            // What only the listener can check (a secret file), said like a check of the section itself.
            throw new ConfigException(adapter.vendor() + "." + e.getMessage(), e);
        }
    }

    /**
     * Runs each vendor's check of what its section names outside the YAML (a secret's file), before anything
     * is opened.
     *
     * @throws ConfigException {@code hemu.manufacturers[0].secret-file: ...}
     */
    static void check(AlarmhubConfig config) {
        config.adapters().adapters().forEach(adapter -> check(config, adapter));
    }

    private static <S extends Record> void check(AlarmhubConfig config, DeviceAdapter<S> adapter) {
        try {
            adapter.check(config.section(adapter), config.data().dir());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(adapter.vendor() + "." + e.getMessage(), e);
        }
    }

    /** The vendors whose devices report the ends of their alarms. */
    static Set<String> reportingAlarmEnds(AlarmhubConfig config) {
        return config.adapters().adapters().stream().filter(DeviceAdapter::reportsAlarmEnds)
                .map(DeviceAdapter::vendor).collect(Collectors.toUnmodifiableSet());
    }

    /** How long a device of each vendor may stay silent before the intake's sweep takes it offline. */
    static Map<String, Duration> heartbeatTimeouts(AlarmhubConfig config) {
        return config.adapters().adapters().stream()
                .collect(Collectors.toUnmodifiableMap(DeviceAdapter::vendor, a -> sweepTimeout(config, a)));
    }

    private static <S extends Record> Duration sweepTimeout(AlarmhubConfig config, DeviceAdapter<S> adapter) {
        return adapter.sweepTimeout(config.section(adapter));
    }
}
