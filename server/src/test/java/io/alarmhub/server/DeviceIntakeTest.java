package io.alarmhub.server;

import io.alarmhub.core.device.Device;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.device.DeviceRegistry;
import io.alarmhub.core.event.AlarmType;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.server.config.AlarmhubConfig;
import io.alarmhub.server.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the server's configuration of devices makes of their events. */
class DeviceIntakeTest {

    private static final DeviceId CAMERA = new DeviceId("jovision", "S35084741");
    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");

    @Test
    void theNameInDevicesKnownWinsOverTheNameTheDeviceSends(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("alarmhub.yaml"), "devices:\n  known:\n"
                + "    - {vendor: jovision, id: S35084741, name: Front door, owners: [alice]}\n");
        AlarmhubConfig config = new ConfigLoader(Map.of()).load(Optional.of(file));
        DeviceRegistry registry = new DeviceRegistry(true, DeviceIntake.known(config), List.of());

        Device known = registry.admit(CAMERA);
        Device hello = registry.after(known, new DeviceEvent.Online("1", CAMERA, NOW, Optional.of("HD_IPC"),
                Optional.empty(), "{}"), NOW);
        Device alarmed = registry.after(hello, new DeviceEvent.Alarm("2", CAMERA, NOW, 1, AlarmType.MOTION, "7",
                Optional.empty(), Optional.empty(), List.of(), Optional.of("HD_IPC"), "{}"), NOW);

        assertThat(List.of(known, hello, alarmed)).extracting(Device::name).containsOnly("Front door");
        assertThat(alarmed.owners()).containsExactly("alice");
    }

    @Test
    void aDeviceNotConfiguredIsCalledWhatItSays() {
        DeviceRegistry registry = new DeviceRegistry(true, Map.of(), List.of());
        Device hello = registry.after(registry.admit(CAMERA), new DeviceEvent.Online("1", CAMERA, NOW,
                Optional.of("HD_IPC"), Optional.empty(), "{}"), NOW);
        assertThat(hello.name()).isEqualTo("HD_IPC");
    }
}
