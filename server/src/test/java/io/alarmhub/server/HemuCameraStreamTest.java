package io.alarmhub.server;

import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;
import io.alarmhub.video.testing.VideoFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alarmhub hemu camera --hedgw --video … --audio …}, run as picocli runs it, against stand-ins. */
@Timeout(60)
class HemuCameraStreamTest {

    private static final Map<String, String> ENV = Map.of(HemuCameraCommand.SECRET_ENV, HemuCameraTest.SECRET);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void anSdCardUploadIsSentAtOnceOnChannelOneWithTimesOfTheRecording() throws Exception {
        List<Hedgw.HEDGWMessage> received = new CopyOnWriteArrayList<>();
        try (FakeHemuApi api = new FakeHemuApi(dir, HemuCameraTest.KEY, HemuCameraTest.SECRET);
             FakeHedgw hedgw = new FakeHedgw(dir)) {
            hedgw.serve(connection -> serveWithPlan(connection, 2, received));
            long before = System.currentTimeMillis();

            int status = camera(api, hedgw, "--video", VideoFixtures.h264(VideoSourceTest.FIXTURES, 3).toString(),
                    "--audio", VideoFixtures.alaw(VideoSourceTest.FIXTURES, 440, 3).toString(), "--sd-card",
                    "--start-time", "4294967000", "--control-flag", "1");

            long after = System.currentTimeMillis();
            assertThat(status).as(err.toString()).isZero();
            hedgw.done();
            Hedgw.DevLoginReq login = received.get(0).getDevLoginReq();
            assertThat(login.getChannelId()).isEqualTo(HedgwCamera.CHANNEL_SD_CARD);
            assertThat(List.of(login.getVideoType(), login.getVideoWidth(), login.getVideoHeight(),
                    login.getAudioType())).containsExactly(1, 640, 360, 2);
            List<Hedgw.TDMediaPackage> media = media(received);
            long age = CameraVideoOptions.SD_CARD_AGE.toMillis();
            assertThat(media).as("the plan does not hold back an SD card").hasSize(3 + 75 + 75);
            assertThat(media).allSatisfy(m -> {
                assertThat(m.getIpcamTime()).as("three seconds that ended an hour ago")
                        .isBetween(before - age - 3000, after - age);
                assertThat(m.getControlFlag()).isEqualTo(1);
            });
            assertThat(media.get(0).getStartTime()).isEqualTo((int) 4294967000L);
            assertThat(media.get(media.size() - 1).getStartTime()).as("wrapped").isBetween(0, 3000);
            assertThat(out.toString()).contains("staying connected until the files are sent, pinging every 30 s\n",
                    "sent 153 packages: 3 parameter sets, 75 frames (3 keyframes), 75 audio packets, ");
        }
    }

    @Test
    void aLiveStreamTellsItsCodecsAndStaysUntilTheFilesAreSent() throws Exception {
        List<Hedgw.HEDGWMessage> received = new CopyOnWriteArrayList<>();
        try (FakeHemuApi api = new FakeHemuApi(dir, HemuCameraTest.KEY, HemuCameraTest.SECRET);
             FakeHedgw hedgw = new FakeHedgw(dir)) {
            hedgw.serve(connection -> serveWithPlan(connection, 1, received));

            int status = camera(api, hedgw, "--video", VideoFixtures.h265(VideoSourceTest.FIXTURES, 1).toString(),
                    "--audio", VideoFixtures.g726(VideoSourceTest.FIXTURES, 440, 1).toString(), "--audio-packet",
                    "20");

            assertThat(status).as(err.toString()).isZero();
            hedgw.done();
            Hedgw.DevLoginReq login = received.get(0).getDevLoginReq();
            assertThat(List.of(login.getChannelId(), login.getVideoType(), login.getAudioType()))
                    .containsExactly(0, 2, 1);
            List<Hedgw.TDMediaPackage> media = media(received);
            assertThat(media).hasSize(1 + 25 + 50);
            assertThat(media).allSatisfy(m -> assertThat(m.hasControlFlag()).isFalse());
            assertThat(media.stream().filter(m -> m.getPackageType() == MediaPackets.AUDIO))
                    .allSatisfy(m -> assertThat(m.getDataSize()).isEqualTo(80));
        }
    }

    @Test
    void refusesStreamingOptionsThatCannotWork() throws Exception {
        String video = VideoFixtures.h264(VideoSourceTest.FIXTURES, 1).toString();
        String tone = VideoFixtures.alaw(VideoSourceTest.FIXTURES, 440, 1).toString();
        try (FakeHemuApi api = new FakeHemuApi(dir, HemuCameraTest.KEY, HemuCameraTest.SECRET)) {
            assertRefused(api, "--video and --audio need --hedgw", "--video", video);
            assertRefused(api, "--loop needs --video or --audio", "--hedgw", "--loop");
            assertRefused(api, "--sd-card needs --video or --audio", "--hedgw", "--sd-card");
            assertRefused(api, "not with --loop", "--hedgw", "--video", video, "--sd-card", "--loop");
            assertRefused(api, "--control-flag must be 1", "--hedgw", "--video", video, "--control-flag", "3");
            assertRefused(api, "--start-time must be 0 to 4294967295", "--hedgw", "--audio", tone, "--start-time",
                    "4294967296");
            assertRefused(api, "a video file is .h264 or .h265", "--hedgw", "--video", tone);
            assertRefused(api, "20 or 40", "--hedgw", "--audio", tone, "--audio-packet", "30");
            assertThat(api.requests).as("refused before the OpenAPI").isEmpty();
        }
    }

    private void assertRefused(FakeHemuApi api, String message, String... options) {
        String[] all = new String[options.length + 4];
        System.arraycopy(new String[] {"--user-mobile", "1", "--user-token", "t"}, 0, all, 0, 4);
        System.arraycopy(options, 0, all, 4, options.length);
        assertThat(run(api, all)).as(String.join(" ", options)).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    /** Answers the login with {@code plan} and a ping, then keeps what comes until the camera closes. */
    private static void serveWithPlan(FakeHedgw.Connection connection, int plan, List<Hedgw.HEDGWMessage> received)
            throws IOException {
        received.add(connection.read().message());
        connection.write(Hedgw.HEDGWMessage.newBuilder().setMessageType(MessageType.DevLoginResp)
                .setDevLoginResp(Hedgw.DevLoginResp.newBuilder().setResult(0).setPingPongSpan(30)
                        .setDeviceStatus(plan)).build());
        Hedgw.HEDGWMessage ping = connection.read().message();
        connection.write(HedgwCameraTest.pong(ping.getPing().getId()));
        try {
            while (true) {
                received.add(connection.read().message());
            }
        } catch (IOException closed) {
            // the camera has sent its files and gone
        }
    }

    private static List<Hedgw.TDMediaPackage> media(List<Hedgw.HEDGWMessage> received) {
        return received.stream().filter(m -> m.getMessageType() == MessageType.TDMediaPackage)
                .map(Hedgw.HEDGWMessage::getTdMediaPackage).toList();
    }

    private int camera(FakeHemuApi api, FakeHedgw hedgw, String... more) {
        String[] all = new String[more.length + 8];
        System.arraycopy(new String[] {"--user-mobile", HemuCameraTest.MOBILE, "--user-token",
            HemuCameraTest.USER_TOKEN, "--hedgw-address", "127.0.0.1:" + hedgw.port(), "--hedgw-trust",
            hedgw.certificate().toString()}, 0, all, 0, 8);
        System.arraycopy(more, 0, all, 8, more.length);
        return run(api, all);
    }

    private int run(FakeHemuApi api, String... more) {
        String[] args = {"camera", "--api", api.api().toString(), "--trust", api.certificate().toString(),
            "--access-key", HemuCameraTest.KEY, "--device-id", "CAM0001", "--mac", "AA:BB:CC:DD:EE:FF",
            "--model", HemuCameraTest.MODEL};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return new CommandLine(new HemuCommand(ENV)).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(all);
    }
}
