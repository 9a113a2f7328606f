package io.alarmhub.gateway.device.hemu.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.video.audio.ALaw;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.alarmhub.gateway.device.hemu.live.LiveFixture.CAMERA;
import static io.alarmhub.gateway.device.hemu.live.LiveFixture.OTHER_CAMERA;
import static io.alarmhub.gateway.device.hemu.live.LiveFixture.OWNER;
import static io.alarmhub.gateway.device.hemu.live.LiveFixture.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-way talk through the live listener's own pipeline ({@link LiveInitializer}) on EmbeddedChannels, as a
 * browser's WebSocket would talk to it: who may talk, one talker a camera, and the packages the camera is sent.
 */
class TalkRouterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LiveSettings SETTINGS = LiveSettings.DEFAULT;
    private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    private final LiveFixture fixture = new LiveFixture();
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final LiveViewers viewers = new LiveViewers(SETTINGS.maxViewersPerCamera(), SETTINGS.maxViewers());
    /** One router for every connection, as the listener has. */
    private final LiveRouter router = fixture.router(viewers);

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private EmbeddedChannel track(EmbeddedChannel channel) {
        channels.add(channel);
        return channel;
    }

    /** A talker's connection: the listener's side, and what the talker's browser reads and writes. */
    private final class Talker {

        final EmbeddedChannel server = track(new EmbeddedChannel());
        final EmbeddedChannel reader = track(new EmbeddedChannel(new HttpResponseDecoder(),
                new WebSocket13FrameDecoder(false, false, 1 << 16)));
        final EmbeddedChannel writer = track(new EmbeddedChannel(new WebSocket13FrameEncoder(true)));

        Talker(String target, String headers) {
            server.freezeTime();
            server.pipeline().addLast(new LiveInitializer(router, SETTINGS));
            server.writeInbound(Unpooled.copiedBuffer("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + headers
                    + "\r\n", StandardCharsets.ISO_8859_1));
        }

        /** Sends one WebSocket frame as a browser does, masked. */
        void send(WebSocketFrame frame) {
            writer.writeOutbound(frame);
            for (ByteBuf out; (out = writer.readOutbound()) != null; ) {
                server.writeInbound(out);
            }
        }

        void sendPcm(short[] pcm) {
            send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(littleEndian(pcm))));
        }

        /** What the listener has written since last asked, as the talker's browser reads it. */
        List<Object> read() {
            server.runPendingTasks();
            for (ByteBuf out; (out = server.readOutbound()) != null; ) {
                reader.writeInbound(out);
            }
            List<Object> read = new ArrayList<>();
            for (Object in; (in = reader.readInbound()) != null; ) {
                read.add(in);
            }
            return read;
        }

        /** The status of the answer to the upgrade. */
        int opened() {
            List<Object> read = read();
            read.forEach(ReferenceCountUtil::release);
            return ((HttpResponse) read.get(0)).status().code();
        }

        /** The close frame the listener ended with, last of what it wrote. */
        Closed closedWith() {
            List<Object> read = read();
            try {
                assertThat(read).last().isInstanceOf(CloseWebSocketFrame.class);
                CloseWebSocketFrame close = (CloseWebSocketFrame) read.get(read.size() - 1);
                return new Closed(close.statusCode(), close.reasonText());
            } finally {
                read.forEach(ReferenceCountUtil::release);
            }
        }
    }

    private record Closed(int status, String reason) {
    }

    private Talker talk(String target) {
        return new Talker(target, UPGRADE);
    }

    /** The JSON refusal of a plain HTTP answer. */
    private JsonNode refusal(String target, String headers, int status) throws Exception {
        Talker talker = new Talker(target, headers);
        EmbeddedChannel http = track(new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(4096)));
        for (ByteBuf out; (out = talker.server.readOutbound()) != null; ) {
            http.writeInbound(out);
        }
        FullHttpResponse answer = http.readInbound();
        try {
            assertThat(answer.status().code()).isEqualTo(status);
            assertThat(talker.server.isOpen()).isFalse();
            return JSON.readTree(ByteBufUtil.getBytes(answer.content()));
        } finally {
            answer.release();
        }
    }

    private static short[] tone(int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(12_000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        return pcm;
    }

    private static byte[] littleEndian(short[] pcm) {
        ByteBuffer bytes = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : pcm) {
            bytes.putShort(sample);
        }
        return bytes.array();
    }

    private double talkMeter(String name, String tag, String value) {
        return fixture.registry.get(name).tag(tag, value).counter().count();
    }

    @Test
    void theOwnersPcmReachesTheCameraAs20msRtpPackagesOfItsALaw() {
        fixture.speakers.connect(CAMERA);
        Talker talker = talk(fixture.talkSigned(CAMERA));
        assertThat(talker.opened()).isEqualTo(101);
        short[] pcm = tone(800);

        talker.sendPcm(Arrays.copyOfRange(pcm, 0, 250));
        talker.sendPcm(Arrays.copyOfRange(pcm, 250, 800));

        List<TalkPacket> heard = fixture.speakers.heard(CAMERA);
        assertThat(heard).hasSize(5);
        byte[] alaw = new byte[pcm.length];
        ALaw.encode(pcm, 0, pcm.length, alaw, 0);
        int ssrc = ByteBuffer.wrap(heard.get(0).rtp()).getInt(8);
        int firstSequence = ByteBuffer.wrap(heard.get(0).rtp()).getShort(2) & 0xFFFF;
        int firstTimestamp = ByteBuffer.wrap(heard.get(0).rtp()).getInt(4);
        for (int i = 0; i < heard.size(); i++) {
            TalkPacket p = heard.get(i);
            ByteBuffer rtp = ByteBuffer.wrap(p.rtp());
            assertThat(p.seqNum()).isEqualTo(i);
            assertThat(p.startTime()).as("milliseconds into the talk").isEqualTo(20 * i);
            assertThat(p.ipcamTime()).isEqualTo(LiveFixture.NOW.toEpochMilli());
            assertThat(p.rtp()).hasSize(12 + 160);
            assertThat(rtp.get(0) & 0xFF).isEqualTo(0x80);
            assertThat(rtp.get(1) & 0x7F).isEqualTo(8);
            assertThat(rtp.getShort(2) & 0xFFFF).isEqualTo((firstSequence + i) & 0xFFFF);
            assertThat(rtp.getInt(4)).isEqualTo(firstTimestamp + 160 * i);
            assertThat(rtp.getInt(8)).isEqualTo(ssrc);
            assertThat(Arrays.copyOfRange(p.rtp(), 12, 172)).isEqualTo(Arrays.copyOfRange(alaw, 160 * i, 160 * i + 160));
        }
        assertThat(talkMeter(TalkMetrics.PACKETS, "outcome", "sent")).isEqualTo(5);
        assertThat(fixture.registry.get(TalkMetrics.SESSIONS).counter().count()).isEqualTo(1);
    }

    @Test
    void eachTalkHasItsOwnRandomSsrc() {
        fixture.speakers.connect(CAMERA);
        fixture.speakers.connect(OTHER_CAMERA);
        Talker one = talk(fixture.talkSigned(CAMERA));
        Talker other = talk(fixture.talkSigned(OTHER_CAMERA));

        one.sendPcm(tone(160));
        other.sendPcm(tone(160));

        int ssrc = ByteBuffer.wrap(fixture.speakers.heard(CAMERA).get(0).rtp()).getInt(8);
        assertThat(ByteBuffer.wrap(fixture.speakers.heard(OTHER_CAMERA).get(0).rtp()).getInt(8)).isNotEqualTo(ssrc);
    }

    @Test
    void aLawFromTheTalkerGoesThroughAsItCame() {
        fixture.speakers.connect(CAMERA);
        Talker talker = talk(fixture.talkSigned(CAMERA) + "&format=alaw");
        byte[] alaw = new byte[320];
        for (int i = 0; i < alaw.length; i++) {
            alaw[i] = (byte) (i * 7);
        }

        talker.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(alaw)));

        List<TalkPacket> heard = fixture.speakers.heard(CAMERA);
        assertThat(heard).hasSize(2);
        assertThat(Arrays.copyOfRange(heard.get(1).rtp(), 12, 172)).isEqualTo(Arrays.copyOfRange(alaw, 160, 320));
    }

    @Test
    void anAliasThatOwnsTheCameraTalksWithItsTokenAndAStrangerIsRefused() throws Exception {
        fixture.speakers.connect(CAMERA);
        String token = "/talk/" + CAMERA + "?alias=" + OWNER + "&alias_token="
                + fixture.aliasTokens.mint(OWNER).token();
        assertThat(talk(token).opened()).isEqualTo(101);

        String stranger = "/talk/" + OTHER_CAMERA + "?alias=" + STRANGER + "&alias_token="
                + fixture.aliasTokens.mint(STRANGER).token();
        assertThat(refusal(stranger, UPGRADE, 403).get("error").asText())
                .isEqualTo("this alias does not own the camera");
        assertThat(talkMeter(TalkMetrics.REFUSED, "reason", "not_owner")).isEqualTo(1);
    }

    @Test
    void aLiveUrlsSignatureDoesNotLetItsHolderTalk() throws Exception {
        fixture.speakers.connect(CAMERA);
        String live = fixture.signed(CAMERA, "flac");
        String query = live.substring(live.indexOf("&expires="));

        assertThat(refusal("/talk/" + CAMERA + "?format=pcm" + query, UPGRADE, 403).get("error").asText())
                .isEqualTo("bad signature");
        assertThat(talkMeter(TalkMetrics.REFUSED, "reason", "signature")).isEqualTo(1);
        assertThat(fixture.refused("signature")).as("the viewers' count").isZero();
    }

    @Test
    void oneTalkerACameraASecondIs409UntilTheFirstHasClosed() throws Exception {
        fixture.speakers.connect(CAMERA);
        Talker first = talk(fixture.talkSigned(CAMERA));
        assertThat(first.opened()).isEqualTo(101);

        assertThat(refusal(fixture.talkSigned(CAMERA), UPGRADE, 409).get("error").asText())
                .isEqualTo("someone is talking to this camera, try again later");
        assertThat(talkMeter(TalkMetrics.REFUSED, "reason", "talking")).isEqualTo(1);

        first.send(new CloseWebSocketFrame(1000, "done"));
        assertThat(first.closedWith().status()).as("echoed").isEqualTo(1000);
        assertThat(first.server.isOpen()).isFalse();
        assertThat(fixture.talkers.count()).isZero();
        assertThat(talk(fixture.talkSigned(CAMERA)).opened()).isEqualTo(101);
    }

    @Test
    void aCameraThatIsNotConnectedIs404AndAPlainGetIs426() throws Exception {
        assertThat(refusal(fixture.talkSigned(CAMERA), UPGRADE, 404).get("error").asText())
                .isEqualTo("camera not connected");
        fixture.speakers.connect(CAMERA);
        assertThat(refusal(fixture.talkSigned(CAMERA), "", 426).get("error").asText())
                .isEqualTo("talk is a WebSocket: send an Upgrade");
        assertThat(refusal("/talk/123", UPGRADE, 404).get("error").asText()).startsWith("not found");
        assertThat(refusal(fixture.talkSigned(CAMERA) + "&format=mp3", UPGRADE, 400).get("error").asText())
                .isEqualTo("format is pcm or alaw");

        assertThat(talkMeter(TalkMetrics.REFUSED, "reason", "not_connected")).isEqualTo(1);
        assertThat(talkMeter(TalkMetrics.REFUSED, "reason", "not_websocket")).isEqualTo(1);
        assertThat(fixture.talkers.count()).isZero();
    }

    @Test
    void aMessageOverTheBoundIsClosedWith1009WhetherOneFrameOrSeveral() {
        fixture.speakers.connect(CAMERA);
        Talker oneFrame = talk(fixture.talkSigned(CAMERA));
        oneFrame.read().forEach(ReferenceCountUtil::release);

        oneFrame.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[TalkHandler.MAX_MESSAGE_BYTES + 2])));

        assertThat(oneFrame.closedWith().status()).isEqualTo(1009);
        assertThat(oneFrame.server.isOpen()).isFalse();

        Talker fragmented = talk(fixture.talkSigned(CAMERA));
        fragmented.read().forEach(ReferenceCountUtil::release);
        int half = TalkHandler.MAX_MESSAGE_BYTES / 2;
        fragmented.send(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[half])));
        fragmented.send(new ContinuationWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[half])));
        assertThat(fragmented.server.isOpen()).as("at the bound").isTrue();
        fragmented.send(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[2])));

        Closed closed = fragmented.closedWith();
        assertThat(closed.status()).isEqualTo(1009);
        assertThat(closed.reason()).isEqualTo("a message is at most 8192 bytes");
        assertThat(fixture.speakers.heard(CAMERA)).as("what came before it was sent: 4096 samples")
                .hasSize(4096 / TalkFrames.SAMPLES);
    }

    @Test
    void aTextMessageIsClosedWith1003AndAPingIsAnswered() {
        fixture.speakers.connect(CAMERA);
        Talker talker = talk(fixture.talkSigned(CAMERA));
        talker.read().forEach(ReferenceCountUtil::release);

        talker.send(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2})));
        List<Object> pong = talker.read();
        assertThat(pong).singleElement().isInstanceOf(PongWebSocketFrame.class);
        assertThat(ByteBufUtil.getBytes(((PongWebSocketFrame) pong.get(0)).content())).containsExactly(1, 2);
        pong.forEach(ReferenceCountUtil::release);

        talker.send(new TextWebSocketFrame("hello"));

        assertThat(talker.closedWith().status()).isEqualTo(1003);
        assertThat(talker.server.isOpen()).isFalse();
    }

    @Test
    void packagesTheCamerasConnectionCannotTakeAreDroppedAndCounted() {
        fixture.speakers.connect(CAMERA);
        Talker talker = talk(fixture.talkSigned(CAMERA));
        talker.sendPcm(tone(320));

        fixture.speakers.writable(false);
        talker.sendPcm(tone(480));
        fixture.speakers.writable(true);
        talker.sendPcm(tone(160));

        List<TalkPacket> heard = fixture.speakers.heard(CAMERA);
        assertThat(heard).extracting(TalkPacket::seqNum).containsExactly(0, 1, 5);
        assertThat(heard).extracting(TalkPacket::startTime).containsExactly(0, 20, 100);
        assertThat(talkMeter(TalkMetrics.PACKETS, "outcome", "sent")).isEqualTo(3);
        assertThat(talkMeter(TalkMetrics.PACKETS, "outcome", "dropped")).isEqualTo(3);
        assertThat(talker.server.isOpen()).isTrue();
    }

    @Test
    void whenTheCameraGoesItsTalkIsClosedWithWhyAndTheCameraIsFreeAgain() {
        fixture.speakers.connect(CAMERA);
        Talker talker = talk(fixture.talkSigned(CAMERA));
        talker.read().forEach(ReferenceCountUtil::release);
        fixture.metrics.watch(viewers);
        fixture.talkMetrics.watch(fixture.talkers);
        assertThat(fixture.registry.get(TalkMetrics.TALKERS).gauge().value()).isEqualTo(1);

        fixture.talkers.cameraGone(CAMERA);

        Closed closed = talker.closedWith();
        assertThat(closed.status()).isEqualTo(1001);
        assertThat(closed.reason()).isEqualTo("camera gone");
        assertThat(talker.server.isOpen()).isFalse();
        assertThat(fixture.registry.get(TalkMetrics.TALKERS).gauge().value()).isZero();
    }

    @Test
    void aTalkWhoseCameraWentUnnoticedEndsAtItsNextPackage() {
        fixture.speakers.connect(CAMERA);
        Talker talker = talk(fixture.talkSigned(CAMERA));
        talker.read().forEach(ReferenceCountUtil::release);

        fixture.speakers.disconnect(CAMERA);
        talker.sendPcm(tone(480));

        Closed closed = talker.closedWith();
        assertThat(closed.status()).isEqualTo(1001);
        assertThat(closed.reason()).isEqualTo("camera gone");
        assertThat(talker.server.isOpen()).isFalse();
        assertThat(fixture.talkers.count()).isZero();
    }

    @Test
    void aTalkerSilentForTheIdleTimeoutIsClosedAndReleased() {
        fixture.speakers.connect(CAMERA);
        Talker talker = talk(fixture.talkSigned(CAMERA));
        talker.sendPcm(tone(160));

        pass(talker.server, SETTINGS.idleTimeout().minusMillis(1));
        assertThat(talker.server.isOpen()).isTrue();
        pass(talker.server, Duration.ofMillis(1));

        assertThat(talker.server.isOpen()).isFalse();
        assertThat(fixture.talkers.count()).isZero();
    }

    private static void pass(EmbeddedChannel channel, Duration time) {
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }
}
