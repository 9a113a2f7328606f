package io.alarmhub.server.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alarmhub.gateway.device.DeviceAdapter;
import io.alarmhub.gateway.device.DeviceAdapterRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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
            .registerModule(new SimpleModule().addDeserializer(Duration.class, new DurationText())
                    // a vendor's defaults are written to a tree and read back under what the file says:
                    // in the forms DurationText reads, and paths as written, not as absolute file: URIs
                    .addSerializer(Duration.class, new DurationMillis())
                    .addSerializer(Path.class, new ToStringSerializer(Path.class)));

    private final Map<String, String> environment;
    private final DeviceAdapterRegistry adapters;

    /** A loader for this build's vendors. */
    public ConfigLoader(Map<String, String> environment) {
        this(environment, DeviceAdapterRegistry.STANDARD);
    }

    /** A loader for the given vendors: each has its section, keyed by its vendor id. */
    public ConfigLoader(Map<String, String> environment, DeviceAdapterRegistry adapters) {
        this.environment = environment;
        this.adapters = adapters;
    }

    /** Loads the file if given, the defaults otherwise. */
    public AlarmhubConfig load(Optional<Path> file) {
        AlarmhubConfig config = file.map(this::read).orElseGet(AlarmhubConfig::new);
        config.use(adapters);
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
            JsonNode tree = yaml.readTree(file.toFile());
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return new AlarmhubConfig();
            }
            if (!(tree instanceof ObjectNode root)) {
                throw new ConfigException(file + ": the configuration is a mapping of sections, not "
                        + tree.getNodeType());
            }
            // vendor sections go to their adapters' records; the rest is AlarmhubConfig's own
            Map<DeviceAdapter<?>, JsonNode> given = new LinkedHashMap<>();
            for (DeviceAdapter<?> adapter : adapters.adapters()) {
                Optional.ofNullable(root.remove(adapter.vendor())).ifPresent(node -> given.put(adapter, node));
            }
            AlarmhubConfig config = yaml.treeToValue(root, AlarmhubConfig.class);
            given.forEach((adapter, node) -> bind(config, adapter, node, file));
            return config;
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": " + e.getOriginalMessage() + " at " + e.getPathReference(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The vendor's defaults with what the file gives on top, read into its section record, which checks it. */
    private <S extends Record> void bind(AlarmhubConfig config, DeviceAdapter<S> adapter, JsonNode given, Path file) {
        String vendor = adapter.vendor();
        if (given.isNull()) {
            return; // "jovision:" with nothing under it: the defaults
        }
        if (!(given instanceof ObjectNode keys)) {
            throw new ConfigException(file + ": " + vendor + " is a mapping of keys, not " + given.getNodeType());
        }
        ObjectNode merged = yaml.valueToTree(adapter.defaults());
        merged.setAll(keys);
        try {
            config.section(adapter, yaml.treeToValue(merged, adapter.sectionType()));
        } catch (ValueInstantiationException e) {
            // the record's own check: its message starts with the key, so put the vendor in front
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConfigException(vendor + "." + cause.getMessage(), e);
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": " + vendor + ": " + e.getOriginalMessage() + " at "
                    + e.getPathReference(), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": " + vendor + ": " + e.getOriginalMessage(), e);
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
        // vendor sections are checked by their records as they are read
        for (Duration d : new Duration[] {c.rest.requestTimeout, c.tcp.lineTimeout}) {
            require(!d.isNegative() && !d.isZero(), "rest.request-timeout and tcp.line-timeout must be positive");
        }
        require(!c.devices.eventRetention.isNegative() && !c.devices.eventRetention.isZero(),
                "devices.event-retention must be positive");
        require(c.socketio.maxQueuedPackets < 50, "socketio.max-queued-packets must stay under 50");
    }

    /** Durations as the loader reads them back: whole milliseconds, which every default is. */
    private static final class DurationMillis extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toMillis() + "ms");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }
}
