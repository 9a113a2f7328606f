package io.alarmhub.gateway.device.hemu.hedgw;

import com.google.protobuf.ByteString;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.core.store.Recording;
import io.alarmhub.core.store.RecordingKind;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.gateway.IdleTimeout;
import io.alarmhub.gateway.device.hemu.HedgwSettings;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.device.hemu.ThumbnailSettings;
import io.alarmhub.gateway.device.hemu.VideoMeters;
import io.alarmhub.gateway.device.hemu.VideoSection;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;
import io.alarmhub.gateway.device.hemu.platform.CameraCalls.Registered;
import io.alarmhub.gateway.device.hemu.platform.GatewayCalls;
import io.alarmhub.gateway.device.hemu.platform.Registration;
import io.alarmhub.gateway.device.hemu.plan.CameraPlan;
import io.alarmhub.gateway.device.hemu.plan.PlanStatus;
import io.alarmhub.gateway.device.hemu.plan.Plans;
import io.alarmhub.gateway.device.hemu.plan.Thumbnails;
import io.alarmhub.gateway.device.hemu.recordings.CameraThumbnails;
import io.alarmhub.gateway.device.hemu.recordings.RecordingDisk;
import io.alarmhub.gateway.device.hemu.recordings.RecordingIndex;
import io.alarmhub.gateway.device.hemu.recordings.RecordingRetention;
import io.alarmhub.store.media.DirectoryMediaStore;
import io.alarmhub.store.media.MediaSettings;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.hub.VideoHub;
import io.alarmhub.video.ingest.CameraPackage;
import io.alarmhub.video.testing.CameraPackages;
import io.alarmhub.video.testing.CameraStream;
import io.alarmhub.video.testing.MediaTools;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.ACME;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.KEY;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.MODEL;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A camera back from an outage, on a cloud plan, logs in a second time on its SD card's channel while its live
 * connection stays, and uploads an hour-old recording: it is indexed in the store as an SD-card recording at that
 * hour, plays in ffprobe, and the live session stays the camera's; a thumbnail on it is kept at its own time.
 */
class HedgwSdCardTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String DEVICE = "110234567894562";
    private static final String MAC = "2059a074e0bc";
    private static final String MOBILE = "13888888888";
    private static final HedgwSettings SETTINGS = HedgwSettings.DEFAULT;

    @TempDir
    Path dir;
    private HemuOnSqlite platform;
    private Registered camera;
    private Plans plans;
    private HedgwSessions sessions;
    private VideoHub hub;
    private HedgwMedia media;
    private ExecutorService worker;
    private ExecutorService writer;
    private CameraThumbnails thumbnails;

    @BeforeEach
    void open() throws Exception {
        platform = HemuOnSqlite.open(dir, NOW, 10);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        sessions = new HedgwSessions(SETTINGS);
        String userToken = platform.accounts.grant("alice", MOBILE).join().userToken();
        camera = platform.cameras.register(ACME, new Registration(KEY, DEVICE, MAC, MODEL, MOBILE, userToken,
                "3RD-X01", 17, Optional.empty(), Optional.empty())).join();
        plans = Plans.load(platform.store, platform.directory, platform.desk, new HedgwLink(sessions),
                new CameraPlan(PlanStatus.CLOUD, 7, Thumbnails.of(ThumbnailSettings.DEFAULT)),
                new HemuMetrics(registry)).join();
        Path recordings = dir.resolve("media").resolve("recordings");
        worker = Executors.newSingleThreadExecutor();
        RecordingRetention retention = new RecordingRetention(platform.store, new RecordingDisk(recordings),
                platform.directory, id -> 7, "hemu", VideoSection.DEFAULT.limits(), platform.clock, worker);
        RecordingIndex index = new RecordingIndex("hemu", platform.store, platform.desk, recordings.getParent(),
                key -> Optional.of("http://127.0.0.1:9910/media/" + key), retention);
        hub = new VideoHub(VideoSection.DEFAULT.settings(recordings), index, platform.clock);
        DirectoryMediaStore pictures = DirectoryMediaStore.open(MediaSettings.defaults(dir.resolve("media"),
                "http://127.0.0.1:9910"), new MediaSigner(new byte[MediaSigner.SECRET_BYTES]), platform.clock);
        writer = CameraThumbnails.writer();
        thumbnails = new CameraThumbnails(pictures, id -> true, writer, dir.resolve("spool"), outcome -> { },
                platform.clock);
        media = new HedgwMedia(hub, plans, new VideoMeters(registry, hub, retention), thumbnails);
    }

    @AfterEach
    void close() {
        hub.close();
        worker.shutdownNow();
        writer.shutdownNow();
        platform.close();
    }

    private EmbeddedChannel connection() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        HedgwFrameDecoder decoder = new HedgwFrameDecoder(SETTINGS.maxFrameBeforeLogin(),
                SETTINGS.maxFrameAfterLogin());
        channel.pipeline().addLast(IdleTimeout.reads(SETTINGS.pingPongSpan().multipliedBy(3)),
                IdleTimeout.readsAndWrites(SETTINGS.pingPongSpan().multipliedBy(2)), decoder,
                HedgwFrameEncoder.INSTANCE, new HedgwHandler(new GatewayCalls(platform.directory,
                        Manufacturers.of(ACME), platform.desk), (deviceId, message) -> { }, plans, sessions,
                        SETTINGS, new HemuMetrics(new SimpleMeterRegistry()), platform.clock, decoder,
                        Optional.of(media)));
        return channel;
    }

    private void logIn(EmbeddedChannel channel, int channelId) throws Exception {
        send(channel, HEDGWMessage.newBuilder().setMessageType(MessageType.DevLoginReq).setDevLoginReq(
                Hedgw.DevLoginReq.newBuilder().setAccessKey(KEY).setAccessSecret(SECRET).setUserName(MOBILE)
                        .setDeviceToken(camera.deviceToken()).setUnifiedId(camera.unifiedId()).setDeviceMac(MAC)
                        .setDeviceId(DEVICE).setChannelId(channelId).setVideoWidth(640).setVideoHeight(360)
                        .setAudioType(2).setAudioKhz(8).setAudioChannel(1)).build());
        ByteBuf frame = channel.readOutbound();
        assertThat(frame).as("the login's answer").isNotNull();
        try {
            byte[] bytes = new byte[frame.readInt()];
            frame.readBytes(bytes);
            assertThat(HEDGWMessage.parseFrom(bytes).getDevLoginResp().getResult()).isEqualTo(GatewayCalls.OK);
        } finally {
            frame.release();
        }
    }

    private void send(EmbeddedChannel channel, HEDGWMessage message) {
        byte[] bytes = message.toByteArray();
        channel.writeInbound(Unpooled.buffer().writeInt(bytes.length).writeBytes(bytes));
        platform.settle();
        channel.runPendingTasks();
    }

    private static HEDGWMessage media(CameraPackage p) {
        Hedgw.TDMediaPackage.Builder m = Hedgw.TDMediaPackage.newBuilder().setPackageType(p.type())
                .setSync(p.sync() ? 1 : 0).setData(ByteString.copyFrom(p.data())).setDataSize(p.data().length)
                .setStartTime((int) p.startTime()).setSeqNum((int) p.seqNum());
        if (p.cameraTime() >= 0) {
            m.setIpcamTime(p.cameraTime());
        }
        return HEDGWMessage.newBuilder().setMessageType(MessageType.TDMediaPackage).setTdMediaPackage(m).build();
    }

    private List<Recording> recordings() {
        CompletableFuture<StoreOp.RecordingPage> page = new CompletableFuture<>();
        platform.store.submit(new StoreOp.LoadRecordings(new DeviceId("hemu", DEVICE), NOW.minus(Duration.ofDays(1)),
                NOW.plusSeconds(1), Optional.empty(), 100, page));
        return page.join().recordings();
    }

    @Test
    void anSdCardUploadBesideTheLiveConnectionIsRecordedAtTheCamerasTimeAndNotLive() throws Exception {
        EmbeddedChannel live = connection();
        logIn(live, 0);
        var liveSession = hub.session(DEVICE).orElseThrow();
        EmbeddedChannel card = connection();
        logIn(card, 1);

        CameraStream stream = CameraStream.of(VideoCodec.H264, 640, 360, 10);
        long anHourAgo = NOW.minus(Duration.ofHours(1)).toEpochMilli();
        List<CameraPackage> packages = new ArrayList<>(CameraPackages.of(stream, 123_456, anHourAgo));
        for (CameraPackage p : packages) {
            send(card, media(p));
        }
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9};
        send(card, HEDGWMessage.newBuilder().setMessageType(MessageType.TDMediaPackage).setTdMediaPackage(
                Hedgw.TDMediaPackage.newBuilder().setPackageType(CameraPackage.THUMBNAIL).setSync(0)
                        .setData(ByteString.copyFrom(jpeg)).setDataSize(jpeg.length).setStartTime(0).setSeqNum(0)
                        .setIpcamTime(anHourAgo)).build());
        assertThat(thumbnails.latest(DEVICE).get()).as("the card's thumbnail, at its time")
                .hasValueSatisfying(t -> assertThat(t.time()).isEqualTo(Instant.ofEpochMilli(anHourAgo)));
        assertThat(hub.session(DEVICE)).as("the live session stays the camera's").containsSame(liveSession);
        assertThat(hub.sdCard(DEVICE)).isPresent();
        card.close();
        assertThat(hub.sdCard(DEVICE)).isEmpty();
        assertThat(live.isOpen()).isTrue();
        hub.close(); // waits for the recorder to close the file
        platform.settle();

        List<Recording> recorded = recordings();
        assertThat(recorded).hasSize(1);
        Recording upload = recorded.get(0);
        assertThat(upload.kind()).isEqualTo(RecordingKind.SD_CARD);
        assertThat(upload.channel()).isEqualTo(Recording.SD_CARD);
        assertThat(upload.complete()).isTrue();
        assertThat(upload.start()).isEqualTo(Instant.ofEpochMilli(anHourAgo));
        assertThat(upload.cameraStart()).isEqualTo(upload.start());
        Path file = dir.resolve("media").resolve(upload.mediaKey());
        assertThat(MediaTools.ffprobe("-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                file.toString()).trim()).startsWith("10.0");
        live.finishAndReleaseAll();
    }
}
