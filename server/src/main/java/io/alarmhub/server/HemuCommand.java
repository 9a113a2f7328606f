package io.alarmhub.server;

import io.alarmhub.gateway.device.hemu.ModelIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * {@code alarmhub hemu}: sets up the China Mobile Hemu platform's side of a camera manufacturer.
 * {@code manufacturer} makes an access key and secret, keeps the secret in a file of the data directory
 * readable by its owner only and prints the configuration entry that points at it; {@code model} checks
 * model ids; {@code camera} plays a camera against the OpenAPI ({@link HemuCameraCommand}); {@code plan} shows or
 * changes a camera's plan through a running server's operator route ({@link HemuPlanCommand}); {@code firmware}
 * registers firmware packages and rolls them out ({@link HemuFirmwareCommand}).
 */
@Command(name = "hemu", mixinStandardHelpOptions = true,
        description = "Set up Hemu camera manufacturers, check model ids, simulate a Hemu camera, set cameras' plans,"
                + " and roll out firmware.",
        subcommands = {HemuCommand.Manufacturer.class, HemuCommand.Model.class, HemuCameraCommand.class,
                HemuPlanCommand.class, HemuFirmwareCommand.class})
final class HemuCommand {

    /** The folder of the data directory that holds the manufacturers' secrets. */
    static final String DIR = "hemu";
    static final int KEY_LENGTH = 12;
    static final int SECRET_LENGTH = 20;

    private static final String KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** As the document's example secret, {@code XgijVJq7elp94Ax3cKvq}. */
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /**
     * A name YAML reads back as the same string without quotes: it starts with a letter (so it is no number)
     * and holds no character YAML gives a meaning; anything else, and YAML's words for booleans and null,
     * is single-quoted.
     */
    private static final Pattern PLAIN = Pattern.compile("\\p{L}([\\p{L}\\p{N} ._()-]*[\\p{L}\\p{N}._)])?");
    private static final Set<String> YAML_WORDS = Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null");

    final Map<String, String> env;

    HemuCommand() {
        this(System.getenv());
    }

    /** @param env where {@code camera} looks for {@value HemuCameraCommand#SECRET_ENV} */
    HemuCommand(Map<String, String> env) {
        this.env = env;
    }

    @Command(name = "manufacturer", mixinStandardHelpOptions = true,
            description = {"Make a manufacturer's access key and secret.",
                    "The secret goes to <data-dir>/hemu/<KEY>.secret, readable by this user only,",
                    "and is shown once; prints the entry to add under hemu: manufacturers: in the",
                    "configuration."})
    static final class Manufacturer implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the manufacturer's name, for people")
        String name;

        @Option(names = "--access-key", paramLabel = "KEY",
                description = "1-32 of A-Z a-z 0-9 (default: " + KEY_LENGTH + " random lower-case letters and digits)")
        Optional<String> accessKey = Optional.empty();

        @Option(names = "--model", paramLabel = "MODEL",
                description = "a model id of its cameras, KEY_ then 1-16 letters, digits or _; repeatable")
        List<String> models = new ArrayList<>();

        @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
                description = "the server's data.dir, which the secret file is relative to (default: ${DEFAULT-VALUE})")
        Path dataDir;

        @Override
        public Integer call() {
            String label = name.strip();
            if (label.isEmpty() || label.length() > 100 || label.chars().anyMatch(Character::isISOControl)) {
                throw new ParameterException(spec.commandLine(), "--name must be 1 to 100 characters, none of them control characters");
            }
            if (accessKey.isEmpty() && !models.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--model needs --access-key, since a model id starts"
                        + " with the key; or add the models later, checked by 'alarmhub hemu model'");
            }
            String key = accessKey.orElseGet(() -> random(new SecureRandom(), KEY_ALPHABET, KEY_LENGTH));
            if (!ModelIds.validAccessKey(key)) {
                throw new ParameterException(spec.commandLine(),
                        "--access-key must be 1 to 32 of A-Z a-z 0-9 _ . - (got '" + key + "')");
            }
            Optional<List<String>> checked = checkModels(spec, key, models);
            if (checked.isEmpty()) {
                return 2;
            }

            String secret = random(new SecureRandom(), SECRET_ALPHABET, SECRET_LENGTH);
            Path relative = Path.of(DIR, key + ".secret");
            Path file = dataDir.resolve(relative);
            try {
                writePrivate(file, secret);
            } catch (FileAlreadyExistsException e) {
                spec.commandLine().getErr().println("hemu: " + file + " exists already: access key " + key
                        + " is taken; choose another --access-key, or delete the file to replace its secret");
                return 1;
            } catch (IOException e) {
                spec.commandLine().getErr().println("hemu: cannot write " + file + ": " + e.getMessage());
                return 1;
            }

            PrintWriter out = spec.commandLine().getOut();
            out.println("access key:    " + key);
            out.println("access secret: " + secret);
            out.println("  (shown once: it is kept in " + file + ", readable by this user only; the server reads it from there)");
            out.println();
            out.println("# add under hemu: manufacturers: in the configuration (secret-file is relative to data.dir)");
            out.println("hemu:");
            out.println("  manufacturers:");
            out.println("    - name: " + yaml(label));
            out.println("      access-key: " + key);
            out.println("      secret-file: " + DIR + "/" + key + ".secret");
            out.println("      models: " + list(checked.get()));
            out.flush();
            return 0;
        }

        /**
         * Creates the file with its permissions from the start, so that no other user can open it in the moment
         * between creating and restricting it; refuses an existing file, which holds another secret in use.
         */
        private static void writePrivate(Path file, String secret) throws IOException {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            try {
                // No newline: the file holds the secret and nothing else, however a reader trims.
                Files.writeString(file, secret, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }

        private static String yaml(String value) {
            boolean plain = PLAIN.matcher(value).matches() && !YAML_WORDS.contains(value.toLowerCase(Locale.ROOT));
            return plain ? value : "'" + value.replace("'", "''") + "'";
        }
    }

    @Command(name = "model", mixinStandardHelpOptions = true,
            description = {"Check model ids and print the models: line of a manufacturer's entry.",
                    "A model id is the access key (in any case), _, then 1-16 letters, digits or _."})
    static final class Model implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--access-key", required = true, paramLabel = "KEY", description = "the manufacturer's access key")
        String accessKey;

        @Parameters(arity = "1..*", paramLabel = "MODEL", description = "the model ids")
        List<String> models = new ArrayList<>();

        @Override
        public Integer call() {
            if (!ModelIds.validAccessKey(accessKey)) {
                throw new ParameterException(spec.commandLine(),
                        "--access-key must be 1 to 32 of A-Z a-z 0-9 _ . - (got '" + accessKey + "')");
            }
            Optional<List<String>> checked = checkModels(spec, accessKey, models);
            if (checked.isEmpty()) {
                return 2;
            }
            spec.commandLine().getOut().println("models: " + list(checked.get()));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /**
     * The model ids, each once (compared normalised, as the server compares them) in the order given; or,
     * when any is invalid, nothing and one line on standard error for each invalid one.
     */
    static Optional<List<String>> checkModels(CommandSpec spec, String accessKey, List<String> models) {
        Map<String, String> valid = new LinkedHashMap<>();
        boolean allValid = true;
        for (String model : models) {
            if (ModelIds.valid(accessKey, model)) {
                valid.putIfAbsent(ModelIds.normalise(model), model);
            } else {
                allValid = false;
                spec.commandLine().getErr().println(model + ": not " + accessKey + "_ followed by 1-16 letters, digits or _");
            }
        }
        spec.commandLine().getErr().flush();
        return allValid ? Optional.of(List.copyOf(valid.values())) : Optional.empty();
    }

    /** Model ids are letters, digits and _, which YAML takes plain. */
    static String list(List<String> values) {
        return "[" + String.join(", ", values) + "]";
    }

    static String random(RandomGenerator random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
