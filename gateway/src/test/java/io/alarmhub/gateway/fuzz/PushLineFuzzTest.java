package io.alarmhub.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.command.CommandRefusal;
import io.alarmhub.gateway.push.protocol.PushJson;
import io.alarmhub.gateway.push.tcp.PushTcpFuzzAccess;
import io.alarmhub.gateway.push.tcp.TcpPushSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PushServer's pipeline (lines, {@code PushLine}, {@code PushRequest}, session) under arbitrary client bytes,
 * on a real push hub and SQLite store shared by the whole class, behind Netty's in-VM transport
 * ({@link LocalServer}).
 *
 * <p>Each input is one connection's byte stream, sent in pieces of 1 to 16 bytes (sized by the input's own
 * bytes); then a neighbour connection sends a heartbeat. Every {@code {alias-token}} in the input is replaced by
 * a valid alias token for the alias {@code fuzz} before it is sent, so that the fuzzer gets past the proof
 * ({@code t:21}) into device commands ({@code t:20}), which vendor {@code fuzz} answers by the device id: an
 * echo, a refusal ({@code offline…}), a throw ({@code incapable…}) or never ({@code slow…}, to reach the
 * bound on commands in flight). Asserted, for every input:
 * <ul>
 *   <li>nothing escapes: no exception is logged as unexpected by a gateway handler or by Netty;</li>
 *   <li>the connection is closed only by the protocol's rule: {@code maxBadLines} bad lines in a row;</li>
 *   <li>everything written is {@code \n}-terminated lines, each one JSON object;</li>
 *   <li>the neighbour is answered {@code {"t":-1,"alias":…}} as if nothing had happened;</li>
 *   <li>no buffer leaks ({@link Watch}, Netty at paranoid).</li>
 * </ul>
 */
class PushLineFuzzTest {

    private static final int MAX_BAD_LINES = 3;
    private static final byte[] ALIAS_TOKEN = "{alias-token}".getBytes(StandardCharsets.US_ASCII);
    /** A small line limit, so that the fuzzer reaches the oversized line within its default input length. */
    private static final TcpPushSettings SETTINGS = new TcpPushSettings("127.0.0.1", 0, 256, Duration.ofMinutes(5),
            MAX_BAD_LINES, 64, 32 * 1024, 64 * 1024);

    private static Watch watch;
    private static PushStores stores;
    private static SimpleMeterRegistry metrics;
    private static LocalServer server;
    private static long inputs;

    @BeforeAll
    static void open() {
        watch = Watch.install();
        stores = new PushStores(Clock.systemUTC());
        metrics = new SimpleMeterRegistry();
        server = new LocalServer("push-tcp", PushTcpFuzzAccess.initializer(stores.context, SETTINGS, metrics));
        stores.context.commands().register("fuzz", PushLineFuzzTest::command);
    }

    @AfterAll
    static void close() {
        server.close();
        stores.close();
        watch.check();
    }

    @FuzzTest(maxDuration = "30s")
    void clientBytes(byte[] input) {
        LocalServer.Client client = server.connect();
        LocalServer.Client neighbour = server.connect();
        client.keep(Lines::text);
        neighbour.keep(Lines::text);
        double badBefore = badInput();
        try {
            client.sendInPieces(withAliasToken(input));
            stores.settle(server);
            // Replies and pushes: every line one JSON object (t:7's server info is the one without a t).
            Lines.objects(client.take(), "\n");
            if (!client.isOpen()) {
                assertThat(badInput() - badBefore).as("bad lines read by a connection that was closed")
                        .isGreaterThanOrEqualTo(MAX_BAD_LINES);
            }

            neighbour.send("{\"t\":1,\"alias\":\"fuzz-neighbour\"}\n".getBytes(StandardCharsets.UTF_8));
            stores.settle(server);
            List<JsonNode> answers = Lines.objects(neighbour.take(), "\n");
            assertThat(answers).as("the neighbour's answers").isNotEmpty();
            assertThat(answers.get(0).toString()).isEqualTo("{\"t\":-1,\"alias\":\"fuzz-neighbour\"}");
            assertThat(neighbour.isOpen()).isTrue();
        } finally {
            client.close();
            neighbour.close();
            stores.settle(server);
        }
        watch.checkExceptions();
        if (++inputs % FuzzMode.LEAK_CHECK_EVERY == 0) {
            watch.check();
        }
    }

    /** Vendor {@code fuzz}'s commander: answers by the device id, keeping nothing. */
    private static CompletableFuture<ObjectNode> command(String alias, String device, JsonNode command) {
        if (device.startsWith("incapable")) {
            throw new CommandRefusal(CommandRefusal.Reason.NOT_CAPABLE, "no such capability");
        }
        if (device.startsWith("offline")) {
            return CompletableFuture.failedFuture(new CommandRefusal(CommandRefusal.Reason.OFFLINE, "not connected"));
        }
        if (device.startsWith("slow")) {
            return new CompletableFuture<>();
        }
        ObjectNode answer = PushJson.object().put("alias", alias);
        answer.set("echo", command);
        return CompletableFuture.completedFuture(answer);
    }

    private static byte[] withAliasToken(byte[] input) {
        byte[] token = stores.context.aliasTokens().mint("fuzz").token().getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + 64);
        for (int i = 0; i < input.length; i++) {
            if (startsWith(input, i, ALIAS_TOKEN)) {
                out.write(token, 0, token.length);
                i += ALIAS_TOKEN.length - 1;
            } else {
                out.write(input[i]);
            }
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] input, int at, byte[] prefix) {
        if (input.length - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (input[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static double badInput() {
        return metrics.find("alarmhub.push.bad_input").counters().stream().mapToDouble(Counter::count).sum();
    }
}
