package io.alarmhub.server;

import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.media.MediaStore;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.device.jovision.JovisionListener;
import io.alarmhub.gateway.device.jovision.JovisionSettings;
import io.alarmhub.gateway.device.vstarcam.VStarcamListener;
import io.alarmhub.gateway.device.vstarcam.VStarcamSettings;
import io.alarmhub.server.config.AlarmhubConfig;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds the device adapters' listeners from the configuration. */
final class DeviceAdapters {

    private DeviceAdapters() {
    }

    static List<Listener> create(AlarmhubConfig config, NettyLoops loops, DeviceEvents events, MediaStore media,
                                 MeterRegistry registry) {
        AlarmhubConfig.Jovision jovision = config.jovision;
        AlarmhubConfig.VStarcam vstarcam = config.vstarcam;
        return List.of(
                new JovisionListener(loops, events, registry, new JovisionSettings(jovision.host, jovision.port,
                        jovision.maxLineBytes, jovision.heartbeatTimeout, jovision.maxBadLines,
                        jovision.mediaUrlTemplate, jovision.lineTimeout)),
                new VStarcamListener(new VStarcamSettings(vstarcam.host, vstarcam.port, vstarcam.heartbeatPath,
                        vstarcam.alarmPath, vstarcam.maxHeartbeatBytes, vstarcam.maxPictureBytes,
                        vstarcam.maxVideoBytes, vstarcam.maxRequestBytes, config.data.dir.resolve(vstarcam.uploadDir),
                        vstarcam.idleTimeout, vstarcam.heartbeatTimeout, vstarcam.requestTimeout), loops, events, media, registry));
    }

    /**
     * How long a device of each vendor may stay silent before the intake's sweep takes it offline.
     * VStarcam cameras keep no connection: the sweep is what notices them stop. Jovision devices do, and
     * the adapter notices silence on it; the sweep, at twice that timeout so as not to race the adapter,
     * covers devices that were online when the server last stopped and never came back.
     */
    static Map<String, Duration> heartbeatTimeouts(AlarmhubConfig config) {
        return Map.of("jovision", config.jovision.heartbeatTimeout.multipliedBy(2),
                "vstarcam", config.vstarcam.heartbeatTimeout);
    }
}
