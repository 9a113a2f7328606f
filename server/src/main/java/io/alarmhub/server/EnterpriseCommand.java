package io.alarmhub.server;

import io.alarmhub.core.stream.SecretHash;
import io.alarmhub.gateway.device.DeviceAdapterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code alarmhub enterprise}: sets up enterprise back ends for the event stream. {@code new} makes a
 * random secret, prints it once and prints the {@code enterprises:} entry to paste into the configuration,
 * which keeps only the secret's hash; {@code hash-secret} hashes a secret chosen elsewhere, read from
 * standard input or {@value #SECRET_ENV}, never from the command line (where {@code ps} would show it).
 */
@Command(name = "enterprise", mixinStandardHelpOptions = true,
        description = "Set up enterprise back ends for the event stream (port 2015).",
        subcommands = {EnterpriseCommand.New.class, EnterpriseCommand.HashSecret.class})
final class EnterpriseCommand {

    static final String SECRET_ENV = "ALARMHUB_ENTERPRISE_SECRET";
    /** Picocli builds this command without arguments, so it takes this build's vendors. */
    static final Set<String> VENDORS = DeviceAdapterRegistry.STANDARD.vendors();
    static final int SECRET_BYTES = 32;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    /** The duration forms of the configuration (see config.DurationText). */
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private final Map<String, String> env;
    private final InputStream stdin;

    EnterpriseCommand() {
        this(System.getenv(), null);
    }

    /** @param stdin where {@code hash-secret} reads; {@code null} for the process's own (the console, if any) */
    EnterpriseCommand(Map<String, String> env, InputStream stdin) {
        this.env = env;
        this.stdin = stdin;
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Make an enterprise: print a new random secret (once: it is stored nowhere)",
                    "and the entry to add under enterprises: in the configuration."})
    static final class New implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, paramLabel = "ID",
                description = "the enterprise id it logs in with: 1-64 of A-Z a-z 0-9 _ . -")
        String id;

        @Option(names = "--vendor", paramLabel = "VENDOR",
                description = "a vendor all of whose devices it receives: ${COMPLETION-CANDIDATES}; repeatable",
                completionCandidates = VendorNames.class)
        List<String> vendors = new ArrayList<>();

        @Option(names = "--device", paramLabel = "VENDOR/ID",
                description = "a device it receives, e.g. jovision/S35084741; repeatable")
        List<String> devices = new ArrayList<>();

        @Option(names = "--retention", defaultValue = "7d", paramLabel = "DURATION",
                description = "how long an event waits for its ack before it is dropped, e.g. 12h, 7d (default: ${DEFAULT-VALUE})")
        String retention;

        @Override
        public Integer call() {
            if (!ID.matcher(id).matches()) {
                throw new ParameterException(spec.commandLine(),
                        "--id must be 1 to 64 of A-Z a-z 0-9 _ . - (got '" + id + "')");
            }
            Set<String> vendorSet = new LinkedHashSet<>();
            for (String vendor : vendors) {
                vendorSet.add(vendor(vendor.trim(), "--vendor"));
            }
            Set<String> deviceSet = new LinkedHashSet<>();
            for (String device : devices) {
                String[] parts = device.trim().split("/", 2);
                if (parts.length != 2 || !DEVICE_ID.matcher(parts[1]).matches()) {
                    throw new ParameterException(spec.commandLine(), "--device must read VENDOR/ID, e.g. "
                            + "jovision/S35084741, with an id of 1 to 64 of A-Z a-z 0-9 _ . : - (got '" + device + "')");
                }
                deviceSet.add(vendor(parts[0], "--device") + "/" + parts[1]);
            }
            var duration = DURATION.matcher(retention.trim());
            if (!duration.matches() || Long.parseLong(duration.group(1)) == 0) {
                throw new ParameterException(spec.commandLine(),
                        "--retention must be a duration above zero, e.g. 12h or 7d (got '" + retention + "')");
            }

            byte[] random = new byte[SECRET_BYTES];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);

            PrintWriter out = spec.commandLine().getOut();
            out.println("enterprise secret for " + id + " (shown this once and stored nowhere; hand it to the enterprise):");
            out.println("  " + secret);
            out.println();
            out.println("# add under enterprises: in the configuration (only the secret's hash is kept there)");
            out.println("enterprises:");
            out.println("  - id: " + quote(id));
            out.println("    secret-hash: " + quote(SecretHash.of(secret).encoded()));
            out.println("    vendors: " + list(vendorSet));
            out.println("    devices: " + list(deviceSet));
            out.println("    retention: " + retention.trim());
            out.flush();
            if (vendorSet.isEmpty() && deviceSet.isEmpty()) {
                spec.commandLine().getErr().println("note: no --vendor and no --device: this enterprise receives no events"
                        + " until you list some in the configuration");
            }
            return 0;
        }

        private String vendor(String vendor, String option) {
            String name = vendor.toLowerCase(java.util.Locale.ROOT);
            if (!VENDORS.contains(name)) {
                throw new ParameterException(spec.commandLine(), option + ": unknown vendor '" + vendor
                        + "' (one of " + String.join(", ", VendorNames.SORTED) + ")");
            }
            return name;
        }

        private static String list(Set<String> values) {
            return values.stream().map(New::quote).collect(Collectors.joining(", ", "[", "]"));
        }

        /** A YAML single-quoted scalar: the values checked above hold no quote, but quote them whatever they hold. */
        private static String quote(String value) {
            return "'" + value.replace("'", "''") + "'";
        }
    }

    @Command(name = "hash-secret", mixinStandardHelpOptions = true,
            description = {"Print the secret-hash of an enterprise secret read from standard input",
                    "(the first line) or from the environment variable " + SECRET_ENV + "."})
    static final class HashSecret implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @ParentCommand
        EnterpriseCommand parent;

        @Override
        public Integer call() {
            String secret = parent.env.getOrDefault(SECRET_ENV, "");
            if (secret.isEmpty()) {
                secret = read();
            }
            secret = secret.strip();
            if (secret.isEmpty()) {
                throw new ParameterException(spec.commandLine(),
                        "no secret: write it to standard input or set " + SECRET_ENV);
            }
            spec.commandLine().getOut().println(SecretHash.of(secret).encoded());
            spec.commandLine().getOut().flush();
            return 0;
        }

        private String read() {
            Console console = System.console();
            if (parent.stdin == null && console != null) {
                char[] typed = console.readPassword("enterprise secret: ");
                return typed == null ? "" : new String(typed);
            }
            InputStream in = parent.stdin == null ? System.in : parent.stdin;
            try {
                String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                throw new UncheckedIOException("reading the secret from standard input", e);
            }
        }
    }

    /** The vendor names, for the help text. */
    static final class VendorNames implements Iterable<String> {

        static final List<String> SORTED = VENDORS.stream().sorted().toList();

        @Override
        public java.util.Iterator<String> iterator() {
            return SORTED.iterator();
        }
    }
}
