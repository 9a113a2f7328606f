package io.alarmhub.server.config;

import io.alarmhub.gateway.tls.TlsSection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The section records' checks as the operator reads them: the key path from the top, and the bad value. */
class ConfigSectionsTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of());
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"rest", "tcp", "websocket", "socketio", "media", "stream", "metrics"})
    void aBadPortNamesItsSectionAndValue(String section) {
        assertThatThrownBy(() -> load(section + ":\n  port: 70000\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(section + ".port: 70000 is not a port (0-65535)");
    }

    @Test
    void portZeroStaysAllowed() throws IOException {
        AlarmhubConfig config = load("rest:\n  port: 0\nmetrics:\n  port: 0\n");
        assertThat(config.rest().port()).isZero();
        assertThat(config.metrics().enabled()).isFalse();
    }

    @Test
    void aBadDurationNamesItsKeyPath() {
        assertThatThrownBy(() -> load("tcp:\n  line-timeout: 0s\n"))
                .isInstanceOf(ConfigException.class).hasMessage("tcp.line-timeout: PT0S must be positive");
        assertThatThrownBy(() -> load("stream:\n  login-timeout: 0ms\n"))
                .isInstanceOf(ConfigException.class).hasMessage("stream.login-timeout: PT0S must be positive");
        assertThatThrownBy(() -> load("rest:\n  idle-timeout: soon\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rest.idle-timeout: \"soon\" is not a duration");
    }

    @Test
    void aBadSizeNamesItsKeyPath() {
        assertThatThrownBy(() -> load("store:\n  max-batch: 0\n"))
                .isInstanceOf(ConfigException.class).hasMessage("store.max-batch: 0 must be positive");
        assertThatThrownBy(() -> load("websocket:\n  write-buffer-low-bytes: 2000000\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("websocket.write-buffer-low-bytes: 2000000 must not exceed write-buffer-high-bytes (1048576)");
    }

    @Test
    void admissionBoundsAreCheckedAndNamed() throws IOException {
        assertThat(load("").admission()).isEqualTo(AdmissionSection.DEFAULT);
        assertThat(load("admission:\n  max-in-flight: 1\n  heap-fraction: 1\n").admission())
                .isEqualTo(new AdmissionSection(1, 1.0));
        assertThatThrownBy(() -> load("admission:\n  max-in-flight: 0\n"))
                .isInstanceOf(ConfigException.class).hasMessage("admission.max-in-flight: 0 must be positive");
        assertThatThrownBy(() -> load("admission:\n  heap-fraction: 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("admission.heap-fraction: 0.0 is not within 0 (excluded) and 1");
        assertThatThrownBy(() -> load("admission:\n  heap-fraction: 1.5\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("admission.heap-fraction: 1.5 ");
    }

    @Test
    void aKeyWithoutAValueIsNamedNotTakenAsZero() {
        assertThatThrownBy(() -> load("rest:\n  port:\n"))
                .isInstanceOf(ConfigException.class).hasMessage("rest.port: needs a value");
        assertThatThrownBy(() -> load("rest:\n  host:\n"))
                .isInstanceOf(ConfigException.class).hasMessage("rest.host: needs a value");
    }

    @Test
    void aValueOfTheWrongShapeIsNamedByItsPath() {
        assertThatThrownBy(() -> load("tcp: 5\n"))
                .isInstanceOf(ConfigException.class).hasMessage("tcp: should be a mapping of keys, not a number (5)");
        assertThatThrownBy(() -> load("enterprises: {id: a}\n"))
                .isInstanceOf(ConfigException.class).hasMessage("enterprises: should be a list, not a mapping");
        assertThatThrownBy(() -> load("devices:\n  known: [5]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("devices.known[0]: should be a mapping of keys, not a number (5)");
        assertThatThrownBy(() -> load("rest:\n  port: abc\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rest.port: ");
    }

    @Test
    void theRulesOfTheOldCheckStillHold() {
        assertThatThrownBy(() -> load("node:\n  id: 1024\n"))
                .isInstanceOf(ConfigException.class).hasMessage("node.id: 1024 is not within 0..1023");
        assertThatThrownBy(() -> load("tokens:\n  key: abc\n"))
                .isInstanceOf(ConfigException.class).hasMessage("tokens.key: must be 32 hex characters");
        assertThatThrownBy(() -> load("tokens:\n  apps: []\n"))
                .isInstanceOf(ConfigException.class).hasMessage("tokens.apps: must name at least one app");
        assertThatThrownBy(() -> load("media:\n  key: abc\n"))
                .isInstanceOf(ConfigException.class).hasMessage("media.key: must be 64 hex characters");
        assertThatThrownBy(() -> load("push:\n  default-ttl: 11d\n"))
                .isInstanceOf(ConfigException.class).hasMessage("push.default-ttl: PT264H must not exceed max-ttl (PT240H)");
        assertThatThrownBy(() -> load("socketio:\n  max-queued-packets: 50\n"))
                .isInstanceOf(ConfigException.class).hasMessage("socketio.max-queued-packets: 50 must stay under 50");
        assertThatThrownBy(() -> load("media:\n  url-validity: 1h\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(
                        "media.url-validity: PT1H must be at least routing.time-to-live (PT24H)");
    }

    @Test
    void aNestedSectionOrListItemIsNamedByItsPath() {
        assertThatThrownBy(() -> load("stream:\n  tls:\n    keystore:\n"))
                .isInstanceOf(ConfigException.class).hasMessage("stream.tls.keystore: needs a value");
        assertThatThrownBy(() -> load("enterprises:\n  - {id: a, secret-hash: x}\n  - {id: b, secret-hash: y, retention: 0s}\n"))
                .isInstanceOf(ConfigException.class).hasMessage("enterprises[1].retention: PT0S must be positive");
    }

    @Test
    void anUnknownNestedKeyNamesItsPath() {
        assertThatThrownBy(() -> load("stream:\n  tls:\n    pasword: x\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("stream.tls.pasword: unknown key")
                .hasMessageContaining("keystore-password");
        assertThatThrownBy(() -> load("routing:\n  rules:\n    - {kind: alarm, topic: [x]}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("routing.rules[0].topic: unknown key");
        assertThatThrownBy(() -> load("restt:\n  port: 1\n"))
                .isInstanceOf(ConfigException.class).hasMessage("restt: unknown key (did you mean rest?)");
        assertThatThrownBy(() -> load("cameras:\n  port: 1\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cameras: unknown key (known here:")
                .hasMessageContaining("rest, routing").hasMessageContaining("jovision, vstarcam");
        assertThatThrownBy(() -> load("vendors: {}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("vendors: unknown key");
    }

    @Test
    void aPartialNestedSectionKeepsTheOtherDefaults() throws IOException {
        AlarmhubConfig config = load("stream:\n  port: 3015\n  tls:\n    keystore: ks.p12\n");
        assertThat(config.stream().port()).isEqualTo(3015);
        assertThat(config.stream().loginTimeout()).isEqualTo(StreamSection.DEFAULT.loginTimeout());
        assertThat(config.stream().tls()).isEqualTo(TlsSection.DEFAULT.withKeystore("ks.p12"));
        assertThat(config.rest()).isEqualTo(RestSection.DEFAULT);
    }

    @Test
    void aListItemKeepsTheDefaultsOfWhatItLeavesOut() throws IOException {
        AlarmhubConfig config = load("enterprises:\n  - {id: acme, secret-hash: x}\n"
                + "devices:\n  known: [{vendor: jovision, id: S1}]\n");
        assertThat(config.enterprises()).containsExactly(
                new EnterpriseEntry("acme", "x", List.of(), List.of(), Duration.ofDays(7)));
        assertThat(config.devices().known()).containsExactly(
                new DevicesSection.KnownDevice("jovision", "S1", "", List.of()));
    }

    @Test
    void aSectionWithNothingUnderItHasItsDefaults() throws IOException {
        assertThat(load("stream:\n  tls:\nrest:\n")).isEqualTo(AlarmhubConfig.DEFAULT);
    }

    @Test
    void theEnvironmentOverridesApply() throws IOException {
        String token = "ffeeddccbbaa99887766554433221100";
        String media = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        AlarmhubConfig config = new ConfigLoader(Map.of(ConfigLoader.TOKEN_KEY_ENV, token,
                ConfigLoader.MEDIA_KEY_ENV, media, ConfigLoader.TLS_PASSWORD_ENV, "s3cret"))
                .load(Optional.of(write("tokens:\n  key: abc\nstream:\n  port: 3015\n")));
        assertThat(config.tokens().key()).isEqualTo(token);
        assertThat(config.media().key()).isEqualTo(media);
        assertThat(config.stream().tls().keystorePassword()).isEqualTo("s3cret");
        assertThat(config.stream().port()).isEqualTo(3015);
        assertThat(config.tokens().toString()).doesNotContain(token);
        assertThat(config.stream().tls().toString()).doesNotContain("s3cret");
    }

    @Test
    void aBadEnvironmentValueSaysWhereItCameFrom() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of(ConfigLoader.TOKEN_KEY_ENV, "nothex")).load(Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tokens.key: must be 32 hex characters (from ALARMHUB_TOKEN_KEY)");
    }

    @Test
    void theRecordsCheckWhenMadeInCodeToo() {
        assertThatThrownBy(() -> RestSection.DEFAULT.withPort(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port: -1 is not a port (0-65535)");
        assertThatThrownBy(() -> AlarmhubConfig.DEFAULT.withMedia(MediaSection.DEFAULT.withKey("12")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("key: must be 64 hex characters");
    }

    /** Loads the YAML; a refusal's message is given without the file in front (ConfigMessagesTest checks it). */
    private AlarmhubConfig load(String yaml) throws IOException {
        Path file = write(yaml);
        try {
            return loader.load(Optional.of(file));
        } catch (ConfigException e) {
            String prefix = file + ": ";
            throw e.getMessage().startsWith(prefix) ? new ConfigException(e.getMessage().substring(prefix.length()), e) : e;
        }
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("alarmhub.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
