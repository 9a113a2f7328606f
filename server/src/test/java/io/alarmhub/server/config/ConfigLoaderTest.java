package io.alarmhub.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.alarmhub.gateway.device.jovision.JovisionAdapter;
import io.alarmhub.gateway.device.jovision.JovisionSettings;
import io.alarmhub.gateway.device.vstarcam.VStarcamAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private static final Path EXAMPLE = Path.of("..", "alarmhub.example.yaml");
    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void theExampleFileListsExactlyTheDefaults() {
        ObjectMapper plain = new ObjectMapper()
                .registerModule(new SimpleModule().addSerializer(Duration.class, ToStringSerializer.instance));
        JsonNode fromFile = plain.valueToTree(loader.load(Optional.of(EXAMPLE)));
        JsonNode defaults = plain.valueToTree(loader.load(Optional.empty()));
        assertThat(fromFile).isEqualTo(defaults);
    }

    @Test
    void readsOperatorDurationsAndKeepsDefaultsForWhatIsLeftOut(@TempDir Path dir) throws IOException {
        Path file = write(dir, "tcp:\n  port: 19800\n  idle-timeout: 90s\npush:\n  max-ttl: 2d\n  default-ttl: 1h\n");
        AlarmhubConfig config = loader.load(Optional.of(file));
        assertThat(config.tcp().port()).isEqualTo(19800);
        assertThat(config.tcp().idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.push().maxTtl()).isEqualTo(Duration.ofDays(2));
        assertThat(config.push().defaultTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.rest().port()).isEqualTo(9900);
    }

    @Test
    void theEnvironmentKeyOverridesTheFile(@TempDir Path dir) throws IOException {
        Path file = write(dir, "tokens:\n  key: 000102030405060708090a0b0c0d0e0f\n");
        AlarmhubConfig config = new ConfigLoader(Map.of(ConfigLoader.TOKEN_KEY_ENV, "ffeeddccbbaa99887766554433221100"))
                .load(Optional.of(file));
        assertThat(config.tokens().key()).isEqualTo("ffeeddccbbaa99887766554433221100");
    }

    @Test
    void namesTheMistake(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> loader.load(Optional.of(write(dir, "tcp:\n  prot: 1\n"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("prot");
        assertThatThrownBy(() -> loader.load(Optional.of(write(dir, "tcp:\n  idle-timeout: soon\n"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("soon");
        assertThatThrownBy(() -> loader.load(Optional.of(write(dir, "tokens:\n  key: abc\n"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("32 hex");
        assertThatThrownBy(() -> loader.load(Optional.of(write(dir, "devices:\n  event-retention: 0s\n"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("devices.event-retention");
    }

    @Test
    void deviceEventsAreKeptThirtyDaysUnlessConfigured(@TempDir Path dir) throws IOException {
        assertThat(loader.load(Optional.empty()).devices().eventRetention()).isEqualTo(Duration.ofDays(30));
        Path file = write(dir, "devices:\n  event-retention: 12h\n");
        assertThat(loader.load(Optional.of(file)).devices().eventRetention()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void deviceReportsAreKeptFourHundredDaysUnlessConfigured(@TempDir Path dir) throws IOException {
        assertThat(loader.load(Optional.empty()).devices().reportRetention()).isEqualTo(Duration.ofDays(400));
        Path file = write(dir, "devices:\n  report-retention: 90d\n");
        assertThat(loader.load(Optional.of(file)).devices().reportRetention()).isEqualTo(Duration.ofDays(90));
        assertThatThrownBy(() -> loader.load(Optional.of(write(dir, "devices:\n  report-retention: 0s\n"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("devices.report-retention");
    }

    @Test
    void bindsAVendorSectionOverItsDefaults(@TempDir Path dir) throws IOException {
        Path file = write(dir, "jovision:\n  port: 13008\n  heartbeat-timeout: 2m\nvstarcam:\n  upload-dir: up\n");
        AlarmhubConfig config = loader.load(Optional.of(file));
        JovisionSettings jovision = config.section(new JovisionAdapter());
        assertThat(jovision.port()).isEqualTo(13008);
        assertThat(jovision.heartbeatTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(jovision.maxLineBytes()).isEqualTo(JovisionSettings.DEFAULT.maxLineBytes());
        assertThat(config.section(new VStarcamAdapter()).uploadDir()).isEqualTo(Path.of("up"));
        assertThat(config.section(new VStarcamAdapter()).port()).isEqualTo(9920);
    }

    @Test
    void aVendorSectionNamesTheKeyPathAndTheValue(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> loader.load(Optional.of(write(dir, "jovision:\n  port: 70000\n"))))
                .isInstanceOf(ConfigException.class).hasMessageEndingWith(": jovision.port: 70000 is not a port (0-65535)");
        assertThatThrownBy(() -> loader.load(Optional.of(write(dir, "vstarcam:\n  request-timeout: 0s\n"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("vstarcam.request-timeout: PT0S");
        assertThatThrownBy(() -> loader.load(Optional.of(write(dir, "vstarcam:\n  max-picture-bites: 1\n"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max-picture-bites");
    }

    private static Path write(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("alarmhub.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
