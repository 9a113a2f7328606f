package io.alarmhub.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP core on virtual time: bytes in, bytes out, through the whole pipeline a listener installs,
 * with a face that answers {@code GET /n} with {@code n} and {@code /slow} only when the test says.
 */
class HttpServerPipelineTest {

    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final Duration REQUEST = Duration.ofSeconds(30);

    private final TestFace face = new TestFace();
    private final List<String> seen = new ArrayList<>();
    private ChannelHandlerContext faceContext;
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        HttpServerPipeline.builder(face).idleTimeout(IDLE).requestTimeout(REQUEST).build().install(channel.pipeline());
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                faceContext = ctx;
                if (msg instanceof HttpRequest request) {
                    seen.add(request.uri());
                    if (!request.uri().equals("/slow") && !request.uri().startsWith("/upload")) {
                        ctx.writeAndFlush(text(HttpResponseStatus.OK, request.uri().substring(1),
                                HttpUtil.isKeepAlive(request)));
                    }
                    if (request.uri().equals("/upload-refused")) {
                        FullHttpResponse refused = text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "no", false);
                        ctx.writeAndFlush(refused);
                    }
                }
                ReferenceCountUtil.release(msg);
            }
        });
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void answersPipelinedRequestsInTheirOrderOneAtATime() {
        send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\nGET /2 HTTP/1.1\r\nHost: t\r\n\r\n");
        assertThat(seen).as("the second waits for the first's answer").containsExactly("/slow");
        assertThat(channel.config().isAutoRead()).isFalse();

        faceContext.writeAndFlush(text(HttpResponseStatus.OK, "slow", true));
        channel.runPendingTasks();

        assertThat(seen).containsExactly("/slow", "/2");
        assertThat(received()).contains("slow").endsWith("2");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void closesAfterTheAnswerWhenTheClientAsksForIt() {
        send("GET /1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertThat(received()).containsIgnoringCase("connection: close");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void keepsTheConnectionForTheNextRequest() {
        send("GET /1 HTTP/1.1\r\nHost: t\r\n\r\n");
        send("GET /2 HTTP/1.1\r\nHost: t\r\n\r\n");
        assertThat(seen).containsExactly("/1", "/2");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void answers100ContinueToARequestTheFaceAccepts() {
        send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
        assertThat(received()).startsWith("HTTP/1.1 100 Continue");
        assertThat(seen).containsExactly("/upload");
    }

    @Test
    void refusesARequestTheFaceScreensOutInsteadOf100Continue() {
        send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n");
        String answer = received();
        assertThat(answer).startsWith("HTTP/1.1 413").endsWith("{\"refused\":\"too_large\"}");
        assertThat(answer).doesNotContain("100 Continue");
        assertThat(seen).as("the face never sees it").isEmpty();
    }

    @Test
    void refusesAnExpectationOtherThan100ContinueWith417() {
        send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: something-else\r\n\r\n");
        assertThat(received()).startsWith("HTTP/1.1 417").endsWith("{\"refused\":\"expectation\"}");
        assertThat(seen).isEmpty();
    }

    @Test
    void answersAnUnreadableRequestInTheFacesErrorBodyAndCloses() {
        send("GET / HTTP/1.1\r\nContent-Length: many\r\n\r\n");
        assertThat(received()).startsWith("HTTP/1.1 400").endsWith("{\"refused\":\"malformed_http\"}");
        assertThat(channel.isOpen()).isFalse();
        assertThat(seen).isEmpty();
    }

    @Test
    void closesAConnectionIdleForItsTimeoutAndCountsIt() {
        pass(IDLE.minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        pass(Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(face.closed).containsExactly(HttpFace.IDLE);
    }

    @Test
    void aConnectionWaitingForItsAnswerIsQuietNotIdle() {
        send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
        pass(IDLE.multipliedBy(3));
        assertThat(channel.isOpen()).isTrue();

        faceContext.writeAndFlush(text(HttpResponseStatus.OK, "slow", true));
        pass(IDLE);
        assertThat(channel.isOpen()).as("idle again once answered").isFalse();
    }

    @Test
    void closesARequestSentAByteAtATimeAtItsRequestTimeoutNotItsIdleTimeout() {
        byte[] request = "GET /1 HTTP/1.1\r\nHost: t\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        int sent = 0;
        while (channel.isOpen() && sent < request.length) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {request[sent++]}));
            pass(Duration.ofSeconds(1));
        }
        assertThat(channel.isOpen()).isFalse();
        assertThat(sent).as("closed 30 s after the first byte").isEqualTo(30);
        assertThat(face.closed).containsExactly(HttpFace.REQUEST_TIMEOUT);
        assertThat(seen).isEmpty();
    }

    @Test
    void aKeepAliveConnectionBetweenRequestsIsNotHeldToTheRequestTimeout() {
        send("GET /1 HTTP/1.1\r\nHost: t\r\n\r\n");
        pass(REQUEST.plusSeconds(5));
        send("GET /2 HTTP/1.1\r\nHost: t\r\n\r\n");
        assertThat(seen).containsExactly("/1", "/2");
        assertThat(face.closed).isEmpty();
    }

    @Test
    void aRequestAnsweredBeforeItsBodyEndedReadsOnBeforeTheClose() {
        send("POST /upload-refused HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n0123456789");
        assertThat(received()).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close");
        assertThat(channel.isOpen()).as("still reading what the client sends").isTrue();

        send("0123456789");
        assertThat(seen).containsExactly("/upload-refused");
        assertThat(channel.isOpen()).isTrue();
        // The close itself, after the linger, is seen on a real socket (VStarcamConnectionTest): an
        // EmbeddedChannel cancels its scheduled tasks as soon as close is asked of it.
    }

    private void send(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
        channel.runPendingTasks();
    }

    private void pass(Duration time) {
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    private String received() {
        StringBuilder out = new StringBuilder();
        Object msg;
        while ((msg = channel.readOutbound()) != null) {
            if (msg instanceof ByteBuf buf) {
                out.append(buf.toString(StandardCharsets.US_ASCII));
            }
            ReferenceCountUtil.release(msg);
        }
        return out.toString();
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        return response;
    }

    /** Refuses bodies announced over 100 bytes; its error body names the reason. */
    private static final class TestFace implements HttpFace {
        final List<String> closed = new ArrayList<>();

        @Override
        public String name() {
            return "test";
        }

        @Override
        public FullHttpResponse refusal(HttpRefusal refusal) {
            return text(refusal.status(), "{\"refused\":\"" + refusal.reason() + "\"}", true);
        }

        @Override
        public Optional<HttpRefusal> screen(HttpRequest head) {
            return HttpUtil.getContentLength(head, 0L) > 100
                    ? Optional.of(new HttpRefusal(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", "no"))
                    : Optional.empty();
        }

        @Override
        public void closed(String reason) {
            closed.add(reason);
        }
    }
}
