package io.alarmhub.server;

import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;
import io.alarmhub.gateway.tls.SelfSigned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HedgwCamera against a stand-in HEDGW ({@link FakeHedgw}) that frames and parses with code of its own. */
@Timeout(60)
class HedgwCameraTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The document's sample list by its IANA codes, in its order. */
    static final Map<Integer, String> LISTED = Map.of(
            0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void offersOnlyTls12AndTheListedSuites() throws Exception {
        FakeHedgw server = server(new FakeHedgw(dir)).serve(connection -> { });

        HedgwCamera camera = connect(server);

        FakeHedgw.Handshake handshake = server.handshake();
        server.done();
        assertThat(handshake.protocol()).as("the server speaks TLS 1.3 too").isEqualTo("TLSv1.2");
        assertThat(handshake.clientHelloVersion()).isEqualTo(0x0303);
        assertThat(handshake.offeredSuites()).as("the ClientHello's cipher suites")
                .containsExactly(0xC02B, 0xC02F, 0xC023, 0xC027, 0xC02C, 0xC030);
        assertThat(LISTED.values()).containsExactlyInAnyOrderElementsOf(HedgwCamera.CIPHER_SUITES);
        assertThat(handshake.cipherSuite()).isIn(HedgwCamera.CIPHER_SUITES).startsWith("TLS_ECDHE_ECDSA_");
        assertThat(camera.session().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(camera.session().getCipherSuite()).isEqualTo(handshake.cipherSuite());
    }

    @Test
    void refusesAServerThatSpeaksOnlyTls13() throws Exception {
        FakeHedgw server = server(new FakeHedgw(dir, new String[]{"TLSv1.3"}, null)).serve(connection -> { });

        assertThatThrownBy(() -> connect(server)).isInstanceOf(SSLHandshakeException.class);
        assertThat(server.handshake().offeredSuites()).allMatch(LISTED::containsKey);
    }

    @Test
    void refusesAServerWithoutAListedSuite() throws Exception {
        FakeHedgw server = server(new FakeHedgw(dir, new String[]{"TLSv1.2"},
                new String[]{"TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"}))
                .serve(connection -> { });

        assertThatThrownBy(() -> connect(server)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void refusesACertificateItWasNotToldToTrust() throws Exception {
        FakeHedgw server = server(new FakeHedgw(dir)).serve(connection -> { });
        Path other = dir.resolve("other.crt");
        SelfSigned.generate(List.of()).write(other, dir.resolve("other.key"));

        assertThatThrownBy(() -> HedgwCamera.connect("127.0.0.1", server.port(), other, TIMEOUT))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theOverloadOffersWhatItIsGiven() throws Exception {
        FakeHedgw server = server(new FakeHedgw(dir)).serve(connection -> { });

        HedgwCamera camera = track(HedgwCamera.connect("127.0.0.1", server.port(), server.certificate(), TIMEOUT,
                List.of("TLSv1.3"), List.of("TLS_AES_256_GCM_SHA384", "TLS_NO_SUCH_SUITE")));

        assertThat(server.handshake().protocol()).isEqualTo("TLSv1.3");
        assertThat(server.handshake().cipherSuite()).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(camera.session().getProtocol()).isEqualTo("TLSv1.3");
        assertThatThrownBy(() -> HedgwCamera.connect("127.0.0.1", server.port(), server.certificate(), TIMEOUT,
                List.of("TLSv1.2"), List.of("TLS_NO_SUCH_SUITE"))).isInstanceOf(IOException.class)
                .hasMessageContaining("none of the cipher suites");
    }

    @Test
    void logsInWithEveryFieldAndAFourByteBigEndianLength() throws Exception {
        BlockingQueue<FakeHedgw.Frame> frames = new LinkedBlockingQueue<>();
        FakeHedgw server = server(new FakeHedgw(dir)).serve(connection -> {
            frames.add(connection.read());
            connection.write(loginResp(0));
        });
        HedgwCamera camera = connect(server);

        Hedgw.DevLoginResp answer = camera.login(parameters().build());

        server.done();
        assertThat(answer.getResult()).isZero();
        assertThat(answer.getPingPongSpan()).isEqualTo(30);
        assertThat(answer.getDeviceStatus()).isEqualTo(1);
        FakeHedgw.Frame frame = frames.take();
        int n = frame.body().length;
        assertThat(n).isGreaterThan(0);
        assertThat(frame.prefix()).containsExactly(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
        Hedgw.HEDGWMessage message = frame.message();
        assertThat(message.getMessageType()).isEqualTo(MessageType.DevLoginReq);
        assertThat(message.hasDevLoginReq()).isTrue();
        Hedgw.DevLoginReq login = message.getDevLoginReq();
        assertThat(login.getAccessKey()).isEqualTo(HemuCameraTest.KEY);
        assertThat(login.getAccessSecret()).isEqualTo(HemuCameraTest.SECRET);
        assertThat(login.getUserName()).isEqualTo(HemuCameraTest.MOBILE);
        assertThat(login.getDeviceToken()).isEqualTo(FakeHemuApi.DEVICE_TOKEN);
        assertThat(login.getUnifiedId()).isEqualTo(FakeHemuApi.UNIFIED_ID);
        assertThat(login.getDeviceMac()).isEqualTo("AA:BB:CC:DD:EE:FF");
        assertThat(login.hasDeviceId()).isTrue();
        assertThat(login.getDeviceId()).isEqualTo("CAM0001");
        assertThat(login.hasChannelId()).isTrue();
        assertThat(login.getChannelId()).isZero();
        assertThat(login.hasChannelType()).isFalse();
        assertThat(login.getVideoType()).isEqualTo(1);
        assertThat(login.getVideoWidth()).isEqualTo(1920);
        assertThat(login.getVideoHeight()).isEqualTo(1080);
        assertThat(login.getAudioType()).isEqualTo(2);
        assertThat(login.getAudioKhz()).isEqualTo(8);
        assertThat(login.getAudioChannel()).isEqualTo(1);
        assertThat(message.toBuilder().clearDevLoginReq().build().getAllFields()).as("nothing else set").hasSize(1);
    }

    @Test
    void logsInOnTheSdCardChannelAndKeepsWhatCameBeforeTheAnswer() throws Exception {
        BlockingQueue<Hedgw.HEDGWMessage> received = new LinkedBlockingQueue<>();
        FakeHedgw server = server(new FakeHedgw(dir)).serve(connection -> {
            received.add(connection.read().message());
            connection.write(serverCmd(7));
            connection.write(loginResp(3));
        });
        HedgwCamera camera = connect(server);

        Hedgw.DevLoginResp answer = camera.login(parameters().channelId(HedgwCamera.CHANNEL_SD_CARD).build());

        assertThat(answer.getResult()).isEqualTo(3);
        assertThat(received.take().getDevLoginReq().getChannelId()).isEqualTo(1);
        assertThat(camera.receive()).isEqualTo(serverCmd(7));
        server.done();
        assertThat(camera.receiveUnlessClosed()).isEmpty();
    }

    @Test
    void pingWaitsForThePongOfItsIdAndKeepsTheRest() throws Exception {
        List<Integer> pings = new CopyOnWriteArrayList<>();
        FakeHedgw server = server(new FakeHedgw(dir)).serve(connection -> {
            for (int i = 0; i < 2; i++) {
                Hedgw.HEDGWMessage ping = connection.read().message();
                assertThat(ping.getMessageType()).isEqualTo(MessageType.PING);
                int id = ping.getPing().getId();
                pings.add(id);
                connection.write(pong(id + 100));
                connection.write(serverCmd(id));
                connection.write(pong(id));
            }
        });
        HedgwCamera camera = connect(server);

        int first = camera.ping();
        int second = camera.ping();

        server.done();
        assertThat(pings).containsExactly(first, second);
        assertThat(second).isGreaterThan(first);
        assertThat(camera.receive()).isEqualTo(pong(first + 100));
        assertThat(camera.receive()).isEqualTo(serverCmd(first));
        assertThat(camera.receive()).isEqualTo(pong(second + 100));
        assertThat(camera.receive()).isEqualTo(serverCmd(second));
        assertThatThrownBy(camera::receive).isInstanceOf(EOFException.class);
    }

    @Test
    void sendsEvents() throws Exception {
        BlockingQueue<Hedgw.HEDGWMessage> received = new LinkedBlockingQueue<>();
        FakeHedgw server = server(new FakeHedgw(dir)).serve(connection -> {
            received.add(connection.read().message());
            received.add(connection.read().message());
        });
        HedgwCamera camera = connect(server);

        camera.event(HedgwCamera.EVENT_MOTION, 1, 1_700_000_000_123L, Optional.of("zone 2"));
        camera.event(HedgwCamera.EVENT_MOTION, 0, 1_700_000_005_000L, Optional.empty());

        server.done();
        Hedgw.HEDGWMessage start = received.take();
        assertThat(start.getMessageType()).isEqualTo(MessageType.DevEventCmd);
        assertThat(start.getDevEventCmd()).isEqualTo(Hedgw.DevEventCmd.newBuilder().setType(1).setStatus(1)
                .setIpcamTime(1_700_000_000_123L).setMsg("zone 2").build());
        Hedgw.DevEventCmd end = received.take().getDevEventCmd();
        assertThat(end.getStatus()).isZero();
        assertThat(end.getIpcamTime()).isEqualTo(1_700_000_005_000L);
        assertThat(end.hasMsg()).isFalse();
    }

    @Test
    void sendRawSendsTheBytesAsTheyAre() throws Exception {
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        FakeHedgw server = server(new FakeHedgw(dir)).serve(connection -> received.add(connection.readBytes(6)));
        HedgwCamera camera = connect(server);

        camera.sendRaw(new byte[]{0, 0, 0, 9, 1, 2});

        server.done();
        assertThat(received.take()).containsExactly(0, 0, 0, 9, 1, 2);
    }

    @Test
    void aServerClosingIsAnEof() throws Exception {
        FakeHedgw server = server(new FakeHedgw(dir)).serve(connection -> connection.write(pong(5)));
        HedgwCamera camera = connect(server);

        assertThat(camera.receive()).isEqualTo(pong(5));
        server.done();
        assertThatThrownBy(camera::receive).isInstanceOf(EOFException.class);
    }

    @Test
    void aServerClosingWithinAFrameIsAnEofToo() throws Exception {
        FakeHedgw server = server(new FakeHedgw(dir)).serve(connection -> connection.writeRaw(new byte[]{0, 0, 0, 20, 8}));
        HedgwCamera camera = connect(server);

        server.done();
        assertThatThrownBy(camera::receive).isInstanceOf(EOFException.class);
    }

    @Test
    void aServerClosingWhileLoginWaitsIsAnEof() throws Exception {
        FakeHedgw server = server(new FakeHedgw(dir)).serve(connection -> connection.read());
        HedgwCamera camera = connect(server);

        assertThatThrownBy(() -> camera.login(parameters().build())).isInstanceOf(EOFException.class);
        server.done();
    }

    @Test
    void refusesAFrameOverFourMebibytes() throws Exception {
        FakeHedgw server = server(new FakeHedgw(dir)).serve(connection ->
                connection.writeRaw(new byte[]{0, 0x40, 0, 1}));
        HedgwCamera camera = connect(server);

        assertThatThrownBy(camera::receive).isInstanceOf(IOException.class).isNotInstanceOf(EOFException.class)
                .hasMessageContaining("4194305");
        server.done();
    }

    @Test
    void refusesAFrameThatIsNoMessage() throws Exception {
        FakeHedgw server = server(new FakeHedgw(dir)).serve(connection ->
                connection.writeRaw(new byte[]{0, 0, 0, 2, 0x10, 0x01}));
        HedgwCamera camera = connect(server);

        assertThatThrownBy(camera::receive).isInstanceOf(IOException.class).isNotInstanceOf(EOFException.class);
        server.done();
    }

    @Test
    void aSilentServerIsATimeout() throws Exception {
        FakeHedgw server = server(new FakeHedgw(dir)).serve(connection -> connection.read());
        HedgwCamera camera = track(HedgwCamera.connect("127.0.0.1", server.port(), server.certificate(),
                Duration.ofMillis(300)));

        assertThatThrownBy(camera::receive).isInstanceOf(SocketTimeoutException.class);
        camera.close();
        assertThatThrownBy(server::done).isInstanceOf(IOException.class);
    }

    @Test
    void theParametersNeverShowTheSecretOrTheToken() {
        HedgwCamera.LoginParameters p = parameters().build();

        assertThat(p.toString()).doesNotContain(HemuCameraTest.SECRET, FakeHemuApi.DEVICE_TOKEN, "dt-5")
                .contains(HemuCameraTest.KEY, FakeHemuApi.UNIFIED_ID, "CAM0001", "channelId=0");
        assertThat(p.withChannel(1).channelId()).isEqualTo(1);
        assertThatThrownBy(() -> parameters().deviceToken(null).build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("deviceToken");
    }

    static HedgwCamera.LoginParameters.Builder parameters() {
        return HedgwCamera.LoginParameters.builder().accessKey(HemuCameraTest.KEY).accessSecret(HemuCameraTest.SECRET)
                .userName(HemuCameraTest.MOBILE).deviceToken(FakeHemuApi.DEVICE_TOKEN).unifiedId(FakeHemuApi.UNIFIED_ID)
                .deviceMac("AA:BB:CC:DD:EE:FF").deviceId("CAM0001");
    }

    static Hedgw.HEDGWMessage loginResp(int result) {
        return Hedgw.HEDGWMessage.newBuilder().setMessageType(MessageType.DevLoginResp)
                .setDevLoginResp(Hedgw.DevLoginResp.newBuilder().setResult(result).setPingPongSpan(30).setDeviceStatus(1))
                .build();
    }

    static Hedgw.HEDGWMessage pong(int id) {
        return Hedgw.HEDGWMessage.newBuilder().setMessageType(MessageType.PONG).setPong(Hedgw.Pong.newBuilder().setId(id))
                .build();
    }

    static Hedgw.HEDGWMessage serverCmd(int type) {
        return Hedgw.HEDGWMessage.newBuilder().setMessageType(MessageType.DevServerCmd)
                .setDevServerCmd(Hedgw.DevServerCmd.newBuilder().setType(type)).build();
    }

    private FakeHedgw server(FakeHedgw server) {
        return track(server);
    }

    private HedgwCamera connect(FakeHedgw server) throws IOException {
        return track(HedgwCamera.connect("127.0.0.1", server.port(), server.certificate(), TIMEOUT));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }
}
