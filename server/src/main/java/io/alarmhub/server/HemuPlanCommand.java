package io.alarmhub.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.device.hemu.plan.PlanStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code alarmhub hemu plan}: shows or changes one camera's plan through a running server's operator route,
 * {@code /hemu/admin/plan/{deviceId}/{token}}, as an operator's app would. The token is minted for {@code --app}
 * with the configuration's token key, exactly as {@code alarmhub token} mints it, so the command runs where the
 * server's configuration is (and the app must be in {@code hemu.operator-apps} for the server to answer).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show or change a Hemu camera's plan on a running server.",
                "Without a change, shows the camera's plan: device_status, service_days and",
                "thumbnails, whether it is connected, and which values are its own and which",
                "the configured defaults. With --status, --service-days, --thumbnail-span or",
                "--thumbnail-size, changes them: the server stores the change, then tells the",
                "camera at once when it is connected (DevServerCmd 7 and 9), else at its next",
                "login. Prints the server's answer (JSON).",
                "The REST token is minted for --app from the configuration's token key, as",
                "'alarmhub token' mints it; the app must be in hemu.operator-apps.",
                "Exit codes: 0 answered; 1 the server could not be reached or failed (5xx);",
                "2 a bad command line or configuration; 3 the server refused the request",
                "(400 a bad value, 401 the token, 403 not an operator's app, 404 no such camera)."})
final class HemuPlanCommand implements Callable<Integer> {

    /** The server answered, refusing the request (4xx). */
    static final int REFUSED = 3;
    /** The server could not be reached, or failed (5xx). */
    static final int FAILED = 1;

    private static final Pattern DEVICE_ID = Pattern.compile("[0-9]{15}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @CommandLine.Mixin
    Main.ConfigOption config = new Main.ConfigOption();

    @Option(names = "--server", required = true, paramLabel = "URL",
            description = "the server's RestServer, e.g. http://127.0.0.1:9900")
    URI server;

    @Option(names = "--app", required = true, paramLabel = "ID",
            description = "the operator's app id: in tokens.apps and hemu.operator-apps")
    String app;

    @Option(names = "--device", required = true, paramLabel = "ID", description = "the camera's deviceId (15 digits)")
    String device;

    @Option(names = "--status", paramLabel = "PLAN", converter = StatusConverter.class,
            description = "the plan: trial, cloud, expired or event (or 0-3); 44, deleted, is unbinding's")
    Optional<PlanStatus> status = Optional.empty();

    @Option(names = "--service-days", paramLabel = "N", description = "service_days, 0 or more")
    Optional<Integer> serviceDays = Optional.empty();

    @Option(names = "--thumbnail-span", paramLabel = "DURATION", converter = HemuCameraCommand.DurationConverter.class,
            description = "one thumbnail every DURATION (whole seconds: 60s, 5m); 0 stops them")
    Optional<Duration> thumbnailSpan = Optional.empty();

    @Option(names = "--thumbnail-size", paramLabel = "WxH", converter = SizeConverter.class,
            description = "the thumbnails' width and height in pixels, e.g. 640x360")
    Optional<Size> thumbnailSize = Optional.empty();

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION",
            converter = HemuCameraCommand.DurationConverter.class,
            description = "for connecting and for the answer (default: ${DEFAULT-VALUE})")
    Duration timeout;

    /** A thumbnail size. */
    record Size(int width, int height) {
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!DEVICE_ID.matcher(device).matches()) {
            throw new ParameterException(spec.commandLine(), "--device must be a deviceId, 15 digits");
        }
        if (server.getScheme() == null || !server.getScheme().matches("https?") || server.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--server must be http://HOST:PORT (or https://)");
        }
        if (timeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be more than 0");
        }
        Optional<String> change = change();
        String token = Main.Token.mint(config.load(), app, Instant.now());
        URI route = URI.create(server.toString().replaceAll("/+$", "") + "/hemu/admin/plan/" + device + "/" + token);
        HttpRequest.Builder request = HttpRequest.newBuilder(route).timeout(timeout);
        change.ifPresentOrElse(body -> request.POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), request::GET);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newBuilder().connectTimeout(timeout).build().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // the route holds the token: name the server only
            err.println("hemu plan: " + server + ": " + e);
            return FAILED;
        }
        if (answer.statusCode() == 200) {
            out.println(pretty(answer.body()));
            out.flush();
            return 0;
        }
        err.println("hemu plan: HTTP " + answer.statusCode() + ": " + error(answer.body()));
        return answer.statusCode() >= 400 && answer.statusCode() < 500 ? REFUSED : FAILED;
    }

    /** The body of the change asked for, or empty to show the plan. */
    private Optional<String> change() {
        ObjectNode body = JSON.createObjectNode();
        status.ifPresent(s -> body.put("deviceStatus", s.code()));
        if (serviceDays.isPresent()) {
            if (serviceDays.get() < 0) {
                throw new ParameterException(spec.commandLine(), "--service-days must be 0 or more");
            }
            body.put("serviceDays", serviceDays.get());
        }
        if (thumbnailSpan.isPresent() || thumbnailSize.isPresent()) {
            ObjectNode thumbnails = body.putObject("thumbnails");
            if (thumbnailSpan.isPresent()) {
                Duration span = thumbnailSpan.get();
                if (span.toMillis() % 1000 != 0 || span.toSeconds() > Integer.MAX_VALUE) {
                    throw new ParameterException(spec.commandLine(), "--thumbnail-span must be whole seconds");
                }
                thumbnails.put("span", span.toSeconds());
            }
            thumbnailSize.ifPresent(size -> thumbnails.put("width", size.width()).put("height", size.height()));
        }
        return body.isEmpty() ? Optional.empty() : Optional.of(body.toString());
    }

    private static String pretty(String body) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body));
        } catch (JsonProcessingException e) {
            return body;
        }
    }

    /** The RestServer's {@code error}, or the body as it came when it has none. */
    private static String error(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.path("error").isTextual() ? json.get("error").asText() : body;
        } catch (JsonProcessingException e) {
            return body;
        }
    }

    /** A plan's word or number. */
    static final class StatusConverter implements ITypeConverter<PlanStatus> {
        @Override
        public PlanStatus convert(String value) {
            return PlanStatus.named(value).orElseThrow(() -> new IllegalArgumentException(
                    "not a plan (trial, cloud, expired, event, or 0-3): " + value));
        }
    }

    /** {@code WIDTHxHEIGHT}. */
    static final class SizeConverter implements ITypeConverter<Size> {

        private static final Pattern TEXT = Pattern.compile("(\\d{1,5})[xX](\\d{1,5})");

        @Override
        public Size convert(String value) {
            Matcher m = TEXT.matcher(value.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not WIDTHxHEIGHT (write e.g. 640x360): " + value);
            }
            return new Size(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
    }
}
