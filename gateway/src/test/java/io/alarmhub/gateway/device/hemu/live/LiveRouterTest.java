package io.alarmhub.gateway.device.hemu.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.video.live.LiveFeed;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.alarmhub.gateway.device.hemu.live.LiveFixture.CAMERA;
import static io.alarmhub.gateway.device.hemu.live.LiveFixture.OTHER_CAMERA;
import static io.alarmhub.gateway.device.hemu.live.LiveFixture.OWNER;
import static io.alarmhub.gateway.device.hemu.live.LiveFixture.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live listener's own pipeline ({@link LiveInitializer}) on {@link EmbeddedChannel}s whose time moves only when
 * the test says: who is let in and who is refused, what a viewer is sent, and when its connection ends.
 */
class LiveRouterTest {

    private static final String THIRD_CAMERA = "110234567894564";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LiveSettings SETTINGS = LiveSettings.DEFAULT;

    private final LiveFixture fixture = new LiveFixture();
    private final List<EmbeddedChannel> connections = new ArrayList<>();
    /** Each connection's client side: the decoder of its answer. */
    private final Map<EmbeddedChannel, EmbeddedChannel> clients = new HashMap<>();
    private LiveViewers viewers = new LiveViewers(SETTINGS.maxViewersPerCamera(), SETTINGS.maxViewers());

    @AfterEach
    void close() {
        connections.forEach(EmbeddedChannel::finishAndReleaseAll);
        clients.values().forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    /** A new connection to the listener, on frozen time. */
    private EmbeddedChannel connect() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new LiveInitializer(fixture.router(viewers), SETTINGS));
        connections.add(channel);
        return channel;
    }

    private EmbeddedChannel get(String target) {
        return request(connect(), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }

    private static EmbeddedChannel request(EmbeddedChannel channel, String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        return channel;
    }

    /** What the connection has written since last asked, as its client's decoder reads it. */
    private List<Object> answer(EmbeddedChannel channel) {
        EmbeddedChannel client = clients.computeIfAbsent(channel, c -> new EmbeddedChannel(new HttpResponseDecoder()));
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            client.writeInbound(out);
        }
        List<Object> objects = new ArrayList<>();
        for (Object in; (in = client.readInbound()) != null; ) {
            objects.add(in);
        }
        return objects;
    }

    private static HttpResponse head(List<Object> answer) {
        return (HttpResponse) answer.get(0);
    }

    /** The body of an answer, all its contents together. */
    private static byte[] body(List<Object> answer) {
        ByteBuf body = Unpooled.buffer();
        for (Object object : answer) {
            if (object instanceof HttpContent content) {
                body.writeBytes(content.content());
            }
            ReferenceCountUtil.release(object);
        }
        return ByteBufUtil.getBytes(body);
    }

    private static JsonNode refusal(List<Object> answer, int status) throws Exception {
        assertThat(head(answer).status().code()).isEqualTo(status);
        assertThat(head(answer).headers().get("content-type")).isEqualTo("application/json; charset=utf-8");
        return JSON.readTree(body(answer));
    }

    private static void pass(EmbeddedChannel channel, Duration time) {
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    private LiveFeed streaming(String deviceId) {
        LiveFeed feed = fixture.connect(deviceId);
        LiveFixture.publishFirstGop(feed, LiveFixture.h264());
        return feed;
    }

    @Test
    void aSignedUrlGetsChunkedFlvThatStartsWithTheGopBeingReceived() {
        streaming(CAMERA);

        List<Object> answer = answer(get(fixture.signed(CAMERA, "alaw")));

        HttpResponse head = head(answer);
        assertThat(head.status().code()).isEqualTo(200);
        assertThat(head.headers().get("content-type")).isEqualTo("video/x-flv");
        assertThat(head.headers().get("transfer-encoding")).isEqualTo("chunked");
        assertThat(head.headers().contains("content-length")).isFalse();
        assertThat(head.headers().get("access-control-allow-origin")).isEqualTo("*");
        assertThat(answer).noneMatch(object -> object instanceof LastHttpContent);
        byte[] flv = body(answer);
        assertThat(new String(flv, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("FLV");
        assertThat(FlvTagReader.of(flv).videoFrames()).isEqualTo(25);
        assertThat(FlvTagReader.of(flv).hasAudio()).isTrue();
        assertThat(FlvTagReader.of(flv).audioFrames()).isPositive();
    }

    @Test
    void anAliasThatOwnsTheCameraIsLetInWithItsToken() {
        streaming(CAMERA);

        List<Object> answer = answer(get(fixture.withAlias(CAMERA, OWNER)));

        assertThat(head(answer).status().code()).isEqualTo(200);
        body(answer);
        assertThat(viewers.count()).isEqualTo(1);
    }

    @Test
    void credentialsThatDoNotHoldAre403BeforeTheCameraIsLookedUp() throws Exception {
        String good = fixture.signed(CAMERA, "flac");
        String badSignature = good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA");

        assertThat(refusal(answer(get(badSignature)), 403).get("error").asText()).isEqualTo("bad signature");
        assertThat(refusal(answer(get(fixture.signed(CAMERA, "flac", LiveFixture.NOW.minusSeconds(1)))), 403)
                .get("error").asText()).isEqualTo("url expired");
        assertThat(refusal(answer(get("/live/" + CAMERA + ".flv")), 403).get("error").asText())
                .startsWith("missing signature");
        assertThat(refusal(answer(get(fixture.withAlias(CAMERA, STRANGER))), 403).get("error").asText())
                .isEqualTo("this alias does not own the camera");
        String forged = "/live/" + CAMERA + ".flv?alias=" + OWNER + "&alias_token="
                + fixture.aliasTokens.mint(STRANGER).token();
        assertThat(refusal(answer(get(forged)), 403).get("error").asText()).isEqualTo("invalid alias token");

        assertThat(fixture.refused("signature")).isEqualTo(2);
        assertThat(fixture.refused("expired")).isEqualTo(1);
        assertThat(fixture.refused("not_owner")).isEqualTo(1);
        assertThat(fixture.refused("alias_token")).isEqualTo(1);
    }

    @Test
    void aCameraThatIsNotConnectedIs404CameraNotStreaming() throws Exception {
        JsonNode error = refusal(answer(get(fixture.signed(CAMERA, "flac"))), 404);

        assertThat(error.get("error").asText()).isEqualTo("camera not streaming");
        assertThat(fixture.refused("not_streaming")).isEqualTo(1);
    }

    @Test
    void aConnectedCameraThatSendsNoVideoYetCanBeJoinedAndTellsItsFirstViewer() {
        fixture.connect(CAMERA);

        EmbeddedChannel channel = get(fixture.signed(CAMERA, "flac"));
        List<Object> answer = answer(channel);

        assertThat(head(answer).status().code()).isEqualTo(200);
        assertThat(body(answer)).isEmpty();
        assertThat(fixture.edges).containsExactly("first " + CAMERA);
        LiveFixture.publishFirstGop(fixture.feeds.get(CAMERA), LiveFixture.h264());
        assertThat(FlvTagReader.of(body(answer(channel))).videoFrames()).isEqualTo(25);
    }

    @Test
    void wrongPathsMethodsAndAudioAreRefusedInTheirOwnWords() throws Exception {
        streaming(CAMERA);

        assertThat(refusal(answer(get("/live/123.flv")), 404).get("error").asText()).startsWith("not found");
        assertThat(refusal(answer(get("/media/" + CAMERA)), 404).get("error").asText()).startsWith("not found");
        List<Object> post = answer(request(connect(), "POST " + fixture.signed(CAMERA, "flac")
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
        assertThat(head(post).headers().get("allow")).isEqualTo("GET");
        assertThat(refusal(post, 405).get("error").asText()).isEqualTo("GET only");
        assertThat(refusal(answer(get(fixture.signed(CAMERA, "mp3"))), 400).get("error").asText())
                .startsWith("audio is flac, alaw");
        assertThat(refusal(answer(get(fixture.signed(CAMERA, "flac") + "&sig=again")), 400).get("error").asText())
                .isEqualTo("sig is given more than once");
        assertThat(viewers.count()).isZero();
    }

    @Test
    void pastTheLimitsOfACameraAndOfTheNodeViewersAre503() throws Exception {
        viewers = new LiveViewers(1, 2);
        streaming(CAMERA);
        streaming(OTHER_CAMERA);
        streaming(THIRD_CAMERA);

        assertThat(head(answer(get(fixture.signed(CAMERA, "none")))).status().code()).isEqualTo(200);
        assertThat(refusal(answer(get(fixture.signed(CAMERA, "none"))), 503).get("error").asText())
                .isEqualTo("this camera has its most live viewers (1), try again later");
        assertThat(head(answer(get(fixture.signed(OTHER_CAMERA, "none")))).status().code()).isEqualTo(200);
        assertThat(refusal(answer(get(fixture.signed(THIRD_CAMERA, "none"))), 503).get("error").asText())
                .isEqualTo("this server has its most live viewers (2), try again later");
        assertThat(fixture.refused("camera_full")).isEqualTo(1);
        assertThat(fixture.refused("node_full")).isEqualTo(1);
    }

    @Test
    void aFeedThatIsFullOfItsOwnEndsTheStreamRightAfterItsHead() {
        LiveFeed feed = fixture.connect(CAMERA, 1);
        LiveFixture.publishFirstGop(feed, LiveFixture.h264());
        answer(get(fixture.signed(CAMERA, "none")));

        EmbeddedChannel second = get(fixture.signed(CAMERA, "none"));
        second.runPendingTasks();
        List<Object> answer = answer(second);

        assertThat(head(answer).status().code()).isEqualTo(200);
        assertThat(answer.get(answer.size() - 1)).isInstanceOf(LastHttpContent.class);
        assertThat(second.isOpen()).isFalse();
        assertThat(viewers.count()).isEqualTo(1);
        assertThat(fixture.refused("camera_full")).isEqualTo(1);
        body(answer);
    }

    @Test
    void aViewerWhoseConnectionClosesLeavesTheFeedAndTheCounts() {
        LiveFeed feed = streaming(CAMERA);
        fixture.metrics.watch(viewers);
        EmbeddedChannel channel = get(fixture.signed(CAMERA, "flac"));
        assertThat(feed.viewers()).isEqualTo(1);
        assertThat(fixture.registry.get(LiveMetrics.VIEWERS).tag("transport", "http").gauge().value()).isEqualTo(1);

        channel.close();

        assertThat(feed.viewers()).isZero();
        assertThat(viewers.count()).isZero();
        assertThat(fixture.registry.get(LiveMetrics.VIEWERS).tag("transport", "http").gauge().value()).isZero();
        assertThat(fixture.edges).containsExactly("first " + CAMERA, "last " + CAMERA);
    }

    @Test
    void whenTheCameraGoesItsStreamsEndAfterWhatTheyWereSent() {
        streaming(CAMERA);
        EmbeddedChannel channel = get(fixture.signed(CAMERA, "alaw"));

        viewers.cameraGone(CAMERA);
        channel.runPendingTasks();

        List<Object> answer = answer(channel);
        assertThat(answer.get(answer.size() - 1)).isInstanceOf(LastHttpContent.class);
        assertThat(FlvTagReader.of(body(answer)).videoFrames()).isEqualTo(25);
        assertThat(channel.isOpen()).isFalse();
        assertThat(viewers.count()).isZero();
    }

    @Test
    void aConnectionWithoutARequestWithinTheIdleTimeoutIsClosed() {
        EmbeddedChannel channel = connect();

        pass(channel, SETTINGS.idleTimeout().minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        pass(channel, Duration.ofMillis(1));

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aRequestThatDoesNotArriveWholeWithinTheRequestTimeoutIsClosed() {
        EmbeddedChannel channel = request(connect(), "GET /live/" + CAMERA + ".flv HTTP/1.1\r\nHost: x\r\n");

        pass(channel, SETTINGS.requestTimeout().minusMillis(1));
        request(channel, "X-Slow: 1\r\n");
        assertThat(channel.isOpen()).isTrue();
        pass(channel, Duration.ofMillis(1));

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aViewerWhoseCameraSendsNothingForTheIdleTimeoutIsClosedAndLeaves() {
        LiveFeed feed = fixture.connect(CAMERA);
        EmbeddedChannel channel = get(fixture.signed(CAMERA, "flac"));
        answer(channel).forEach(ReferenceCountUtil::release);

        pass(channel, SETTINGS.idleTimeout().minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        pass(channel, Duration.ofMillis(1));

        assertThat(channel.isOpen()).isFalse();
        assertThat(feed.viewers()).isZero();
    }

    @Test
    void aWebSocketUpgradeAtTheSameUrlGetsTheFlvAsBinaryMessages() {
        streaming(CAMERA);
        EmbeddedChannel channel = request(connect(), "GET " + fixture.signed(CAMERA, "alaw") + " HTTP/1.1\r\n"
                + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");

        EmbeddedChannel client = new EmbeddedChannel(new HttpResponseDecoder(),
                new WebSocket13FrameDecoder(false, false, 1 << 20));
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            client.writeInbound(out);
        }
        HttpResponse head = client.readInbound();
        assertThat(head.status().code()).isEqualTo(101);
        List<byte[]> messages = new ArrayList<>();
        for (Object in; (in = client.readInbound()) != null; ) {
            if (in instanceof BinaryWebSocketFrame frame) {
                messages.add(ByteBufUtil.getBytes(frame.content()));
            }
            ReferenceCountUtil.release(in);
        }
        client.finishAndReleaseAll();

        assertThat(new String(messages.get(0), 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("FLV");
        assertThat(messages).hasSizeGreaterThan(25);
        assertThat(channel.pipeline().get(LiveInitializer.REQUEST_START)).as("no request timer").isNull();
        assertThat(viewers.count(Transport.WEBSOCKET)).isEqualTo(1);
    }
}
