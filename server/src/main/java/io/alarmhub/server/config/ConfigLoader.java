package io.alarmhub.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alarmhub.gateway.device.DeviceAdapter;
import io.alarmhub.gateway.device.DeviceAdapterRegistry;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the YAML file into {@link AlarmhubConfig}: each section's defaults (its record's {@code DEFAULT},
 * written to a tree) with what the file gives merged on top, the environment's secrets put in, and the result
 * bound into the records, whose constructors check it. Their messages name the key within the section; this
 * puts the section path in front ({@code rest.port: 70000 is not a port (0-65535)}).
 */
public final class ConfigLoader {

    /** The environment variable that overrides {@code tokens.key}. */
    public static final String TOKEN_KEY_ENV = "ALARMHUB_TOKEN_KEY";
    /** The environment variable that overrides {@code stream.tls.keystore-password}. */
    public static final String TLS_PASSWORD_ENV = "ALARMHUB_TLS_KEYSTORE_PASSWORD";
    /** The environment variable that overrides {@code media.key}. */
    public static final String MEDIA_KEY_ENV = "ALARMHUB_MEDIA_KEY";

    /**
     * Lists of records, by path: each item the file gives is merged over the item's defaults, so that it may
     * leave out what it does not change, as a section may.
     */
    private static final Map<String, Record> ITEM_DEFAULTS = Map.of(
            "devices.known", DevicesSection.KnownDevice.DEFAULT,
            "routing.rules", RoutingSection.Rule.DEFAULT,
            "enterprises", EnterpriseEntry.DEFAULT);

    /** The top-level keys that are sections of {@link AlarmhubConfig} itself rather than a vendor's. */
    private static final List<String> SECTIONS = Arrays.stream(AlarmhubConfig.class.getRecordComponents())
            .map(RecordComponent::getName).filter(name -> !name.equals("vendors")).toList();

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES, true)
            // "port:" with nothing after it is a mistake, not port 0 (merge names it first; this is the net)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .registerModule(new SimpleModule().addDeserializer(Duration.class, new DurationText())
                    // defaults are written to a tree and read back under what the file says:
                    // in the forms DurationText reads, and paths as written, not as absolute file: URIs
                    .addSerializer(Duration.class, new DurationMillis())
                    .addSerializer(Path.class, new ToStringSerializer(Path.class)));

    private final Map<String, String> environment;
    private ConfigOrigins origins = ConfigOrigins.NONE;
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

    /** Loads the file if given, the defaults otherwise; the environment's secrets apply either way. */
    public AlarmhubConfig load(Optional<Path> file) {
        ObjectNode root = file.map(this::read).orElseGet(yaml::createObjectNode);
        Optional<String> source = file.map(Path::toString);
        List<String> given = new ArrayList<>();
        keyPaths(root, "", given);
        try {
            // vendor sections go to their adapters' records; the rest is AlarmhubConfig's own
            Map<String, Record> vendors = new LinkedHashMap<>();
            for (DeviceAdapter<?> adapter : adapters.adapters()) {
                Optional.ofNullable(root.remove(adapter.vendor()))
                        .ifPresent(node -> vendors.put(adapter.vendor(), bind(adapter, node)));
            }
            Map<String, String> fromEnvironment = applyEnvironment(root);
            origins = new ConfigOrigins(file, given, fromEnvironment);
            ObjectNode merged = defaultsTree();
            merge(merged, root, "");
            try {
                return yaml.readerFor(AlarmhubConfig.class)
                        .with(new InjectableValues.Std().addValue(VendorSections.class,
                                new VendorSections(adapters, vendors)))
                        .readValue(merged, AlarmhubConfig.class).checked();
            } catch (IOException e) {
                throw failure("", e, fromEnvironment);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
        } catch (ConfigException e) {
            // every message names the key path; the file goes in front, so the operator knows where to look
            throw source.map(f -> new ConfigException(f + ": " + e.getMessage(), e)).orElse(e);
        }
    }

    /** Where the values of the last configuration loaded came from. */
    public ConfigOrigins origins() {
        return origins;
    }

    /** The leaf keys a file sets, as paths; a list counts as one key. */
    private static void keyPaths(JsonNode node, String path, List<String> paths) {
        if (node instanceof ObjectNode mapping && (path.isEmpty() || mapping.size() > 0)) {
            mapping.fields().forEachRemaining(e -> keyPaths(e.getValue(), path.isEmpty() ? e.getKey()
                    : path + "." + e.getKey(), paths));
        } else if (!path.isEmpty()) {
            paths.add(path);
        }
    }

    private ObjectNode read(Path file) {
        try {
            if (Files.size(file) == 0) {
                return yaml.createObjectNode();
            }
            JsonNode tree = yaml.readTree(file.toFile());
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return yaml.createObjectNode();
            }
            if (!(tree instanceof ObjectNode root)) {
                throw new ConfigException(file + ": the configuration is a mapping of sections, not "
                        + YamlWords.of(tree));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? ""
                    : " line " + at.getLineNr() + ", column " + at.getColumnNr();
            // the parser's first line says what is wrong; the rest repeats the place and quotes the line
            String what = e.getOriginalMessage().strip().lines().findFirst().orElse("unreadable");
            throw new ConfigException(file + where + ": not YAML: " + what, e);
        } catch (NoSuchFileException e) {
            throw new ConfigException("cannot read " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException("cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The vendor's defaults with what the file gives on top, read into its section record, which checks it. */
    private <S extends Record> S bind(DeviceAdapter<S> adapter, JsonNode given) {
        String vendor = adapter.vendor();
        ObjectNode merged = yaml.valueToTree(adapter.defaults());
        merge(merged, given, vendor);
        try {
            return yaml.treeToValue(merged, adapter.sectionType());
        } catch (IOException e) {
            throw failure(vendor, e, Map.of());
        }
    }

    /** The secrets the environment gives, put into the tree; the paths they went to, with their variables. */
    private Map<String, String> applyEnvironment(ObjectNode root) {
        Map<String, String> applied = new LinkedHashMap<>();
        Optional.ofNullable(environment.get(TOKEN_KEY_ENV)).filter(k -> !k.isBlank()).ifPresent(key -> {
            mapping(root, "tokens").put("key", key.trim());
            applied.put("tokens.key", TOKEN_KEY_ENV);
        });
        Optional.ofNullable(environment.get(MEDIA_KEY_ENV)).filter(k -> !k.isBlank()).ifPresent(key -> {
            mapping(root, "media").put("key", key.trim());
            applied.put("media.key", MEDIA_KEY_ENV);
        });
        Optional.ofNullable(environment.get(TLS_PASSWORD_ENV)).filter(p -> !p.isEmpty()).ifPresent(password -> {
            mapping(mapping(root, "stream"), "tls").put("keystore-password", password);
            applied.put("stream.tls.keystore-password", TLS_PASSWORD_ENV);
        });
        return applied;
    }

    /** The mapping under {@code key}, made if the file has none; anything else is left for binding to refuse. */
    private ObjectNode mapping(ObjectNode parent, String key) {
        JsonNode node = parent.get(key);
        if (node instanceof ObjectNode mapping) {
            return mapping;
        }
        return node == null || node.isNull() ? parent.putObject(key) : yaml.createObjectNode();
    }

    /** Every section's defaults as the file would write them (vendors' are bound on their own). */
    private ObjectNode defaultsTree() {
        ObjectNode tree = yaml.valueToTree(AlarmhubConfig.DEFAULT);
        tree.retain(SECTIONS);
        return tree;
    }

    /**
     * Puts what the file gives over the defaults: a mapping merges into the default mapping key by key (a
     * mapping with nothing under it keeps the defaults), items of the lists in {@link #ITEM_DEFAULTS} over
     * their item's defaults, anything else replaces the default. What cannot fit the default's shape is
     * refused here, where the path is at hand, rather than in Jackson's words.
     */
    private void merge(ObjectNode defaults, JsonNode given, String path) {
        if (given.isNull()) {
            return;
        }
        if (!(given instanceof ObjectNode keys)) {
            throw new ConfigException(path + ": should be a mapping of keys, not " + YamlWords.of(given));
        }
        keys.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            JsonNode value = entry.getValue();
            JsonNode current = defaults.get(key);
            if (current instanceof ObjectNode nested) {
                merge(nested, value, keyPath);
            } else if (current != null && value.isNull()) {
                throw new ConfigException(keyPath + ": needs a value");
            } else if (ITEM_DEFAULTS.containsKey(keyPath)) {
                defaults.set(key, mergeItems(value, ITEM_DEFAULTS.get(keyPath), keyPath));
            } else {
                defaults.set(key, value); // an unknown key is named when bound
            }
        });
    }

    private ArrayNode mergeItems(JsonNode given, Record itemDefaults, String path) {
        if (!(given instanceof ArrayNode items)) {
            throw new ConfigException(path + ": should be a list, not " + YamlWords.of(given));
        }
        ArrayNode merged = yaml.createArrayNode();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof ObjectNode keys)) {
                throw new ConfigException(path + "[" + i + "]: should be a mapping of keys, not "
                        + YamlWords.of(items.get(i)));
            }
            ObjectNode withDefaults = yaml.valueToTree(itemDefaults);
            withDefaults.setAll(keys);
            merged.add(withDefaults);
        }
        return merged;
    }

    /**
     * A binding failure as the operator should read it: the key path first. A record's own check already
     * starts with its key, so only the path to the record goes in front; Jackson's messages get the whole path.
     */
    private ConfigException failure(String prefix, IOException e, Map<String, String> env) {
        if (!(e instanceof JsonMappingException mapping)) {
            return new ConfigException(e.getMessage(), e);
        }
        String path = path(prefix, mapping);
        String message;
        if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String check = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            message = path.isEmpty() ? check : path + "." + check;
        } else if (e instanceof PropertyBindingException unknown) {
            message = path + ": unknown key (" + KeySuggestions.suggest(last(path), known(unknown, path)) + ")";
        } else if (e instanceof InvalidFormatException wrong) {
            message = path + ": " + YamlWords.quoted(wrong.getValue()) + " is not " + YamlWords.a(wrong.getTargetType());
        } else if (e instanceof MismatchedInputException wrong && wrong.getTargetType() != null) {
            message = path + ": should be " + YamlWords.a(wrong.getTargetType());
        } else {
            message = path + ": " + mapping.getOriginalMessage();
        }
        for (Map.Entry<String, String> override : env.entrySet()) {
            if (message.startsWith(override.getKey() + ":")) {
                message += " (from " + override.getValue() + ")";
            }
        }
        return new ConfigException(message, e);
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The keys that would have been right; at the top, the sections and the registered vendors. */
    private List<String> known(PropertyBindingException e, String path) {
        List<String> known = new ArrayList<>(e.getKnownPropertyIds().stream().map(String::valueOf)
                .filter(key -> path.contains(".") || !key.equals("vendors")).sorted().toList());
        if (!path.contains(".")) {
            known.addAll(adapters.vendors());
        }
        return known;
    }

    /** {@code stream.tls.certificate}, {@code enterprises[0].retention}: as the keys are written in YAML. */
    private static String path(String prefix, JsonMappingException e) {
        StringBuilder path = new StringBuilder(prefix);
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Durations as the loader reads them back: whole milliseconds, which every default is. */
    private static final class DurationMillis extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toMillis() + "ms");
        }
    }
}
