package io.alarmhub.gateway.device.jovision;

import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.device.DeviceAdapter;
import io.alarmhub.gateway.device.DeviceContext;
import io.alarmhub.gateway.device.DeviceMetrics;

import java.time.Duration;
import java.util.List;

/**
 * Jovision CloudSEE devices: TCP, newline-terminated JSON; the {@code jovision} section is
 * {@link JovisionSettings}.
 */
public final class JovisionAdapter implements DeviceAdapter<JovisionSettings> {

    @Override
    public String vendor() {
        return JovisionMessage.VENDOR;
    }

    @Override
    public Class<JovisionSettings> sectionType() {
        return JovisionSettings.class;
    }

    @Override
    public JovisionSettings defaults() {
        return JovisionSettings.DEFAULT;
    }

    @Override
    public List<Listener> listeners(JovisionSettings section, DeviceContext context) {
        return List.of(new JovisionListener(context.loops(), context.events(), context.registry(), section));
    }

    /**
     * Twice the heartbeat timeout: devices hold a connection and the listener notices their silence itself;
     * the sweep, late enough not to race it, covers devices that were online when the server last stopped
     * and never came back.
     */
    @Override
    public Duration sweepTimeout(JovisionSettings section) {
        return section.heartbeatTimeout().multipliedBy(2);
    }

    @Override
    public List<String> portKeys() {
        return List.of("port");
    }

    /** The shared meters but {@code upload_bytes}: Jovision devices upload to FTP or the cloud, not here. */
    @Override
    public List<String> meterNames() {
        return List.of(DeviceMetrics.MESSAGES, DeviceMetrics.BAD_INPUT, DeviceMetrics.CONNECTIONS,
                DeviceMetrics.CLOSED);
    }
}
