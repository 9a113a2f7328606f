package io.alarmhub.server;

import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.device.jovision.JovisionListener;
import io.alarmhub.gateway.device.jovision.JovisionSettings;
import io.alarmhub.server.config.AlarmhubConfig;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds the device adapters' listeners from the configuration. */
final class DeviceAdapters {

    private DeviceAdapters() {
    }

    static List<Listener> create(AlarmhubConfig config, NettyLoops loops, DeviceEvents events,
                                 MeterRegistry registry) {
        AlarmhubConfig.Jovision jovision = config.jovision;
        return List.of(
                new JovisionListener(loops, events, registry, new JovisionSettings(jovision.host, jovision.port,
                        jovision.maxLineBytes, jovision.heartbeatTimeout, jovision.maxBadLines,
                        jovision.mediaUrlTemplate)));
    }

    /**
     * How long a device of each vendor may stay silent before the intake's sweep takes it offline. The
     * adapters notice silence on a live connection themselves; the sweep, at twice their timeout so as not
     * to race them, covers devices that were online when the server last stopped and never came back.
     */
    static Map<String, Duration> heartbeatTimeouts(AlarmhubConfig config) {
        return Map.of("jovision", config.jovision.heartbeatTimeout.multipliedBy(2));
    }
}
