package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.device.DeviceAdapter;
import io.alarmhub.gateway.device.DeviceContext;
import io.alarmhub.gateway.device.DeviceMetrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * VStarcam cameras: HTTP heartbeats and multipart alarms; the {@code vstarcam} section is
 * {@link VStarcamSettings}, its {@code upload-dir} relative to {@code data.dir} unless absolute.
 */
public final class VStarcamAdapter implements DeviceAdapter<VStarcamSettings> {

    @Override
    public String vendor() {
        return VStarcamListener.VENDOR;
    }

    @Override
    public Class<VStarcamSettings> sectionType() {
        return VStarcamSettings.class;
    }

    /** {@link VStarcamSettings#DEFAULT} with the upload directory as configured: relative to {@code data.dir}. */
    @Override
    public VStarcamSettings defaults() {
        return VStarcamSettings.DEFAULT.withUploadDir(Path.of("uploads", "vstarcam"));
    }

    @Override
    public List<Listener> listeners(VStarcamSettings section, DeviceContext context) {
        return List.of(new VStarcamListener(section.withUploadDir(context.dataDir().resolve(section.uploadDir())),
                context.loops(), context.events(), context.media(), context.registry()));
    }

    /** The heartbeat timeout itself: cameras hold no connection, so the sweep is what notices them stop. */
    @Override
    public Duration sweepTimeout(VStarcamSettings section) {
        return section.heartbeatTimeout();
    }

    @Override
    public List<String> portKeys() {
        return List.of("port");
    }

    /** Every shared meter, {@code upload_bytes} included: cameras upload their pictures and clips here. */
    @Override
    public List<String> meterNames() {
        return List.of(DeviceMetrics.MESSAGES, DeviceMetrics.BAD_INPUT, DeviceMetrics.CONNECTIONS,
                DeviceMetrics.CLOSED, DeviceMetrics.UPLOAD_BYTES);
    }
}
