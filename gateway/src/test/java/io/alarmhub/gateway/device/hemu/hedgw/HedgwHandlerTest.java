package io.alarmhub.gateway.device.hemu.hedgw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.message.Message;
import io.alarmhub.gateway.IdleTimeout;
import io.alarmhub.gateway.device.hemu.HedgwSettings;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;
import io.alarmhub.gateway.device.hemu.platform.CameraCalls.Registered;
import io.alarmhub.gateway.device.hemu.platform.GatewayCalls;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;
import io.alarmhub.gateway.device.hemu.platform.Registration;
import io.alarmhub.gateway.device.hemu.plan.CameraPlan;
import io.alarmhub.gateway.device.hemu.plan.PlanStatus;
import io.alarmhub.gateway.device.hemu.plan.Plans;
import io.alarmhub.gateway.device.hemu.plan.Thumbnails;
import io.alarmhub.gateway.device.hemu.ThumbnailSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.ACME;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.KEY;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.MODEL;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/** One camera's HEDGW connection on an EmbeddedChannel, with the platform on a real store and virtual time. */
class HedgwHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String DEVICE = "110234567894562";
    private static final String MAC = "2059a074e0bc";
    private static final String MOBILE = "13888888888";
    private static final HedgwSettings SETTINGS = HedgwSettings.DEFAULT;

    @TempDir
    Path dir;
    private HemuOnSqlite platform;
    private SimpleMeterRegistry meters;
    private HedgwSessions sessions;
    /** What the handler handed the platform's inbox, in order. */
    private final List<IpCamMessage> received = new ArrayList<>();
    private Registered camera;
    /** The configured plan for every camera, as on a server where no operator set one. */
    private Plans plans;

    @BeforeEach
    void register() {
        platform = HemuOnSqlite.open(dir, NOW, 10);
        meters = new SimpleMeterRegistry();
        sessions = new HedgwSessions(SETTINGS);
        String userToken = platform.accounts.grant("alice", MOBILE).join().userToken();
        camera = platform.cameras.register(ACME, new Registration(KEY, DEVICE, MAC, MODEL, MOBILE, userToken,
                "3RD-X01", 17, Optional.empty(), Optional.empty())).join();
        plans = Plans.load(platform.store, platform.directory, platform.desk, new HedgwLink(sessions),
                new CameraPlan(PlanStatus.of(SETTINGS.plan()).orElseThrow(), SETTINGS.serviceDays(),
                        Thumbnails.of(ThumbnailSettings.DEFAULT)), new HemuMetrics(meters)).join();
    }

    @AfterEach
    void close() {
        platform.close();
    }

    private EmbeddedChannel connection() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        HedgwFrameDecoder decoder = new HedgwFrameDecoder(SETTINGS.maxFrameBeforeLogin(), SETTINGS.maxFrameAfterLogin());
        channel.pipeline().addLast(IdleTimeout.reads(SETTINGS.pingPongSpan().multipliedBy(3)),
                IdleTimeout.readsAndWrites(SETTINGS.pingPongSpan().multipliedBy(2)), decoder,
                HedgwFrameEncoder.INSTANCE, new HedgwHandler(new GatewayCalls(platform.directory,
                        Manufacturers.of(ACME), platform.desk), (deviceId, message) -> received.add(message), plans, sessions, SETTINGS,
                        new HemuMetrics(meters),
                        platform.clock, decoder, Optional.empty()));
        return channel;
    }

    private Hedgw.DevLoginReq.Builder login(String deviceToken) {
        return Hedgw.DevLoginReq.newBuilder().setAccessKey(KEY).setAccessSecret(SECRET).setUserName(MOBILE)
                .setDeviceToken(deviceToken).setUnifiedId(camera.unifiedId()).setDeviceMac(MAC).setDeviceId(DEVICE)
                .setChannelId(0).setVideoWidth(1920).setVideoHeight(1080).setAudioType(2).setAudioKhz(8)
                .setAudioChannel(1);
    }

    private static HEDGWMessage loginMessage(Hedgw.DevLoginReq.Builder login) {
        return HEDGWMessage.newBuilder().setMessageType(MessageType.DevLoginReq).setDevLoginReq(login).build();
    }

    private void send(EmbeddedChannel channel, HEDGWMessage message) {
        byte[] bytes = message.toByteArray();
        channel.writeInbound(Unpooled.buffer().writeInt(bytes.length).writeBytes(bytes));
        platform.settle();
        channel.runPendingTasks();
    }

    private static HEDGWMessage answer(EmbeddedChannel channel) throws Exception {
        ByteBuf frame = channel.readOutbound();
        assertThat(frame).as("an answer").isNotNull();
        try {
            int length = frame.readInt();
            assertThat(length).isEqualTo(frame.readableBytes());
            byte[] bytes = new byte[length];
            frame.readBytes(bytes);
            return HEDGWMessage.parseFrom(bytes);
        } finally {
            frame.release();
        }
    }

    private List<JsonNode> pushed() throws Exception {
        List<JsonNode> events = new java.util.ArrayList<>();
        for (Message m : platform.pending("alice")) {
            events.add(JSON.readTree(m.payload()));
        }
        return events;
    }

    @Test
    void aLoginWithWhatTheOpenApiGaveIsAnsweredOnceTheCameraIsOnlineAndPingsAreAnswered() throws Exception {
        EmbeddedChannel channel = connection();
        int before = pushed().size();

        send(channel, loginMessage(login(camera.deviceToken())));

        Hedgw.DevLoginResp response = answer(channel).getDevLoginResp();
        assertThat(response.getResult()).isZero();
        assertThat(response.getServerTime()).isEqualTo(Long.toString(platform.clock.millis()));
        assertThat(response.getPingPongSpan()).isEqualTo(30);
        assertThat(response.getDeviceStatus()).isEqualTo(2);
        assertThat(pushed()).hasSize(before + 1);
        assertThat(pushed().get(before).get("event").asText()).isEqualTo("online");

        send(channel, HedgwMessages.ping(7));
        HEDGWMessage pong = answer(channel);
        assertThat(pong.getMessageType()).isEqualTo(MessageType.PONG);
        assertThat(pong.getPong().getId()).isEqualTo(7);
    }

    @Test
    void aCameraQuietForTwoSpansIsPingedAndItsPongKeepsItConnected() throws Exception {
        EmbeddedChannel channel = connection();
        send(channel, loginMessage(login(camera.deviceToken())));
        answer(channel);

        channel.advanceTimeBy(SETTINGS.pingPongSpan().multipliedBy(2).toMillis() + 1, TimeUnit.MILLISECONDS);
        channel.runPendingTasks();
        HEDGWMessage ping = answer(channel);
        assertThat(ping.getMessageType()).isEqualTo(MessageType.PING);
        assertThat(ping.getPing().getId()).isEqualTo(1);
        send(channel, HedgwMessages.pong(1));
        assertThat(meters.counter("alarmhub.device.messages", "vendor", "hemu", "type", "pong").count()).isEqualTo(1);

        channel.advanceTimeBy(SETTINGS.pingPongSpan().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        channel.runPendingTasks();
        assertThat(channel.isOpen()).as("its pong restarted the three spans").isTrue();
    }

    @Test
    void connectionsBeyondTheWaitingLoginsAreClosedAtOnceAndALoginMakesRoom() throws Exception {
        HedgwSettings one = new HedgwSettings(SETTINGS.pingPongSpan(), SETTINGS.plan(), SETTINGS.serviceDays(),
                SETTINGS.sdUploadMode(), SETTINGS.personCountSpan(), SETTINGS.loginTimeout(),
                SETTINGS.maxFrameBeforeLogin(), SETTINGS.maxFrameAfterLogin(), SETTINGS.maxBadFrames(),
                SETTINGS.maxConnections(), SETTINGS.maxLoginsPerMinute(), 1);
        sessions = new HedgwSessions(one);
        EmbeddedChannel first = connection();
        EmbeddedChannel second = connection();
        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).as("a second connection waiting to log in").isFalse();
        assertThat(meters.counter("alarmhub.device.closed", "vendor", "hemu", "reason", "too_many_waiting").count())
                .isEqualTo(1);

        send(first, loginMessage(login(camera.deviceToken())));
        answer(first);
        assertThat(sessions.waiting()).isZero();
        EmbeddedChannel third = connection();
        assertThat(third.isOpen()).as("the login made room").isTrue();
        third.close();
        assertThat(sessions.waiting()).isZero();
    }

    @Test
    void theMediaTheCameraAnnouncesAtLoginIsKeptWithItsSession() throws Exception {
        EmbeddedChannel channel = connection();
        send(channel, loginMessage(login(camera.deviceToken()).setVideoType(2)));
        answer(channel);

        assertThat(sessions.live(DEVICE).map(HedgwSessions.Session::media))
                .contains(new MediaFormat(2, 1920, 1080, 2, 8, 1));
    }

    @Test
    void aWrongTokenIs2001AndAnUnboundCameraIs2026() throws Exception {
        EmbeddedChannel wrong = connection();
        send(wrong, loginMessage(login("NOT-THE-TOKEN")));
        assertThat(answer(wrong).getDevLoginResp().getResult()).isEqualTo(GatewayCalls.AUTH_FAILED);
        assertThat(wrong.isOpen()).isFalse();

        platform.accounts.unbind("alice", DEVICE).join();
        EmbeddedChannel unbound = connection();
        send(unbound, loginMessage(login(camera.deviceToken())));
        assertThat(answer(unbound).getDevLoginResp().getResult()).isEqualTo(GatewayCalls.DELETED);
        assertThat(unbound.isOpen()).isFalse();
    }

    @Test
    void aLoginWithARequiredFieldMissingIsAnsweredNotDropped() throws Exception {
        EmbeddedChannel channel = connection();
        HEDGWMessage partial = HEDGWMessage.newBuilder().setMessageType(MessageType.DevLoginReq)
                .setDevLoginReq(login(camera.deviceToken()).clearAudioChannel().buildPartial()).buildPartial();

        send(channel, partial);

        assertThat(answer(channel).getDevLoginResp().getResult()).isEqualTo(GatewayCalls.AUTH_FAILED);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aFirstMessageThatIsNoLoginClosesTheConnectionAndIsCounted() {
        EmbeddedChannel channel = connection();

        send(channel, HedgwMessages.ping(1));

        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(meters.counter("alarmhub.device.bad_input", "vendor", "hemu", "reason", "not_login").count())
                .isEqualTo(1);
    }

    @Test
    void aConnectionThatDoesNotLogInInTimeIsClosed() {
        EmbeddedChannel channel = connection();

        channel.advanceTimeBy(SETTINGS.loginTimeout().toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(meters.counter("alarmhub.device.closed", "vendor", "hemu", "reason", "login_timeout").count())
                .isEqualTo(1);
    }

    @Test
    void aMotionStartAndEndAreAnAlarmAndItsEndNamingIt() throws Exception {
        EmbeddedChannel channel = connection();
        send(channel, loginMessage(login(camera.deviceToken())));
        answer(channel);
        int before = pushed().size();

        send(channel, event(1, 1, 1_765_101_600_000L));
        send(channel, event(1, 0, 1_765_101_612_000L));

        List<JsonNode> events = pushed().subList(before, pushed().size());
        assertThat(events).extracting(e -> e.get("event").asText()).containsExactly("alarm", "alarm_end");
        assertThat(events.get(0).get("type").asText()).isEqualTo("motion");
        assertThat(events.get(0).get("time").asText()).isEqualTo("2025-12-07T10:00:00Z");
        assertThat(events.get(1).get("type").asText()).isEqualTo("motion");
        assertThat(events.get(1).get("reason").asText()).isEqualTo("device");
        assertThat(events.get(1).get("ref").asText()).isEqualTo(events.get(0).get("ref").asText());
    }

    @Test
    void alarmsTheCameraLeftRaisedEndWithItsConnectionBeforeItsOffline() throws Exception {
        EmbeddedChannel channel = connection();
        send(channel, loginMessage(login(camera.deviceToken())));
        answer(channel);
        int before = pushed().size();

        send(channel, event(1, 1, 1_765_101_600_000L));
        send(channel, event(1, 1, 1_765_101_605_000L)); // a second motion without an end supersedes the first
        send(channel, event(2, 1, 1_765_101_606_000L));
        channel.close();
        platform.settle();

        List<JsonNode> events = pushed().subList(before, pushed().size());
        assertThat(events).extracting(e -> e.get("event").asText() + " " + e.path("type").asText() + " "
                + e.path("reason").asText()).containsExactly("alarm motion ", "alarm_end motion superseded",
                "alarm motion ", "alarm sound ", "alarm_end motion disconnected", "alarm_end sound disconnected",
                "offline  disconnected");
        assertThat(events.get(1).get("ref")).isEqualTo(events.get(0).get("ref"));
        assertThat(events.get(4).get("ref")).isEqualTo(events.get(2).get("ref"));
    }

    @Test
    void theAlarmsOneConnectionTracksAreBounded() throws Exception {
        EmbeddedChannel channel = connection();
        send(channel, loginMessage(login(camera.deviceToken())));
        answer(channel);
        int before = pushed().size();

        for (int type = 10; type < 10 + HedgwHandler.MAX_RAISED + 1; type++) {
            send(channel, event(type, 1, 1_765_101_600_000L + type));
        }

        List<JsonNode> events = pushed().subList(before, pushed().size());
        assertThat(events.stream().filter(e -> e.get("event").asText().equals("alarm_end")))
                .as("the oldest kind ended to make room").hasSize(1)
                .allSatisfy(e -> assertThat(e.get("vendor_type").asText()).isEqualTo("10"));
    }

    @Test
    void aCameraSilentForThreePingSpansIsClosedAndGoesOffline() throws Exception {
        EmbeddedChannel channel = connection();
        send(channel, loginMessage(login(camera.deviceToken())));
        answer(channel);

        channel.advanceTimeBy(SETTINGS.pingPongSpan().multipliedBy(3).toMillis() + 1, TimeUnit.MILLISECONDS);
        channel.runPendingTasks();
        platform.settle();

        assertThat(channel.isOpen()).isFalse();
        List<JsonNode> events = pushed();
        assertThat(events.get(events.size() - 1).get("event").asText()).isEqualTo("offline");
        assertThat(meters.counter("alarmhub.device.closed", "vendor", "hemu", "reason", "ping_timeout").count())
                .isEqualTo(1);
    }

    @Test
    void aSecondLoginReplacesTheFirstConnectionWithoutAnOffline() throws Exception {
        EmbeddedChannel first = connection();
        send(first, loginMessage(login(camera.deviceToken())));
        answer(first);
        EmbeddedChannel second = connection();

        send(second, loginMessage(login(camera.deviceToken())));
        answer(second);
        first.runPendingTasks();
        platform.settle();

        assertThat(first.isOpen()).isFalse();
        assertThat(second.isOpen()).isTrue();
        assertThat(pushed()).extracting(e -> e.get("event").asText()).doesNotContain("offline");
        assertThat(sessions.live(DEVICE).map(HedgwSessions.Session::connection)).contains(second);
    }

    private static HEDGWMessage event(int type, int status, long ipcamTime) {
        return HEDGWMessage.newBuilder().setMessageType(MessageType.DevEventCmd).setDevEventCmd(
                Hedgw.DevEventCmd.newBuilder().setType(type).setStatus(status).setIpcamTime(ipcamTime)).build();
    }
}
