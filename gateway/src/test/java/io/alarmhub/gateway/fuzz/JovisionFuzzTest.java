package io.alarmhub.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.device.jovision.JovisionFuzzAccess;
import io.alarmhub.gateway.device.jovision.JovisionSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jovision alarm server's pipeline (frames, messages, handler) under arbitrary device bytes.
 *
 * <p>Each input is one device connection's byte stream. It is sent twice, on two connections sharing one
 * intake: whole, and cut into pieces (of 1 to 16 bytes, sized by the input's own bytes). Then a neighbour
 * connection says hello. Asserted, for every input:
 * <ul>
 *   <li>nothing escapes: no exception reaches the end of the pipeline, none is logged as unexpected;</li>
 *   <li>a connection is closed only by the protocol's rule: {@code maxBadLines} bad lines;</li>
 *   <li>every reply is one CRLF-terminated JSON object with an integer {@code mt} and an {@code rt} of 0, -1 or
 *       -10;</li>
 *   <li>how the bytes arrive changes nothing: both connections get the same replies;</li>
 *   <li>the neighbour is answered as if nothing had happened;</li>
 *   <li>no buffer leaks ({@link Watch}, Netty at paranoid).</li>
 * </ul>
 */
class JovisionFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final int MAX_BAD_LINES = 3;
    /** Small, so that the fuzzer reaches the oversized line within its default input length. */
    private static final JovisionSettings SETTINGS = new JovisionSettings("127.0.0.1", 0, 512, Duration.ofMinutes(3),
            MAX_BAD_LINES, "ftp://media.example.net/{dguid}/{name}");
    private static final String HELLO =
            "{\"mt\":2203,\"lpt\":9,\"pv\":\"1.0\",\"mid\":7,\"dguid\":\"NEIGHBOUR\"}\r\n";

    private static Watch watch;
    private static long inputs;

    @BeforeAll
    static void watch() {
        watch = Watch.install();
    }

    @AfterAll
    static void noLeaks() {
        watch.check();
    }

    @FuzzTest(maxDuration = "30s")
    void deviceBytes(byte[] input) {
        TakingDeviceEvents events = new TakingDeviceEvents();
        SimpleMeterRegistry wholeMetrics = new SimpleMeterRegistry();
        SimpleMeterRegistry piecesMetrics = new SimpleMeterRegistry();
        EmbeddedChannel whole = JovisionFuzzAccess.connection(events, wholeMetrics, SETTINGS, CLOCK);
        EmbeddedChannel pieces = JovisionFuzzAccess.connection(events, piecesMetrics, SETTINGS, CLOCK);
        EmbeddedChannel neighbour = JovisionFuzzAccess.connection(events, new SimpleMeterRegistry(), SETTINGS, CLOCK);
        try {
            whole.writeInbound(Unpooled.wrappedBuffer(input));
            int at = 0;
            while (at < input.length && pieces.isOpen()) {
                int size = Math.min(input.length - at, 1 + (input[at] & 0x0f));
                pieces.writeInbound(Unpooled.copiedBuffer(input, at, size));
                at += size;
            }
            whole.runPendingTasks();
            pieces.runPendingTasks();
            whole.checkException();
            pieces.checkException();

            List<String> wholeReplies = replies(whole);
            assertThat(replies(pieces)).as("replies to the same bytes in pieces").isEqualTo(wholeReplies);
            closedOnlyByRule(whole, wholeMetrics);
            closedOnlyByRule(pieces, piecesMetrics);
            assertThat(pieces.isOpen()).as("open in pieces as whole").isEqualTo(whole.isOpen());

            neighbour.writeInbound(Unpooled.copiedBuffer(HELLO, StandardCharsets.UTF_8));
            neighbour.runPendingTasks();
            neighbour.checkException();
            assertThat(replies(neighbour)).as("the neighbour's answer")
                    .containsExactly("{\"mt\":2204,\"rt\":0,\"mid\":7,\"dguid\":\"NEIGHBOUR\"}");
            assertThat(neighbour.isOpen()).isTrue();
        } finally {
            for (EmbeddedChannel channel : List.of(whole, pieces, neighbour)) {
                channel.close();
                channel.runPendingTasks();
                channel.finishAndReleaseAll();
            }
        }
        watch.checkExceptions();
        if (++inputs % FuzzMode.LEAK_CHECK_EVERY == 0) {
            watch.check();
        }
    }

    private static void closedOnlyByRule(EmbeddedChannel channel, SimpleMeterRegistry metrics) {
        if (!channel.isOpen()) {
            double bad = metrics.find("alarmhub.device.bad_input").counters().stream()
                    .mapToDouble(Counter::count).sum();
            assertThat(bad).as("bad lines read by a connection that was closed").isGreaterThanOrEqualTo(MAX_BAD_LINES);
        }
    }

    /** The reply lines written so far; each must be a CRLF-terminated JSON reply. */
    private static List<String> replies(EmbeddedChannel channel) {
        StringBuilder all = new StringBuilder();
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            assertThat(out).as("outbound message").isInstanceOf(ByteBuf.class);
            ByteBuf buf = (ByteBuf) out;
            try {
                all.append(buf.toString(StandardCharsets.UTF_8));
            } finally {
                buf.release();
            }
        }
        List<String> lines = new ArrayList<>();
        String text = all.toString();
        assertThat(text.isEmpty() || text.endsWith("\r\n")).as("replies end with CRLF: %s", text).isTrue();
        for (String line : text.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode reply;
            try {
                reply = JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("a reply that is not JSON: " + line, e);
            }
            assertThat(reply.isObject()).as("reply %s", line).isTrue();
            assertThat(reply.path("mt").isInt()).as("mt of %s", line).isTrue();
            assertThat(Set.of(0, -1, -10)).as("rt of %s", line).contains(reply.path("rt").asInt(99));
            lines.add(line);
        }
        return lines;
    }
}
