package io.alarmhub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.server.config.AlarmhubConfig;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code alarmhub hemu firmware}: an operator's firmware packages and rollouts, through the RestServer's
 * {@code /hemu/admin/firmware/} routes ({@link OperatorRest}: tokens minted from the configuration's key, for an
 * app of {@code hemu.operator-apps}). {@code package add FILE} uploads the file in pieces that fit
 * {@code rest.max-body-bytes}; {@code package add --url} has the server fetch it. Every command prints the
 * server's JSON answer; a refusal is one line on standard error and exit code 1.
 */
@Command(name = "firmware", mixinStandardHelpOptions = true,
        description = {"Hemu firmware packages and rollouts, through the RestServer's /hemu/admin/firmware/",
                "routes, as an app of hemu.operator-apps (its tokens minted from the configuration)."},
        subcommands = {HemuFirmwareCommand.PackageCommand.class, HemuFirmwareCommand.RolloutCommand.class})
final class HemuFirmwareCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest piece of an upload, whatever the body limit. */
    static final int MAX_PIECE = 3 * 1024 * 1024;

    /** Where the RestServer is and who calls it; with {@code --config}. */
    static final class Connection {
        @CommandLine.Mixin
        Main.ConfigOption config = new Main.ConfigOption();

        @Option(names = {"--server", "--rest"}, paramLabel = "URL",
                description = "the RestServer (default: http://<rest.host>:<rest.port> of the configuration)")
        Optional<URI> rest = Optional.empty();

        @Option(names = "--app", paramLabel = "APP",
                description = "the operator's app id (default: the first of hemu.operator-apps)")
        Optional<String> app = Optional.empty();

        AlarmhubConfig loaded;

        OperatorRest client() {
            loaded = config.load();
            return OperatorRest.of(loaded, rest, app);
        }
    }

    /** Runs a call and prints its answer; a refusal or a failure to connect is a line on standard error. */
    private static int print(CommandSpec spec, Call call) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(call.run()));
            out.flush();
            return 0;
        } catch (OperatorRest.Refused e) {
            spec.commandLine().getErr().println("hemu firmware: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("hemu firmware: " + e);
            return 1;
        }
    }

    @FunctionalInterface
    private interface Call {
        JsonNode run() throws IOException, InterruptedException, OperatorRest.Refused;
    }

    @Command(name = "package", mixinStandardHelpOptions = true, description = "Register, list and delete packages.",
            subcommands = {PackageCommand.Add.class, PackageCommand.ListPackages.class, PackageCommand.Remove.class})
    static final class PackageCommand {

        @Command(name = "add", mixinStandardHelpOptions = true,
                description = {"Register a package: upload FILE, or have the server fetch --url.",
                        "Prints the package, with its id and MD5 (checkSum)."})
        static final class Add implements Callable<Integer> {

            @Spec
            CommandSpec spec;

            @CommandLine.Mixin
            Connection connection = new Connection();

            @ArgGroup(exclusive = true, multiplicity = "1")
            Source source;

            static final class Source {
                @Parameters(paramLabel = "FILE", description = "the package file, uploaded in pieces")
                Optional<Path> file = Optional.empty();

                @Option(names = "--url", paramLabel = "URL", description = "an http(s) URL the server fetches it from")
                Optional<URI> url = Optional.empty();
            }

            @Option(names = "--service-type", required = true, paramLabel = "1|2",
                    description = "1: firmware (FW), 2: camera app")
            int serviceType;

            @Option(names = "--new-version", required = true, paramLabel = "VERSION",
                    description = "the version cameras have once it is installed (newServiceVersion)")
            String version;

            @Option(names = "--model", required = true, paramLabel = "MODEL",
                    description = "a deviceModelId it is for; repeatable")
            List<String> models = new ArrayList<>();

            @Option(names = "--check-sum", paramLabel = "MD5",
                    description = "the MD5 the package must have (computed for a FILE when not given)")
            Optional<String> checkSum = Optional.empty();

            @Option(names = "--name", paramLabel = "NAME", description = "its name (default: the file's, or the URL's)")
            Optional<String> name = Optional.empty();

            @Option(names = "--piece-bytes", paramLabel = "N",
                    description = "bytes per upload piece (default: what fits rest.max-body-bytes in base64)")
            Optional<Integer> pieceBytes = Optional.empty();

            @Override
            public Integer call() throws InterruptedException {
                OperatorRest rest = connection.client();
                ObjectNode body = JSON.createObjectNode().put("serviceType", serviceType).put("version", version);
                ArrayNode list = body.putArray("models");
                models.forEach(list::add);
                name.ifPresent(n -> body.put("name", n));
                if (source.url.isPresent()) {
                    checkSum.ifPresent(sum -> body.put("checkSum", sum));
                    body.put("url", source.url.get().toString());
                    return print(spec, () -> rest.post(body.toString(), "firmware", "packages"));
                }
                Path file = source.file.orElseThrow();
                int piece = pieceBytes.orElse(piece(connection.loaded.rest().maxBodyBytes()));
                if (piece < 1) {
                    throw new ParameterException(spec.commandLine(), "--piece-bytes must be at least 1");
                }
                return print(spec, () -> upload(rest, body, file, piece));
            }

            /** Starts the upload with the file's size and MD5, then sends it piece by piece. */
            private JsonNode upload(OperatorRest rest, ObjectNode body, Path file, int piece)
                    throws IOException, InterruptedException, OperatorRest.Refused {
                if (!Files.isRegularFile(file)) {
                    throw new IOException(file + " is not a file");
                }
                body.put("size", Files.size(file));
                body.put("checkSum", checkSum.orElse(md5(file)));
                if (name.isEmpty()) {
                    body.put("name", file.getFileName().toString());
                }
                JsonNode answer = rest.post(body.toString(), "firmware", "packages");
                String upload = answer.path("upload").asText();
                long offset = 0;
                byte[] buffer = new byte[piece];
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n; (n = in.readNBytes(buffer, 0, piece)) > 0; offset += n) {
                        byte[] bytes = n == piece ? buffer : Arrays.copyOf(buffer, n);
                        answer = rest.post(Base64.getEncoder().encodeToString(bytes), "firmware", "uploads", upload,
                                Long.toString(offset));
                    }
                }
                return answer;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List the packages.")
        static final class ListPackages implements Callable<Integer> {

            @Spec
            CommandSpec spec;

            @CommandLine.Mixin
            Connection connection = new Connection();

            @Override
            public Integer call() throws InterruptedException {
                OperatorRest rest = connection.client();
                return print(spec, () -> rest.get("firmware", "packages"));
            }
        }

        @Command(name = "remove", mixinStandardHelpOptions = true,
                description = "Delete a package no running rollout sends, and the server's copy of it.")
        static final class Remove implements Callable<Integer> {

            @Spec
            CommandSpec spec;

            @CommandLine.Mixin
            Connection connection = new Connection();

            @Parameters(paramLabel = "ID", description = "the package's id")
            String id;

            @Override
            public Integer call() throws InterruptedException {
                OperatorRest rest = connection.client();
                return print(spec, () -> rest.delete("firmware", "packages", id));
            }
        }
    }

    @Command(name = "rollout", mixinStandardHelpOptions = true, description = "Start, show and cancel rollouts.",
            subcommands = {RolloutCommand.Start.class, RolloutCommand.Show.class, RolloutCommand.Cancel.class})
    static final class RolloutCommand {

        @Command(name = "start", mixinStandardHelpOptions = true,
                description = {"Send a package to cameras: by --device, or every camera of a --model (that has",
                        "--from-version now). Each is sent the upgrade command when it is online."})
        static final class Start implements Callable<Integer> {

            @Spec
            CommandSpec spec;

            @CommandLine.Mixin
            Connection connection = new Connection();

            @Option(names = "--package", required = true, paramLabel = "ID", description = "the package's id")
            String packageId;

            @ArgGroup(exclusive = true, multiplicity = "1")
            Target target;

            static final class Target {
                @Option(names = "--device", paramLabel = "ID", description = "a camera's deviceId; repeatable")
                List<String> devices = new ArrayList<>();

                @ArgGroup(exclusive = false)
                ByModel model;
            }

            static final class ByModel {
                @Option(names = "--model", required = true, paramLabel = "MODEL", description = "a deviceModelId")
                String model;

                @Option(names = "--from-version", paramLabel = "VERSION",
                        description = "only the cameras that have this version now")
                Optional<String> version = Optional.empty();
            }

            @Override
            public Integer call() throws InterruptedException {
                OperatorRest rest = connection.client();
                ObjectNode body = JSON.createObjectNode().put("package", packageId);
                if (target.model != null) {
                    body.put("model", target.model.model);
                    target.model.version.ifPresent(v -> body.put("version", v));
                } else {
                    ArrayNode list = body.putArray("devices");
                    target.devices.forEach(list::add);
                }
                return print(spec, () -> rest.post(body.toString(), "firmware", "rollouts"));
            }
        }

        @Command(name = "show", mixinStandardHelpOptions = true,
                description = "Show a rollout with each camera's update; without ID, list the rollouts.")
        static final class Show implements Callable<Integer> {

            @Spec
            CommandSpec spec;

            @CommandLine.Mixin
            Connection connection = new Connection();

            @Parameters(arity = "0..1", paramLabel = "ID", description = "the rollout's id")
            Optional<String> id = Optional.empty();

            @Override
            public Integer call() throws InterruptedException {
                OperatorRest rest = connection.client();
                return print(spec, () -> id.isPresent() ? rest.get("firmware", "rollouts", id.get())
                        : rest.get("firmware", "rollouts"));
            }
        }

        @Command(name = "cancel", mixinStandardHelpOptions = true,
                description = "Cancel a rollout's updates that still wait for their cameras.")
        static final class Cancel implements Callable<Integer> {

            @Spec
            CommandSpec spec;

            @CommandLine.Mixin
            Connection connection = new Connection();

            @Parameters(paramLabel = "ID", description = "the rollout's id")
            String id;

            @Override
            public Integer call() throws InterruptedException {
                OperatorRest rest = connection.client();
                return print(spec, () -> rest.post("", "firmware", "rollouts", id, "cancel"));
            }
        }
    }

    /** The most bytes whose base64 fits {@code maxBodyBytes}: 3 bytes make 4 characters. */
    static int piece(int maxBodyBytes) {
        return (int) Math.min(MAX_PIECE, (maxBodyBytes / 4L) * 3);
    }

    static String md5(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("MD5"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
