package io.alarmhub.gateway.device.hemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The manufacturers whose cameras may register, with their access secrets read from where the
 * configuration says. The secret is kept in memory because the protocol needs it itself: it verifies each
 * request's {@code signature} and WSSE digest.
 */
public final class Manufacturers {

    /** A manufacturer ready to check requests; {@link #toString()} leaves the secret out. */
    public record Manufacturer(String name, String accessKey, String accessSecret, Set<String> models) {

        public Manufacturer {
            models = Set.copyOf(models);
        }

        /** Whether the model is one of this manufacturer's, compared without regard to case. */
        public boolean makes(String modelId) {
            return models.contains(ModelIds.normalise(modelId));
        }

        @Override
        public String toString() {
            return "Manufacturer[" + name + ", " + accessKey + ", " + models.size() + " models]";
        }
    }

    private final Map<String, Manufacturer> byKey;

    private Manufacturers(Map<String, Manufacturer> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    /**
     * Reads each entry's secret: from {@code secret-file} (resolved against {@code dataDir}), which must not
     * be readable by group or others where the file system says, or from the environment.
     *
     * @throws IllegalArgumentException naming the key ({@code manufacturers[0].secret-file: ...}) when a
     *                                  secret cannot be read or is exposed
     */
    public static Manufacturers load(List<ManufacturerEntry> entries, Path dataDir, Map<String, String> env) {
        Map<String, Manufacturer> byKey = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ManufacturerEntry entry = entries.get(i);
            String secret = entry.secretFile().isEmpty()
                    ? fromEnv("manufacturers[" + i + "].secret-env", entry.secretEnv(), env)
                    : fromFile("manufacturers[" + i + "].secret-file", dataDir.resolve(entry.secretFile()));
            byKey.put(entry.accessKey(), new Manufacturer(entry.name(), entry.accessKey(), secret,
                    entry.models().stream().map(ModelIds::normalise).collect(Collectors.toSet())));
        }
        return new Manufacturers(byKey);
    }

    /** Manufacturers whose secrets are already at hand (tools and tests). */
    public static Manufacturers of(Manufacturer... manufacturers) {
        Map<String, Manufacturer> byKey = new LinkedHashMap<>();
        for (Manufacturer m : manufacturers) {
            byKey.put(m.accessKey(), m);
        }
        return new Manufacturers(byKey);
    }

    public Optional<Manufacturer> find(String accessKey) {
        return Optional.ofNullable(byKey.get(accessKey));
    }

    /** Whether any manufacturer here makes the model (compared without regard to case). */
    public boolean anyMakes(String modelId) {
        return byKey.values().stream().anyMatch(m -> m.makes(modelId));
    }

    public int size() {
        return byKey.size();
    }

    /** Names and keys, for the log line at start. */
    public String describe() {
        return byKey.values().stream().map(m -> m.name() + " (key " + m.accessKey() + ", " + m.models().size()
                + (m.models().size() == 1 ? " model)" : " models)")).collect(Collectors.joining(", "));
    }

    private static String fromEnv(String key, String variable, Map<String, String> env) {
        String secret = env.getOrDefault(variable, "").trim();
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(key + ": the environment variable " + variable + " is not set");
        }
        return secret;
    }

    private static String fromFile(String key, Path file) {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    throw new IllegalArgumentException(key + ": " + file + " is readable by others than its owner;"
                            + " chmod 600 it");
                }
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (secret.isEmpty()) {
                throw new IllegalArgumentException(key + ": " + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }
}
