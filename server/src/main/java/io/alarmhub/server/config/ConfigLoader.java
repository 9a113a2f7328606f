package io.alarmhub.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Reads the YAML file, applies the environment's secrets, and checks what cannot work. */
public final class ConfigLoader {

    /** The environment variable that overrides {@code tokens.key}. */
    public static final String TOKEN_KEY_ENV = "ALARMHUB_TOKEN_KEY";
    /** The environment variable that overrides {@code stream.tls.keystore-password}. */
    public static final String TLS_PASSWORD_ENV = "ALARMHUB_TLS_KEYSTORE_PASSWORD";
    /** The environment variable that overrides {@code media.key}. */
    public static final String MEDIA_KEY_ENV = "ALARMHUB_MEDIA_KEY";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .registerModule(new SimpleModule().addDeserializer(Duration.class, new DurationText()));

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Loads the file if given, the defaults otherwise. */
    public AlarmhubConfig load(Optional<Path> file) {
        AlarmhubConfig config = file.map(this::read).orElseGet(AlarmhubConfig::new);
        Optional.ofNullable(environment.get(TOKEN_KEY_ENV)).filter(k -> !k.isBlank())
                .ifPresent(key -> config.tokens.key = key.trim());
        Optional.ofNullable(environment.get(MEDIA_KEY_ENV)).filter(k -> !k.isBlank())
                .ifPresent(key -> config.media.key = key.trim());
        Optional.ofNullable(environment.get(TLS_PASSWORD_ENV)).filter(k -> !k.isEmpty())
                .ifPresent(password -> config.stream.tls.keystorePassword = password);
        check(config);
        return config;
    }

    private AlarmhubConfig read(Path file) {
        try {
            if (Files.size(file) == 0) {
                return new AlarmhubConfig();
            }
            AlarmhubConfig config = yaml.readValue(file.toFile(), AlarmhubConfig.class);
            return config == null ? new AlarmhubConfig() : config;
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": " + e.getOriginalMessage() + " at " + e.getPathReference(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void check(AlarmhubConfig c) {
        require(c.node.id >= 0 && c.node.id <= 1023, "node.id must be within 0..1023");
        require(!c.tokens.key.isEmpty() ? c.tokens.key.matches("[0-9a-fA-F]{32}") : true,
                "tokens.key (or " + TOKEN_KEY_ENV + ") must be 32 hex characters");
        require(!c.tokens.apps.isEmpty(), "tokens.apps must name at least one app");
        require(c.push.maxTtl.compareTo(c.push.defaultTtl) >= 0, "push.default-ttl must not exceed push.max-ttl");
        require(c.store.queueCapacity > 0 && c.store.maxBatch > 0, "store.queue-capacity and store.max-batch must be positive");
        for (AlarmhubConfig.Bind b : new AlarmhubConfig.Bind[] {c.rest, c.tcp, c.websocket, c.socketio}) {
            require(b.port >= 0 && b.port <= 65535, "ports must be within 0..65535");
        }
        require(c.media.key.isEmpty() || c.media.key.matches("[0-9a-fA-F]{64}"),
                "media.key (or " + MEDIA_KEY_ENV + ") must be 64 hex characters");
        require(c.media.urlValidity.compareTo(c.routing.timeToLive) >= 0,
                "media.url-validity must be at least routing.time-to-live, or pending alarms lose their pictures");
        for (AlarmhubConfig.Bind b : new AlarmhubConfig.Bind[] {c.media}) {
            require(b.port >= 0 && b.port <= 65535, "ports must be within 0..65535");
        }
        for (AlarmhubConfig.Listen l : new AlarmhubConfig.Listen[] {c.rest, c.tcp, c.websocket, c.media, c.stream}) {
            require(!l.idleTimeout.isNegative() && !l.idleTimeout.isZero(), "idle timeouts must be positive");
        }
        for (Duration d : new Duration[] {c.rest.requestTimeout, c.tcp.lineTimeout, c.jovision.lineTimeout,
                c.vstarcam.requestTimeout}) {
            require(!d.isNegative() && !d.isZero(), "rest.request-timeout, tcp.line-timeout, "
                    + "jovision.line-timeout and vstarcam.request-timeout must be positive");
        }
        require(!c.devices.eventRetention.isNegative() && !c.devices.eventRetention.isZero(),
                "devices.event-retention must be positive");
        require(c.socketio.maxQueuedPackets < 50, "socketio.max-queued-packets must stay under 50");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }
}
