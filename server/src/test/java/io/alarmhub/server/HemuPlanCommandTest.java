package io.alarmhub.server;

import com.sun.net.httpserver.HttpServer;
import io.alarmhub.core.auth.AppTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alarmhub hemu plan} against a stand-in RestServer on loopback (the JDK's HTTP server) that records what
 * it is asked and answers as it is told: the route, the token minted with the configuration's key, the body, and
 * the exit codes. The command against the real server is in {@code HemuPlanIT}.
 */
@Timeout(60)
class HemuPlanCommandTest {

    private static final String KEY = "000102030405060708090a0b0c0d0e0f";
    private static final String DEVICE = "110234567894562";

    @TempDir
    Path dir;
    private HttpServer server;
    private Path config;
    /** Each request as {@code METHOD path body}. */
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{\"deviceId\":\"" + DEVICE + "\",\"deviceStatus\":1}";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        config = Files.writeString(dir.resolve("alarmhub.yaml"), "data:\n  dir: " + dir.resolve("data") + "\n"
                + "tokens:\n  key: " + KEY + "\n  apps: [ops, other]\n");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void withoutAChangeItShowsThePlanWithATokenOfTheApp() {
        int exit = run("--device", DEVICE);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(asked).hasSize(1);
        String[] request = asked.get(0).split(" ", -1);
        assertThat(request[0]).isEqualTo("GET");
        assertThat(request[1]).startsWith("/hemu/admin/plan/" + DEVICE + "/");
        assertThat(request[2]).isEmpty();
        String token = request[1].substring(request[1].lastIndexOf('/') + 1);
        assertThat(new AppTokens(KEY, Set.of("ops", "other"), Duration.ofMinutes(5)).verify(token, Instant.now()))
                .isEqualTo("ops");
        assertThat(out.toString()).contains("\"deviceStatus\" : 1");
    }

    @Test
    void aChangeIsPostedAsTheRoutesBody() {
        int exit = run("--device", DEVICE, "--status", "event", "--service-days", "7", "--thumbnail-span", "2m",
                "--thumbnail-size", "320x240");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(asked.get(0)).startsWith("POST /hemu/admin/plan/" + DEVICE + "/").endsWith(
                " {\"deviceStatus\":3,\"serviceDays\":7,\"thumbnails\":{\"span\":120,\"width\":320,\"height\":240}}");
    }

    @Test
    void aRefusalIsExit3WithTheServersErrorAndAFailureExit1() {
        status = 403;
        answer = "{\"t\":0,\"error\":\"this app is not an operator's (hemu.operator-apps)\"}";
        assertThat(run("--device", DEVICE, "--status", "1")).isEqualTo(HemuPlanCommand.REFUSED);
        assertThat(err.toString()).contains("hemu plan: HTTP 403: this app is not an operator's");

        status = 503;
        answer = "{\"t\":0,\"error\":\"storage unavailable, try again\"}";
        assertThat(run("--device", DEVICE, "--status", "1")).isEqualTo(HemuPlanCommand.FAILED);
    }

    @Test
    void anUnreachableServerIsExit1WithoutTheToken() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }

        int exit = run(List.of("--server", "http://127.0.0.1:" + closedPort), "--device", DEVICE);

        assertThat(exit).isEqualTo(HemuPlanCommand.FAILED);
        assertThat(err.toString()).contains("hemu plan: http://127.0.0.1:" + closedPort).doesNotContain("/hemu/admin");
    }

    @Test
    void badValuesAreUsageErrorsBeforeAnythingIsAsked() {
        assertThat(run("--device", DEVICE, "--status", "deleted")).isEqualTo(2);
        assertThat(run("--device", DEVICE, "--status", "44")).isEqualTo(2);
        assertThat(run("--device", "12345")).isEqualTo(2);
        assertThat(run("--device", DEVICE, "--thumbnail-size", "640")).isEqualTo(2);
        assertThat(run("--device", DEVICE, "--thumbnail-span", "1500ms")).isEqualTo(2);
        assertThat(run("--device", DEVICE, "--service-days", "-1")).isEqualTo(2);
        assertThat(asked).isEmpty();
    }

    private int run(String... args) {
        return run(List.of("--server", "http://127.0.0.1:" + server.getAddress().getPort()), args);
    }

    private int run(List<String> serverArgs, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new java.util.ArrayList<>(List.of("hemu", "plan", "--config", config.toString(),
                "--app", "ops"));
        all.addAll(serverArgs);
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }
}
