package io.alarmhub.gateway.push.rest;

import io.alarmhub.core.delivery.Face;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.alarmhub.gateway.push.rest.RestFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The RestServer as curl sees it: proof that a client outside the JDK speaks to it as documented. */
class RestCurlTest {

    @TempDir
    Path dir;
    private RestFixture server;

    @BeforeEach
    void start() {
        server = new RestFixture(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void publishesWithCurl() throws Exception {
        String out = curl("-X", "POST", "-H", "Content-Type: application/json",
                "--data-binary", "{\"t\":6,\"method\":\"publish_to_alias\",\"alias\":[\"curly\"],\"msg\":\"hi\","
                        + "\"opts\":{\"time_to_live\":60},\"num\":\"c1\"}",
                server.uri("/push/" + server.token()).toString());

        assertThat(out).isEqualTo("{\"t\":-6,\"num\":\"c1\"}\n200");
        assertThat(await(server.hub.pending("curly"))).singleElement()
                .satisfies(m -> assertThat(m.payload()).isEqualTo("\"hi\""));
    }

    @Test
    void readsInfoWithCurl() throws Exception {
        server.connect("curly", Face.SOCKET_IO);

        String out = curl(server.uri("/info/" + server.token()).toString());

        assertThat(out).isEqualTo("{\"10.0.0.215\":{\"webSocketSize\":0,\"channelSize\":0,\"onlineAllSize\":1,"
                + "\"socketIOSize\":1}}\n200");
    }

    /** Runs curl quietly; returns the body, a newline, and the status code. */
    private static String curl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "20",
                "--write-out", "\\n%{http_code}"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("curl finished").isTrue();
        assertThat(process.exitValue()).as("curl exit status, output: %s", out).isZero();
        return out;
    }
}
