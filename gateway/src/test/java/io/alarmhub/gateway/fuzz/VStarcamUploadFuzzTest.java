package io.alarmhub.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.device.vstarcam.VStarcamFuzzAccess;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The VStarcam alarm push listener (HTTP request decoder, heartbeat and multipart alarm handling through
 * Netty's {@code HttpPostRequestDecoder}, intake, media store) under arbitrary request bytes. The intake
 * takes every event and the media store keeps files in a directory; both answer on the calling thread, so
 * the pipeline runs whole on an {@link EmbeddedChannel}.
 *
 * <p>Each input is one connection's byte stream, sent in pieces of 1 to 16 bytes (sized by the input's own
 * bytes); then a neighbour camera sends a heartbeat. Asserted, for every input:
 * <ul>
 *   <li>nothing escapes: no exception reaches the end of the pipeline, none is logged as unexpected;</li>
 *   <li>every response is a complete HTTP response, never a 5xx (the intake and store here cannot fail),
 *       with a {@code Content-Length} equal to its body and a JSON body whose {@code code} is its status;</li>
 *   <li>the connection is closed only after a response that said {@code Connection: close};</li>
 *   <li>once the connection is gone, no spooled upload is left in the upload directory;</li>
 *   <li>the neighbour gets its 200 as if nothing had happened;</li>
 *   <li>no buffer leaks ({@link Watch}, Netty at paranoid).</li>
 * </ul>
 */
class VStarcamUploadFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEARTBEAT = "POST /vstarcam/heartbeat HTTP/1.1\r\nHost: x\r\n"
            + "Content-Type: application/json\r\nContent-Length: 24\r\n\r\n{\"vuid\":\"VC0000000NEIG\"}";

    private static Watch watch;
    private static Path dir;
    private static VStarcamFuzzAccess.Shared shared;
    private static long inputs;

    @BeforeAll
    static void open() throws IOException {
        watch = Watch.install();
        dir = Files.createTempDirectory("alarmhub-fuzz-vstarcam");
        shared = new VStarcamFuzzAccess.Shared(dir, new TakingDeviceEvents(), CLOCK);
    }

    @AfterAll
    static void close() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        watch.check();
    }

    @FuzzTest(maxDuration = "30s")
    void cameraBytes(byte[] input) {
        EmbeddedChannel camera = shared.connection();
        EmbeddedChannel neighbour = shared.connection();
        try {
            Lines.writeInPieces(camera, input);
            camera.runPendingTasks();
            camera.checkException();
            List<FullHttpResponse> responses = responses(camera);
            if (!camera.isOpen()) {
                assertThat(responses).as("responses of a connection that was closed").isNotEmpty();
                assertThat(HttpUtil.isKeepAlive(responses.get(responses.size() - 1)))
                        .as("the last response before the close says Connection: close").isFalse();
            }

            neighbour.writeInbound(Unpooled.copiedBuffer(HEARTBEAT, StandardCharsets.US_ASCII));
            neighbour.runPendingTasks();
            neighbour.checkException();
            List<FullHttpResponse> answers = responses(neighbour);
            assertThat(answers).as("the neighbour's answers").hasSize(1);
            assertThat(answers.get(0).status().code()).isEqualTo(200);
        } finally {
            for (EmbeddedChannel channel : List.of(camera, neighbour)) {
                channel.close();
                channel.runPendingTasks();
                channel.finishAndReleaseAll();
            }
        }
        assertThat(spooled()).as("uploads left behind by a finished connection").isEmpty();
        watch.checkExceptions();
        if (++inputs % FuzzMode.LEAK_CHECK_EVERY == 0) {
            watch.check();
        }
    }

    private static List<Path> spooled() {
        try (Stream<Path> files = Files.list(shared.uploads())) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The responses written so far, each checked; bodies released, heads kept. */
    private static List<FullHttpResponse> responses(EmbeddedChannel channel) {
        List<FullHttpResponse> responses = new ArrayList<>();
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            try {
                assertThat(out).as("what the server wrote").isInstanceOf(FullHttpResponse.class);
                FullHttpResponse response = (FullHttpResponse) out;
                int code = response.status().code();
                assertThat(code).as("status").isBetween(100, 499);
                if (code >= 200) {
                    assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
                            .as("Content-Length of a %d", code).isEqualTo(response.content().readableBytes());
                    String body = response.content().toString(StandardCharsets.UTF_8);
                    JsonNode json;
                    try {
                        json = JSON.readTree(body);
                    } catch (Exception e) {
                        throw new AssertionError("a response that is not JSON: " + body, e);
                    }
                    assertThat(json != null && json.isObject()).as("body %s", body).isTrue();
                    assertThat(json.path("code").asText()).as("code of %s", body).isEqualTo(String.valueOf(code));
                }
                responses.add(response);
            } finally {
                ReferenceCountUtil.release(out);
            }
        }
        return responses;
    }
}
