package io.alarmhub.server.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The openssl session of docs/enterprise-stream.md, with a real {@code openssl s_client}: the credentials
 * and the server as its blocks make them (see {@link DocSession}), then its session command, which must
 * log in, receive a Jovision alarm's event and acknowledge it with the doc's ack line.
 */
class EnterpriseSessionIT {

    private static final Path DOC = Path.of("../docs/enterprise-stream.md");
    private static final Pattern DELIVERY_ID = Pattern.compile("\"delivery_id\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void theOpensslSessionLogsInReceivesAndAcks() throws Exception {
        List<DocSession.Block> blocks = DocSession.blocks(DOC, "## A session with openssl s_client");
        Map<String, DocSession.Block> byKind = blocks.stream()
                .collect(Collectors.toMap(DocSession.Block::kind, Function.identity(), (a, b) -> a));
        assertThat(byKind).containsKeys("run", "server", "session", "login", "event", "ack");
        try (DocSession session = new DocSession(dir)) {
            session.run(blocks.stream().filter(b -> List.of("run", "server", "output").contains(b.kind())).toList());
            String secret = session.shell("echo \"$SECRET\"").get(0);
            assertThat(secret).hasSizeGreaterThan(20);

            ProcessBuilder builder = new ProcessBuilder("bash", "-c", session.withPorts(byKind.get("session").text()))
                    .directory(dir.toFile()).redirectError(dir.resolve("openssl.err").toFile());
            builder.environment().put("SECRET", secret);
            Process tls = builder.start();
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            DocSession.pump(tls, received::add);
            try (Writer typed = new OutputStreamWriter(tls.getOutputStream(), StandardCharsets.UTF_8);
                 LineClient device = new LineClient(session.port(12008))) {
                session.expect(byKind.get("login"), List.of(next(received, session)));

                device.write("{\"mt\":2219,\"lpt\":9,\"pv\":\"1.0\",\"mid\":1,\"dguid\":\"S35084741\",\"ats\":1700000000,"
                        + "\"dcn\":1,\"atype\":7}\r\n");
                assertThat(device.readLine()).contains("\"rt\":0");
                // the device's implied online, then its alarm
                List<String> events = List.of(next(received, session), next(received, session));
                session.expect(byKind.get("event"), events);

                // The doc's ack line, with the delivery id each event came with.
                for (String event : events) {
                    Matcher id = DELIVERY_ID.matcher(event);
                    assertThat(id.find()).isTrue();
                    typed.write(DELIVERY_ID.matcher(byKind.get("ack").text().strip())
                            .replaceAll("\"delivery_id\":" + id.group(1)) + "\n");
                }
                typed.write("{\"cmd\":\"enterprise_ping\"}\n");
                typed.flush();
                // The pong follows the ack on the same connection, so the ack has been taken when it comes.
                assertThat(next(received, session)).isEqualTo("{\"cmd\":\"enterprise_pong\"}");
                assertThat(Scrape.text(session.port(9464))).contains("alarmhub_stream_events_acked_total 2.0");
            } finally {
                // s_client -quiet ignores the end of its input: end the pipeline's processes by their ids.
                tls.descendants().forEach(ProcessHandle::destroy);
                tls.destroy();
                tls.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String next(BlockingQueue<String> received, DocSession session) throws InterruptedException {
        String line = received.poll(20, TimeUnit.SECONDS);
        assertThat(line).as("a line from s_client; server:\n%s", session.serverOutput()).isNotNull();
        return line;
    }
}
