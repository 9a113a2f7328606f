package io.alarmhub.server;

import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.tls.TlsException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code alarmhub hemu camera}: one simulated camera ({@link HemuCamera}) walks the registration flow
 * against a Hemu OpenAPI and prints one line per answer; with {@code --hedgw} it then logs in to the HEDGW
 * ({@link HedgwCamera}), pings it, may report motion and may stream media files ({@link CameraVideoOptions},
 * {@link CameraVideo}). The access secret comes from a file or from
 * {@value #SECRET_ENV}, never from the command line, where {@code ps} would show it.
 */
@Command(name = "camera", mixinStandardHelpOptions = true,
        description = {"Play a Hemu camera against the OpenAPI, one line per answer.",
                "Registers it for a user (or, --wired, for the user who binds it), reports its",
                "capacity, gets the HEDGW address and the settings, reports its info and",
                "settings. With --hedgw it then logs in to the HEDGW it was given (TLS 1.2) on",
                "the live channel, pings once and, with --motion, reports a motion start and end;",
                "with --stay it stays connected, pinging every ping_pong_span, answering apps'",
                "commands as a camera does and printing one line per command, and carrying out a",
                "firmware upgrade (download, progress, reboot, new version). With --video and/or",
                "--audio it streams those files as a camera uploads them, in real time (with",
                "--sd-card at once, on the SD-card channel), keeping its plan: with plan 2",
                "(expired) only while a viewer watches; it stays until the files are sent unless",
                "--stay says otherwise, and hears an app's talk audio (--talk-out keeps it).",
                "Exits 0 when every step answered errorCode 0 (and the HEDGW login result 0).",
                "The access secret comes from --secret-file or " + HemuCameraCommand.SECRET_ENV + ", never the",
                "command line."})
final class HemuCameraCommand implements Callable<Integer> {

    static final String SECRET_ENV = "ALARMHUB_HEMU_SECRET";

    @ParentCommand
    HemuCommand hemu;

    @Spec
    CommandSpec spec;

    @Option(names = "--api", required = true, paramLabel = "URL", description = "the OpenAPI, e.g. https://192.168.1.10:8443")
    URI api;

    @Option(names = "--trust", required = true, paramLabel = "FILE",
            description = "the server's certificate to trust (PEM), e.g. <data.dir>/tls/server.crt")
    Path trust;

    @Option(names = "--access-key", required = true, paramLabel = "KEY", description = "the manufacturer's access key")
    String accessKey;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "the file holding the access secret (default: the environment variable " + SECRET_ENV + ")")
    Optional<Path> secretFile = Optional.empty();

    @Option(names = "--device-id", required = true, paramLabel = "ID", description = "the camera's deviceId")
    String deviceId;

    @Option(names = "--mac", required = true, paramLabel = "MAC", description = "the camera's deviceMacAddress")
    String mac;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "the camera's deviceModelId, KEY_...")
    String model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Binding binding;

    @Mixin
    CameraVideoOptions media;

    @Option(names = "--hedgw", description = "after the OpenAPI, log in to the HEDGW it named, ping it once")
    boolean hedgw;

    @Option(names = "--hedgw-address", paramLabel = "HOST:PORT", converter = AddressConverter.class,
            description = "the HEDGW to use instead of the serverAddr and serverPort the OpenAPI gave; implies --hedgw")
    Optional<Address> hedgwAddress = Optional.empty();

    @Option(names = "--hedgw-trust", paramLabel = "FILE",
            description = "the HEDGW's certificate to trust (PEM), when it is not the --trust one")
    Optional<Path> hedgwTrust = Optional.empty();

    @Option(names = "--hedgw-timeout", defaultValue = "10s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "for connecting to the HEDGW and for each of its answers (default: ${DEFAULT-VALUE})")
    Duration hedgwTimeout;

    @Option(names = "--motion", description = "with --hedgw: after the ping, report a motion start and its end")
    boolean motion;

    @Option(names = "--stay", paramLabel = "DURATION", converter = DurationConverter.class,
            description = {"with --hedgw: then stay connected this long (0: until interrupted), pinging every",
                    "ping_pong_span, answering apps' commands (one line per command) and carrying out",
                    "firmware upgrades"})
    Optional<Duration> stay = Optional.empty();

    @Option(names = "--talk-out", paramLabel = "FILE",
            description = {"with --stay or files to stream: write the G.711 A-law an app's two-way talk brings",
                    "(its RTP headers taken off, its first minute) to FILE as it comes"})
    Optional<Path> talkOut = Optional.empty();

    /** Who the camera is for: a user given here, or, wired, the user the platform says bound it. */
    static final class Binding {

        @ArgGroup(exclusive = false)
        Owner owner;

        @ArgGroup(exclusive = false)
        Wired wired;
    }

    static final class Owner {

        @Option(names = "--user-mobile", required = true, paramLabel = "MOBILE", description = "the user's mobile number")
        String mobile;

        @Option(names = "--user-token", required = true, paramLabel = "TOKEN", description = "the user's token from the app")
        String token;
    }

    static final class Wired {

        @Option(names = "--wired", required = true,
                description = "poll the bind info until a user has bound the camera, then register for that user")
        boolean wired;

        @Option(names = "--poll-interval", defaultValue = "10s", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "between two polls; at least 10s, the platform's minimum (default: ${DEFAULT-VALUE})")
        Duration pollInterval;

        @Option(names = "--wait", defaultValue = "5m", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "how long to poll before giving up (default: ${DEFAULT-VALUE})")
        Duration wait;
    }

    /** A HEDGW's host and port. */
    record Address(String host, int port) {

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (binding.wired != null && binding.wired.pollInterval.compareTo(HemuCamera.MIN_POLL_INTERVAL) < 0) {
            throw new ParameterException(spec.commandLine(), "--poll-interval must be at least 10s, the platform's minimum");
        }
        boolean toHedgw = hedgw || hedgwAddress.isPresent();
        if (motion && !toHedgw) {
            throw new ParameterException(spec.commandLine(), "--motion needs --hedgw (or --hedgw-address)");
        }
        if (stay.isPresent() && !toHedgw) {
            throw new ParameterException(spec.commandLine(), "--stay needs --hedgw (or --hedgw-address)");
        }
        if (talkOut.isPresent() && stay.isEmpty() && !media.streams()) {
            throw new ParameterException(spec.commandLine(), "--talk-out needs --stay (or --video or --audio)");
        }
        if (hedgwTimeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--hedgw-timeout must be more than 0");
        }
        media.check(spec, toHedgw);
        Optional<VideoSource> source = media.open(spec);
        String secret = secret();
        HemuCamera camera = camera(secret);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HemuCamera.Walk walk;
        try {
            if (binding.wired != null) {
                walk = camera.walkWired(binding.wired.pollInterval, binding.wired.wait, answer -> print(out, answer));
            } else {
                walk = camera.walk(binding.owner.mobile, binding.owner.token, answer -> print(out, answer));
            }
        } catch (IOException e) {
            err.println("hemu camera: " + api + ": " + e);
            return 1;
        }
        switch (walk.outcome()) {
            case COMPLETE -> {
                out.println("HEDGW at " + walk.serverAddr().orElse("?") + ":" + walk.serverPort().orElse("?"));
                out.flush();
                return toHedgw ? hedgw(walk, secret, camera, source, out, err) : 0;
            }
            case NOT_BOUND -> {
                err.println("hemu camera: no user bound the camera within " + binding.wired.wait.toSeconds() + " s");
                return 1;
            }
            default -> {
                HemuCamera.Answer failed = walk.failure().orElseThrow();
                err.println("hemu camera: " + label(failed) + " failed: " + (failed.ok()
                        ? "errorCode 0 but no deviceToken"
                        : "errorCode " + code(failed) + (failed.description().isEmpty() ? "" : ": " + failed.description())));
                return 1;
            }
        }
    }

    /**
     * Logs in to the HEDGW on the live channel (or the SD card's), pings it, with --motion reports a motion start
     * and end, and with --stay or files to stream stays, answering commands and streaming.
     */
    private int hedgw(HemuCamera.Walk walk, String secret, HemuCamera camera, Optional<VideoSource> source,
                      PrintWriter out, PrintWriter err) throws InterruptedException {
        Address address;
        if (hedgwAddress.isPresent()) {
            address = hedgwAddress.get();
        } else {
            Optional<Integer> port = walk.serverPort().flatMap(HemuCameraCommand::port);
            if (walk.serverAddr().isEmpty() || port.isEmpty()) {
                err.println("hemu camera: the OpenAPI gave no usable HEDGW address (serverAddr "
                        + walk.serverAddr().orElse("(none)") + ", serverPort " + walk.serverPort().orElse("(none)")
                        + "); give --hedgw-address");
                return 1;
            }
            address = new Address(walk.serverAddr().get(), port.get());
        }
        HedgwCamera.LoginParameters login = HedgwCamera.LoginParameters.builder()
                .accessKey(accessKey).accessSecret(secret).userName(userMobile(walk))
                .deviceToken(walk.deviceToken().orElseThrow()).unifiedId(walk.unifiedId().orElse(""))
                .deviceMac(mac).deviceId(deviceId).channelId(media.channelId()).build();
        HedgwCamera.StreamSettings settings = source.map(VideoSource::streamSettings)
                .orElse(HedgwCamera.StreamSettings.DEFAULT);
        try (HedgwCamera connection = HedgwCamera.connect(address.host(), address.port(), hedgwTrust.orElse(trust),
                hedgwTimeout)) {
            Hedgw.DevLoginResp answer = connection.login(login, settings);
            out.println("DevLoginResp result " + answer.getResult()
                    + " ping_pong_span " + (answer.hasPingPongSpan() ? answer.getPingPongSpan() : "(none)")
                    + " device_status " + (answer.hasDeviceStatus() ? answer.getDeviceStatus() : "(none)"));
            out.flush();
            if (answer.getResult() != 0) {
                err.println("hemu camera: HEDGW " + address + " refused the login: result " + answer.getResult());
                return 1;
            }
            out.println("PONG " + connection.ping());
            out.flush();
            if (motion) {
                connection.event(HedgwCamera.EVENT_MOTION, 1, System.currentTimeMillis(), Optional.empty());
                out.println("DevEventCmd type " + HedgwCamera.EVENT_MOTION + " status 1 (motion start)");
                connection.event(HedgwCamera.EVENT_MOTION, 0, System.currentTimeMillis(), Optional.empty());
                out.println("DevEventCmd type " + HedgwCamera.EVENT_MOTION + " status 0 (motion end)");
                out.flush();
            }
            if (stay.isPresent() || source.isPresent()) {
                SimulatedFirmwareUpdate.Reboot reboot = () -> {
                    HedgwCamera again = HedgwCamera.connect(address.host(), address.port(), hedgwTrust.orElse(trust),
                            hedgwTimeout);
                    out.println("DevLoginResp result " + again.login(login, settings).getResult()
                            + " (after the reboot)");
                    out.flush();
                    return again;
                };
                return stay(connection, answer, source, new SimulatedFirmwareUpdate(deviceId, camera, camera.firmwareVersion(),
                        camera.cameraAppVersion(), SimulatedFirmwareUpdate.Outcome.INSTALL, line -> {
                            out.println(line);
                            out.flush();
                        }), reboot, out, err);
            }
            return 0;
        } catch (IOException | TlsException e) {
            err.println("hemu camera: HEDGW " + address + ": " + e);
            return 1;
        }
    }

    /**
     * Stays connected for --stay (without it: until the files are sent), answering commands, streaming and hearing
     * talk; a firmware upgrade (4097) is carried out: downloaded, reported, and after the simulated reboot the
     * camera logs in again and stays, and streams, on its new connection. 1 when the server ends the connection
     * first, or streaming fails.
     */
    private int stay(HedgwCamera connection, Hedgw.DevLoginResp login, Optional<VideoSource> source,
                     SimulatedFirmwareUpdate firmware, SimulatedFirmwareUpdate.Reboot reboot, PrintWriter out,
                     PrintWriter err) throws IOException, InterruptedException {
        Duration span = Duration.ofSeconds(login.hasPingPongSpan() && login.getPingPongSpan() > 0
                ? login.getPingPongSpan() : 30);
        boolean forever = stay.map(Duration::isZero).orElse(media.loop);
        out.println("staying connected " + (forever ? "until interrupted" : stay.isPresent() ? "for "
                + stay.get().toSeconds() + " s" : "until the files are sent") + ", pinging every " + span.toSeconds()
                + " s");
        out.flush();
        long deadline = forever || stay.isEmpty() ? Long.MAX_VALUE : System.nanoTime() + stay.get().toNanos();
        SimulatedCameraAnswers answers = new SimulatedCameraAnswers(deviceId, java.time.Clock.systemUTC());
        BlockingQueue<SimulatedFirmwareUpdate.Command> upgrades = new LinkedBlockingQueue<>();
        CameraMedia streaming = new CameraMedia(connection, login, source, media, talkOut, out);
        AnsweringCamera staying = answering(connection, answers, upgrades, span, out, streaming::heard);
        streaming.start();
        try {
            while (System.nanoTime() < deadline && !(stay.isEmpty() && streaming.uploaded())) {
                SimulatedFirmwareUpdate.Command upgrade = upgrades.poll(Math.min(500,
                        Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
                if (upgrade != null) {
                    HedgwCamera before = streaming.connection();
                    HedgwCamera after = streaming.upgrade(firmware, upgrade, reboot);
                    if (after != before) {
                        staying.close();
                        staying = answering(after, answers, upgrades, span, out, streaming::heard);
                    }
                } else if (!staying.stay(Duration.ofMillis(1))) {
                    err.println("hemu camera: the HEDGW ended the connection" + staying.failure()
                            .map(e -> ": " + e).orElse(""));
                    return 1;
                }
            }
            streaming.failure().ifPresent(e -> err.println("hemu camera: streaming failed: " + e));
            return streaming.failure().isPresent() ? 1 : 0;
        } finally {
            streaming.close();
            staying.close();
        }
    }

    /** Answers commands on {@code camera}, printing each; an upgrade command is left to the caller, queued. */
    private static AnsweringCamera answering(HedgwCamera camera, SimulatedCameraAnswers answers,
                                             BlockingQueue<SimulatedFirmwareUpdate.Command> upgrades, Duration span,
                                             PrintWriter out, Consumer<Hedgw.HEDGWMessage> heard) throws IOException {
        return new AnsweringCamera(camera, command -> SimulatedFirmwareUpdate.Command.of(command).isPresent()
                ? Optional.empty() : answers.answer(command), (command, answer) -> {
            Optional<SimulatedFirmwareUpdate.Command> upgrade = SimulatedFirmwareUpdate.Command.of(command);
            out.println(SimulatedCameraAnswers.read(command).map(Object::toString)
                    .orElse("DevAppCmd type " + Integer.toUnsignedString(command.getType())) + ": "
                    + (upgrade.isPresent() ? "a firmware upgrade to " + upgrade.get().newServiceVersion()
                    : answer.map(a -> "answered response " + SimulatedCameraAnswers.response(a).orElse(-1))
                    .orElse("not answered")));
            out.flush();
            upgrade.ifPresent(upgrades::add); // after its line: the update's own lines follow it
        }, heard).start(span);
    }

    /** The user the camera was registered for: the given one, or the one a wired camera's poll named. */
    private String userMobile(HemuCamera.Walk walk) {
        if (binding.owner != null) {
            return binding.owner.mobile;
        }
        return walk.answers().stream().map(answer -> answer.text("userMobile")).flatMap(Optional::stream)
                .reduce((first, last) -> last).orElse("");
    }

    private static Optional<Integer> port(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            return port > 0 && port <= 65535 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String secret() {
        String secret;
        if (secretFile.isPresent()) {
            try {
                secret = Files.readString(secretFile.get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--secret-file: cannot read " + secretFile.get() + ": " + e);
            }
        } else {
            secret = hemu.env.getOrDefault(SECRET_ENV, "");
        }
        secret = secret.strip();
        if (secret.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no access secret: give --secret-file or set " + SECRET_ENV);
        }
        return secret;
    }

    private HemuCamera camera(String secret) {
        try {
            return HemuCamera.builder().api(api).trust(trust).accessKey(accessKey).accessSecret(secret)
                    .deviceId(deviceId).mac(mac).model(model).build();
        } catch (IllegalArgumentException | TlsException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static void print(PrintWriter out, HemuCamera.Answer answer) {
        out.println(label(answer) + " errorCode " + code(answer));
        out.flush();
    }

    /** The answer's msgType, or its HTTP status when it has none (a proxy's error page, say). */
    private static String label(HemuCamera.Answer answer) {
        return answer.msgType().isEmpty() ? "HTTP " + answer.httpStatus() : answer.msgType();
    }

    private static String code(HemuCamera.Answer answer) {
        return answer.errorCode().isEmpty() ? "(none)" : answer.errorCode();
    }

    /** HOST:PORT, the host a name, an IPv4 address or an IPv6 one in brackets. */
    static final class AddressConverter implements ITypeConverter<Address> {

        private static final Pattern TEXT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]]+):(\\d{1,5})");

        @Override
        public Address convert(String value) {
            Matcher m = TEXT.matcher(value.trim());
            Optional<Integer> port = m.matches() ? port(m.group(2)) : Optional.empty();
            if (port.isEmpty()) {
                throw new IllegalArgumentException("not HOST:PORT (write e.g. 192.168.1.10:50922): " + value);
            }
            String host = m.group(1);
            return new Address(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port.get());
        }
    }

    /** The configuration's duration forms: 500ms, 30s, 5m, 2h, 1d, or bare seconds. */
    static final class DurationConverter implements ITypeConverter<Duration> {

        private static final Pattern TEXT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)?");

        @Override
        public Duration convert(String value) {
            Matcher m = TEXT.matcher(value.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a duration (write e.g. 10s, 5m): " + value);
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        }
    }
}
