package io.alarmhub.gateway.device.hemu.hedgw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.message.Message;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.core.store.VendorRecord;
import io.alarmhub.gateway.IdleTimeout;
import io.alarmhub.gateway.device.hemu.HedgwSettings;
import io.alarmhub.gateway.device.hemu.HemuAdapter;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;
import io.alarmhub.gateway.device.hemu.plan.CameraPlan;
import io.alarmhub.gateway.device.hemu.plan.OwnPlan;
import io.alarmhub.gateway.device.hemu.plan.PlanRequest;
import io.alarmhub.gateway.device.hemu.plan.PlanStatus;
import io.alarmhub.gateway.device.hemu.plan.Plans;
import io.alarmhub.gateway.device.hemu.plan.Thumbnails;
import io.alarmhub.gateway.device.hemu.platform.CameraCalls.Registered;
import io.alarmhub.gateway.device.hemu.platform.GatewayCalls;
import io.alarmhub.gateway.device.hemu.platform.PlatformException;
import io.alarmhub.gateway.device.hemu.platform.Registration;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.ACME;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.KEY;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.MODEL;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cameras' plans on their HEDGW connections (EmbeddedChannels, virtual time) over a real store: what the login
 * answer tells, what a change sends a connected camera, and what its owners hear.
 */
class HedgwPlansTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String DEVICE = "110234567894562";
    private static final String MAC = "2059a074e0bc";
    private static final String MOBILE = "13888888888";
    private static final HedgwSettings SETTINGS = HedgwSettings.DEFAULT;
    /** The configured plan: expired, no days, no thumbnails (span 0). */
    private static final CameraPlan DEFAULTS = new CameraPlan(PlanStatus.EXPIRED, 0, new Thumbnails(0, 640, 360));

    @TempDir
    Path dir;
    private HemuOnSqlite platform;
    private SimpleMeterRegistry meters;
    private HemuMetrics metrics;
    private HedgwSessions sessions;
    private Registered camera;
    private Plans plans;

    @BeforeEach
    void register() {
        platform = HemuOnSqlite.open(dir, NOW, 10);
        meters = new SimpleMeterRegistry();
        metrics = new HemuMetrics(meters);
        sessions = new HedgwSessions(SETTINGS);
        camera = registerCamera();
        plans = load(DEFAULTS);
    }

    @AfterEach
    void close() {
        platform.close();
    }

    @Test
    void aCameraWithoutAPlanOfItsOwnIsToldTheConfiguredOneAndAskedForNoThumbnails() throws Exception {
        EmbeddedChannel channel = loggedIn();

        assertThat((Object) channel.readOutbound()).as("nothing after the login answer").isNull();
        assertThat(plans.planOf(DEVICE)).isEqualTo(DEFAULTS);
        assertThat(plans.own(DEVICE)).isEqualTo(OwnPlan.NONE);
        assertThat(events()).extracting(e -> e.get("event").asText()).doesNotContain("status");
    }

    @Test
    void configuredThumbnailsAreAskedForRightAfterTheLoginAnswer() throws Exception {
        plans = load(new CameraPlan(PlanStatus.EXPIRED, 0, new Thumbnails(120, 320, 180)));
        EmbeddedChannel channel = connection();

        send(channel, login());

        assertThat(next(channel).getMessageType()).isEqualTo(MessageType.DevLoginResp);
        Hedgw.DevServerCmd thumbnails = next(channel).getDevServerCmd();
        assertThat(thumbnails.getType()).isEqualTo(9);
        assertThat(thumbnails.getThumbnailSpan()).isEqualTo(120);
        assertThat(thumbnails.getThumbnailWidth()).isEqualTo(320);
        assertThat(thumbnails.getThumbnailHeight()).isEqualTo(180);
        assertThat(meters.counter(HemuMetrics.SERVER_COMMANDS, "vendor", "hemu", "type", "thumbnails").count())
                .isEqualTo(1);
    }

    @Test
    void aChangeWhileConnectedIsStoredThenSentAsType7AndItsOwnersHearOfIt() throws Exception {
        EmbeddedChannel channel = loggedIn();
        int before = events().size();

        Plans.Change change = change(channel, "{\"deviceStatus\":1,\"serviceDays\":30}");

        assertThat(change.told()).isTrue();
        Hedgw.DevServerCmd told = next(channel).getDevServerCmd();
        assertThat(told.getType()).isEqualTo(7);
        assertThat(told.getDeviceStatus()).isEqualTo(1);
        assertThat(told.getServiceDays()).isEqualTo(30);
        assertThat((Object) channel.readOutbound()).as("no thumbnails: the change did not touch them").isNull();
        assertThat(stored(Plans.PLAN)).containsExactly("{\"deviceStatus\":1,\"serviceDays\":30}");
        List<JsonNode> heard = events().subList(before, events().size());
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).get("event").asText()).isEqualTo("status");
        JsonNode values = heard.get(0).get("values");
        assertThat(values.size()).isEqualTo(3);
        assertThat(values.get("plan").asText()).isEqualTo("cloud");
        assertThat(values.get("device_status").asText()).isEqualTo("1");
        assertThat(values.get("service_days").asText()).isEqualTo("30");
        assertThat(stored(Plans.ANNOUNCED)).containsExactly("{\"deviceStatus\":1,\"serviceDays\":30}");
        assertThat(meters.counter(HemuMetrics.SERVER_COMMANDS, "vendor", "hemu", "type", "plan").count()).isEqualTo(1);
    }

    @Test
    void aThumbnailChangeWhileConnectedIsType9AndNoEvent() throws Exception {
        EmbeddedChannel channel = loggedIn();
        int before = events().size();

        change(channel, "{\"thumbnails\":{\"span\":60}}");

        Hedgw.DevServerCmd told = next(channel).getDevServerCmd();
        assertThat(told.getType()).isEqualTo(9);
        assertThat(told.getThumbnailSpan()).isEqualTo(60);
        assertThat(told.getThumbnailWidth()).as("the size it had").isEqualTo(640);
        assertThat(told.getThumbnailHeight()).isEqualTo(360);
        assertThat(events()).hasSize(before);
        assertThat(plans.own(DEVICE).thumbnails()).contains(new Thumbnails(60, 640, 360));
        assertThat(plans.own(DEVICE).status()).as("the plan still the configured one").isEmpty();
    }

    @Test
    void aChangeWhileNotConnectedIsToldByTheNextLoginAnswerAndHeardOfThen() throws Exception {
        int before = events().size();

        Plans.Change change = plans.change(DEVICE, PlanRequest.read(
                "{\"deviceStatus\":3,\"serviceDays\":7,\"thumbnails\":{\"span\":30,\"width\":320,\"height\":240}}"),
                "ops").get(10, TimeUnit.SECONDS);
        platform.settle();

        assertThat(change.told()).isFalse();
        assertThat(events()).as("no event of a camera that is not there").hasSize(before);

        EmbeddedChannel channel = connection();
        send(channel, login());
        Hedgw.DevLoginResp answer = next(channel).getDevLoginResp();
        assertThat(answer.getResult()).isZero();
        assertThat(answer.getDeviceStatus()).isEqualTo(3);
        assertThat(answer.getServiceDays()).isEqualTo(7);
        Hedgw.DevServerCmd thumbnails = next(channel).getDevServerCmd();
        assertThat(thumbnails.getType()).isEqualTo(9);
        assertThat(thumbnails.getThumbnailSpan()).isEqualTo(30);
        assertThat(thumbnails.getThumbnailWidth()).isEqualTo(320);
        platform.settle();
        List<JsonNode> heard = events().subList(before, events().size());
        assertThat(heard).extracting(e -> e.get("event").asText()).containsExactly("online", "status");
        assertThat(heard.get(1).get("values").get("plan").asText()).isEqualTo("event");

        // Told and heard of: a later login repeats the plan to the camera, not to its owners.
        channel.close();
        platform.settle();
        int after = events().size();
        EmbeddedChannel again = connection();
        send(again, login());
        assertThat(next(again).getDevLoginResp().getDeviceStatus()).isEqualTo(3);
        platform.settle();
        assertThat(events().subList(after, events().size())).extracting(e -> e.get("event").asText())
                .containsExactly("online");
    }

    @Test
    void plansAreLoadedAtStartAndAnUnboundCamerasPlanGoesWithIt() throws Exception {
        plans.change(DEVICE, PlanRequest.read("{\"deviceStatus\":1,\"serviceDays\":30}"), "ops")
                .get(10, TimeUnit.SECONDS);

        platform.reopen();
        sessions = new HedgwSessions(SETTINGS);
        plans = load(DEFAULTS);
        assertThat(plans.planOf(DEVICE)).isEqualTo(new CameraPlan(PlanStatus.CLOUD, 30, DEFAULTS.thumbnails()));

        platform.accounts.unbind("alice", DEVICE).join();
        platform.settle();
        assertThat(stored(Plans.PLAN)).isEmpty();
        assertThat(plans.own(DEVICE)).isEqualTo(OwnPlan.NONE);
        camera = registerCamera();
        assertThat(plans.planOf(DEVICE)).as("registered again: the configured plan").isEqualTo(DEFAULTS);
    }

    @Test
    void aPlanLeftByACameraNoLongerRegisteredIsDeletedAtStart() throws Exception {
        CompletableFuture<Void> put = new CompletableFuture<>();
        platform.store.submit(new StoreOp.PutRecord(new VendorRecord(HemuAdapter.VENDOR, Plans.PLAN, "999999999999999",
                Optional.of("bob"), "{\"deviceStatus\":1}", NOW), put));
        put.get(10, TimeUnit.SECONDS);

        plans = load(DEFAULTS);
        platform.settle();

        assertThat(platform.records(Plans.PLAN)).isEmpty();
    }

    @Test
    void aCameraThatIsNotRegisteredHasNoPlanToChange() {
        assertThatThrownBy(() -> plans.change("999999999999999", PlanRequest.read("{\"deviceStatus\":1}"), "ops")
                .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(PlatformException.class)
                .satisfies(e -> assertThat(((PlatformException) e).reason())
                        .isEqualTo(PlatformException.Reason.NOT_FOUND));
    }

    private Registered registerCamera() {
        String userToken = platform.accounts.grant("alice", MOBILE).join().userToken();
        return platform.cameras.register(ACME, new Registration(KEY, DEVICE, MAC, MODEL, MOBILE, userToken,
                "3RD-X01", 17, Optional.empty(), Optional.empty())).join();
    }

    private Plans load(CameraPlan defaults) {
        return Plans.load(platform.store, platform.directory, platform.desk, new HedgwLink(sessions), defaults,
                metrics).join();
    }

    /** An operator's change, with the camera's connection run until it has been told. */
    private Plans.Change change(EmbeddedChannel channel, String body) throws Exception {
        CompletableFuture<Plans.Change> change = plans.change(DEVICE, PlanRequest.read(body), "ops");
        platform.settle(); // stored: the change is handed to the connection
        channel.runPendingTasks();
        platform.settle(); // and what it told the owners is stored
        return change.get(10, TimeUnit.SECONDS);
    }

    private EmbeddedChannel loggedIn() throws Exception {
        EmbeddedChannel channel = connection();
        send(channel, login());
        Hedgw.DevLoginResp answer = next(channel).getDevLoginResp();
        assertThat(answer.getResult()).isZero();
        assertThat(answer.getDeviceStatus()).isEqualTo(plans.planOf(DEVICE).status().code());
        platform.settle();
        return channel;
    }

    private EmbeddedChannel connection() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        HedgwFrameDecoder decoder = new HedgwFrameDecoder(SETTINGS.maxFrameBeforeLogin(), SETTINGS.maxFrameAfterLogin());
        channel.pipeline().addLast(IdleTimeout.reads(SETTINGS.pingPongSpan().multipliedBy(3)),
                IdleTimeout.readsAndWrites(SETTINGS.pingPongSpan().multipliedBy(2)), decoder,
                HedgwFrameEncoder.INSTANCE, new HedgwHandler(new GatewayCalls(platform.directory,
                        Manufacturers.of(ACME), platform.desk), (deviceId, message) -> { }, plans, sessions,
                        SETTINGS, metrics, platform.clock, decoder, Optional.empty()));
        return channel;
    }

    private HEDGWMessage login() {
        return HEDGWMessage.newBuilder().setMessageType(MessageType.DevLoginReq).setDevLoginReq(
                Hedgw.DevLoginReq.newBuilder().setAccessKey(KEY).setAccessSecret(SECRET).setUserName(MOBILE)
                        .setDeviceToken(camera.deviceToken()).setUnifiedId(camera.unifiedId()).setDeviceMac(MAC)
                        .setDeviceId(DEVICE).setChannelId(0).setVideoWidth(1920).setVideoHeight(1080)
                        .setAudioType(2).setAudioKhz(8).setAudioChannel(1)).build();
    }

    private void send(EmbeddedChannel channel, HEDGWMessage message) {
        byte[] bytes = message.toByteArray();
        channel.writeInbound(Unpooled.buffer().writeInt(bytes.length).writeBytes(bytes));
        platform.settle();
        channel.runPendingTasks();
    }

    private static HEDGWMessage next(EmbeddedChannel channel) throws Exception {
        ByteBuf frame = channel.readOutbound();
        assertThat(frame).as("a message to the camera").isNotNull();
        try {
            byte[] bytes = new byte[frame.readInt()];
            frame.readBytes(bytes);
            return HEDGWMessage.parseFrom(bytes);
        } finally {
            frame.release();
        }
    }

    /** What alice's apps were pushed, in order. */
    private List<JsonNode> events() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (Message m : platform.pending("alice")) {
            events.add(JSON.readTree(m.payload()));
        }
        return events;
    }

    private List<String> stored(String kind) {
        return platform.records(kind).stream().map(VendorRecord::body).toList();
    }
}
