package io.alarmhub.server;

import com.google.protobuf.ByteString;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;
import io.alarmhub.video.testing.VideoFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A simulated camera's upload on a HEDGW connection, against a stand-in HEDGW ({@link FakeHedgw}). The packages
 * fall due when the test says (a {@link CameraVideo.Pacing} on a semaphore), so that what the camera does at each
 * step is known without a clock.
 */
@Timeout(60)
class CameraVideoTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final Semaphore due = new Semaphore(0);
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void aCameraWhosePlanExpiredUploadsOnlyFromDevAppCmd8To9() throws Exception {
        StandIn server = hedgw(2);
        CameraVideo video = camera(server, CameraVideo.Channel.LIVE);

        fallDue(video, 30);
        assertThat(video.sent().packages()).as("nobody watches").isZero();
        assertThat(video.sent().withheld()).isEqualTo(30);

        server.write(appCommand(CameraVideo.VIEWER_STARTED));
        until(video::uploads);
        fallDue(video, 100);
        CameraVideo.Sent watched = video.sent();
        assertThat(watched.keyframes()).isEqualTo(2);

        server.write(appCommand(CameraVideo.VIEWER_STOPPED));
        until(() -> !video.uploads());
        fallDue(video, 50);
        assertThat(video.sent().packages()).as("the viewer left").isEqualTo(watched.packages());

        List<Hedgw.TDMediaPackage> received = server.media();
        assertThat(received).hasSize((int) watched.packages());
        assertThat(received.get(0).getPackageType()).isEqualTo(MediaPackets.PARAMETER_SETS);
        assertThat(received.get(0).getStartTime()).as("the keyframe after the viewer came").isEqualTo(1000);
        assertThat(received.get(1).getPackageType()).isEqualTo(MediaPackets.VIDEO);
        assertThat(received.get(1).getSync()).isEqualTo(1);
        assertThat(lines).containsExactly(
                "plan 2 (expired): uploading only while a viewer watches (DevAppCmd 8 to 9)",
                "uploading from the next keyframe", "not uploading: no viewer watches");
    }

    @Test
    void aPlanThatExpiresWhileConnectedStopsTheUploadAndANewOneResumesIt() throws Exception {
        StandIn server = hedgw(1);
        CameraVideo video = camera(server, CameraVideo.Channel.LIVE);

        fallDue(video, 10);
        server.write(serverCommand(2));
        until(() -> !video.uploads());
        fallDue(video, 20);
        server.write(serverCommand(1));
        until(video::uploads);
        fallDue(video, 60);

        List<Hedgw.TDMediaPackage> received = server.media();
        assertThat(received.subList(0, 10)).extracting(Hedgw.TDMediaPackage::getPackageType)
                .startsWith(MediaPackets.PARAMETER_SETS, MediaPackets.VIDEO, MediaPackets.AUDIO);
        assertThat(received.get(10).getPackageType()).as("resumed at a keyframe")
                .isEqualTo(MediaPackets.PARAMETER_SETS);
        assertThat(received.get(10).getStartTime()).isEqualTo(1000);
        assertThat(received).hasSize((int) video.sent().packages());
        assertThat(video.sent().withheld()).isEqualTo(90 - video.sent().packages());
    }

    @Test
    void theSdCardChannelUploadsWhateverThePlan() throws Exception {
        StandIn server = hedgw(2);
        CameraVideo video = camera(server, CameraVideo.Channel.SD_CARD);

        fallDue(video, 40);

        assertThat(video.sent().packages()).isEqualTo(40);
        assertThat(server.media()).hasSize(40);
    }

    @Test
    void talkAudioFromTheServerLosesItsRtpHeaderAndKeepsTheTone() throws Exception {
        byte[] tone = Files.readAllBytes(VideoFixtures.alaw(VideoSourceTest.FIXTURES, 440, 1));
        StandIn server = hedgw(1);
        TalkAudio talk = new TalkAudio();
        HedgwCamera camera = connect(server);
        camera.login(HedgwCameraTest.parameters().build());
        track(new AnsweringCamera(camera, command -> Optional.empty(), (command, answer) -> { }, talk)
                .start(Duration.ofHours(1)));

        server.write(talk(new byte[] {(byte) 0x80, 8, 0, 1, 0}));
        for (int at = 0, n = 0; at < tone.length; at += 320, n++) {
            byte[] payload = Arrays.copyOfRange(tone, at, at + 320);
            server.write(talk(n == 0 ? rtpWithExtension(payload) : rtp(n, payload)));
        }
        until(() -> talk.bytes() == tone.length);

        assertThat(talk.alaw()).isEqualTo(tone);
        assertThat(talk.packets()).isEqualTo(25);
        assertThat(talk.refused()).as("a package shorter than its header").isEqualTo(1);
        assertThat(zeroCrossings(talk.alaw())).as("a 440 Hz tone crosses zero 880 times a second")
                .isBetween(870, 890);
    }

    /** Lets {@code n} more packages fall due and waits until the camera has sent or withheld them. */
    private void fallDue(CameraVideo video, int n) {
        long before = video.sent().packages() + video.sent().withheld();
        due.release(n);
        until(() -> video.sent().packages() + video.sent().withheld() == before + n || video.finished());
        assertThat(video.failure()).isEmpty();
        assertThat(video.sent().packages() + video.sent().withheld()).isEqualTo(before + n);
    }

    private static void until(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
    }

    /** A camera logged in to {@code server}, looping three seconds of H.264 and A-law as the test says. */
    private CameraVideo camera(StandIn server, CameraVideo.Channel channel) throws Exception {
        VideoSource source = VideoSource.open(Optional.of(VideoFixtures.h264(VideoSourceTest.FIXTURES, 3)),
                Optional.of(VideoFixtures.alaw(VideoSourceTest.FIXTURES, 440, 3)), 25, 40);
        HedgwCamera camera = connect(server);
        Hedgw.DevLoginResp answer = camera.login(HedgwCameraTest.parameters().build(), source.streamSettings());
        CameraVideo video = new CameraVideo(new MediaPackets(source, new MediaPackets.Settings(0, 0,
                OptionalInt.empty(), true, 0)), camera::sendMedia,
                at -> due.acquire(), channel, lines::add);
        video.loggedIn(answer);
        track(new AnsweringCamera(camera, command -> Optional.empty(),
                (command, reply) -> { }, video::heard).start(Duration.ofHours(1)));
        track(video).start();
        return video;
    }

    private HedgwCamera connect(StandIn server) throws IOException {
        HedgwCamera camera = track(HedgwCamera.connect("127.0.0.1", server.fake.port(), server.fake.certificate(),
                TIMEOUT));
        server.camera = camera;
        return camera;
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private static Hedgw.HEDGWMessage appCommand(int type) {
        return Hedgw.HEDGWMessage.newBuilder().setMessageType(MessageType.DevAppCmd)
                .setDevAppCmd(Hedgw.DevAppCmd.newBuilder().setType(type).setSrcDeviceId("alice")).build();
    }

    private static Hedgw.HEDGWMessage serverCommand(int plan) {
        return Hedgw.HEDGWMessage.newBuilder().setMessageType(MessageType.DevServerCmd).setDevServerCmd(
                Hedgw.DevServerCmd.newBuilder().setType(CameraVideo.PLAN_CHANGED).setDeviceStatus(plan)
                        .setServiceDays(0)).build();
    }

    /** An app's voice as the HEDGW relays it (5.2.5): audio, sync 0. */
    private static Hedgw.HEDGWMessage talk(byte[] data) {
        return Hedgw.HEDGWMessage.newBuilder().setMessageType(MessageType.TDMediaPackage).setTdMediaPackage(
                Hedgw.TDMediaPackage.newBuilder().setPackageType(MediaPackets.AUDIO).setSync(0)
                        .setData(ByteString.copyFrom(data)).setDataSize(data.length).setStartTime(0).setSeqNum(0))
                .build();
    }

    /** RTP version 2, payload type 8 (PCMA), sequence {@code n}, timestamp in samples. */
    private static byte[] rtp(int n, byte[] payload) {
        byte[] packet = new byte[12 + payload.length];
        packet[0] = (byte) 0x80;
        packet[1] = 8;
        packet[2] = (byte) (n >> 8);
        packet[3] = (byte) n;
        int timestamp = n * payload.length;
        packet[6] = (byte) (timestamp >> 8);
        packet[7] = (byte) timestamp;
        System.arraycopy(payload, 0, packet, 12, payload.length);
        return packet;
    }

    /** The same with one CSRC and a one-word header extension: 12 + 4 + 8 bytes before the A-law. */
    private static byte[] rtpWithExtension(byte[] payload) {
        byte[] packet = new byte[24 + payload.length];
        packet[0] = (byte) 0x91; // V=2, X=1, CC=1
        packet[1] = 8;
        packet[19] = 1; // extension length: one 32-bit word
        System.arraycopy(payload, 0, packet, 24, payload.length);
        return packet;
    }

    /** Sign changes of the decoded A-law (G.711: no code decodes to 0, so every sample has a sign). */
    private static int zeroCrossings(byte[] alaw) {
        int crossings = 0;
        for (int i = 1; i < alaw.length; i++) {
            if (positive(alaw[i]) != positive(alaw[i - 1])) {
                crossings++;
            }
        }
        return crossings;
    }

    /** A-law's sign bit, after the even bits are inverted back: set is positive. */
    private static boolean positive(byte code) {
        return ((code ^ 0x55) & 0x80) != 0;
    }

    /** A stand-in HEDGW that answers the login with {@code plan} and keeps what the camera sends after it. */
    private StandIn hedgw(int plan) throws Exception {
        StandIn server = new StandIn(track(new FakeHedgw(dir)));
        server.fake.serve(connection -> {
            connection.read();
            connection.write(Hedgw.HEDGWMessage.newBuilder()
                    .setMessageType(MessageType.DevLoginResp).setDevLoginResp(
                            Hedgw.DevLoginResp.newBuilder().setResult(0)
                                    .setPingPongSpan(30).setDeviceStatus(plan)).build());
            server.connection.complete(connection);
            try {
                while (true) {
                    server.received.add(connection.read().message());
                }
            } catch (IOException closed) {
                // the camera is gone: what it sent is all in received
            }
        });
        return server;
    }

    /** The stand-in's connection, once the login is answered, and every message read after it. */
    private static final class StandIn {

        final FakeHedgw fake;
        /** The camera's side, closed before what it sent is read to the end. */
        volatile HedgwCamera camera;
        final CompletableFuture<FakeHedgw.Connection> connection = new CompletableFuture<>();
        final BlockingQueue<Hedgw.HEDGWMessage> received =
                new LinkedBlockingQueue<>();

        StandIn(FakeHedgw fake) {
            this.fake = fake;
        }

        void write(Hedgw.HEDGWMessage message) throws Exception {
            connection.get(20, TimeUnit.SECONDS).write(message);
        }

        /** What the camera sent: it closes the connection, and the stand-in reads to its end. */
        List<Hedgw.TDMediaPackage> media() throws Exception {
            camera.close();
            fake.done();
            return received.stream().filter(m -> m.getMessageType() == MessageType.TDMediaPackage)
                    .map(Hedgw.HEDGWMessage::getTdMediaPackage).toList();
        }
    }
}
