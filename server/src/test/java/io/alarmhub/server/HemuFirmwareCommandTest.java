package io.alarmhub.server;

import com.sun.net.httpserver.HttpServer;
import io.alarmhub.core.auth.AppTokens;
import io.alarmhub.server.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
 * {@code alarmhub hemu firmware} against a stand-in RestServer on loopback: the path and token of its calls,
 * its output, a refusal on standard error with exit code 1, and the configuration it needs.
 */
class HemuFirmwareCommandTest {

    private static final String KEY = "000102030405060708090a0b0c0d0e0f";

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer rest;

    @AfterEach
    void stop() {
        if (rest != null) {
            rest.stop(0);
        }
    }

    @Test
    void everyFirmwareCommandHasHelp() {
        for (List<String> command : List.of(List.of("package", "add"), List.of("package", "list"),
                List.of("package", "remove"), List.of("rollout", "start"), List.of("rollout", "show"),
                List.of("rollout", "cancel"))) {
            assertThat(run(command.get(0), command.get(1), "--help")).as(command.toString()).isZero();
        }
        assertThat(out.toString()).contains("--url", "--new-version", "--piece-bytes", "--from-version", "--config",
                "--app");
    }

    @Test
    void aCallGoesToTheAdminRouteWithAFreshOperatorTokenAndPrintsTheAnswer() throws Exception {
        serve(200, "{\"packages\":[{\"id\":\"0123456789ab\"}]}");

        int code = run("package", "list", "--config", config("[ops, app]", "[ops]").toString(), "--rest", url());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"id\" : \"0123456789ab\"");
        String path = paths.get(0);
        assertThat(path).startsWith("/hemu/admin/firmware/packages/");
        String token = path.substring(path.lastIndexOf('/') + 1);
        assertThat(new AppTokens(KEY, Set.of("ops", "app"), Duration.ofMinutes(5)).verify(token, Instant.now()))
                .isEqualTo("ops");
    }

    @Test
    void aRefusalIsOneLineOnStandardErrorAndExitCodeOne() throws Exception {
        serve(404, "{\"t\":0,\"error\":\"no such rollout\"}");

        int code = run("rollout", "show", "0123456789ab", "--config", config("[ops]", "[ops]").toString(),
                "--rest", url());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("hemu firmware: HTTP 404: no such rollout");
        assertThat(paths).containsExactly("/hemu/admin/firmware/rollouts/0123456789ab/" + paths.get(0)
                .substring(paths.get(0).lastIndexOf('/') + 1));
    }

    @Test
    void theAppMustBeAnOperatorsAndKnown() throws Exception {
        Path none = config("[ops]", "[]");
        Path other = config("[ops, app]", "[ops]");

        assertThat(run("package", "list", "--config", none.toString())).isEqualTo(2);
        assertThat(run("package", "list", "--config", other.toString(), "--app", "app")).isEqualTo(2);
        assertThat(err.toString()).contains("configuration: hemu.operator-apps is empty",
                "configuration: app 'app' is not in hemu.operator-apps [ops]");
    }

    @Test
    void aPieceIsWhatFitsTheBodyLimitInBase64() {
        int piece = HemuFirmwareCommand.piece(256 * 1024);
        assertThat(piece).isEqualTo(196_608);
        assertThat(4 * ((piece + 2) / 3)).isLessThanOrEqualTo(256 * 1024);
        assertThat(HemuFirmwareCommand.piece(Integer.MAX_VALUE)).isEqualTo(HemuFirmwareCommand.MAX_PIECE);
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, command, parsed) -> { // as Main.main
            if (e instanceof ConfigException) {
                command.getErr().println("configuration: " + e.getMessage());
                command.getErr().flush();
                return 2;
            }
            throw e;
        });
        String[] full = new String[args.length + 2];
        full[0] = "hemu";
        full[1] = "firmware";
        System.arraycopy(args, 0, full, 2, args.length);
        return cli.execute(full);
    }

    private Path config(String apps, String operators) throws IOException {
        Path file = Files.createTempFile(dir, "alarmhub", ".yaml");
        Files.writeString(file, "data:\n  dir: " + dir.resolve("data") + "\ntokens:\n  key: " + KEY + "\n  apps: " + apps
                + "\nhemu:\n  operator-apps: " + operators + "\n");
        return file;
    }

    private void serve(int status, String body) throws IOException {
        rest = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rest.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(bytes);
            }
        });
        rest.start();
    }

    private String url() {
        return "http://127.0.0.1:" + rest.getAddress().getPort();
    }
}
