package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.store.VendorRecord;
import io.alarmhub.gateway.command.CommandRefusal;
import io.alarmhub.gateway.command.CommandRefusal.Reason;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.platform.AppCommand;
import io.alarmhub.gateway.device.hemu.platform.CameraCalls.Registered;
import io.alarmhub.gateway.device.hemu.platform.CameraLink;
import io.alarmhub.gateway.device.hemu.platform.IpCamDesk;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;
import io.alarmhub.gateway.device.hemu.platform.Registration;
import io.alarmhub.gateway.device.hemu.platform.ServerCommand;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.ACME;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.KEY;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The Hemu commander on the platform's real store: who may command which camera, what a camera must be capable
 * of, what is sent, and how its answer (routed through {@link IpCamDesk}) comes back to the app, a setting
 * acknowledged stored first. Time is an EmbeddedChannel's loop with frozen time.
 */
class HemuCommanderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String DEVICE = "110234567894562";
    private static final String MOBILE = "13888888888";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, Integer> EVERYTHING = Map.of("motionRegion", 1, "duplexAudioTalk", 1,
            "faceDetect", 1, "personStatistic", 1, "sdcard", 1, "eventRecord", 1, "binoCam", 1, "motionTrack", 1,
            "peopleDetection", 1, "ptzPano", 1);

    @TempDir
    Path dir;
    private HemuOnSqlite platform;
    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Link link = new Link();
    private WaitingAnswers waiting;
    private IpCamDesk desk;
    private HemuCommander commander;

    /** The HEDGW as the commander sees it: which cameras are connected, and what was sent to them. */
    private static final class Link implements CameraLink {
        final Map<String, Boolean> connected = new HashMap<>();
        boolean sendFails;
        final List<AppCommand> sent = new ArrayList<>();

        @Override
        public boolean connected(String deviceId) {
            return connected.getOrDefault(deviceId, false);
        }

        @Override
        public boolean send(String deviceId, AppCommand command) {
            if (sendFails || !connected(deviceId)) {
                return false;
            }
            sent.add(command);
            return true;
        }

        @Override
        public boolean send(String deviceId, ServerCommand command) {
            return false;
        }

        @Override
        public CompletableFuture<Boolean> onLiveConnection(String deviceId, Runnable work) {
            if (!connected(deviceId)) {
                return CompletableFuture.completedFuture(false);
            }
            work.run();
            return CompletableFuture.completedFuture(true);
        }
    }

    @BeforeEach
    void open() {
        loop.freezeTime();
        platform = HemuOnSqlite.open(dir, NOW, 10);
        build(10);
    }

    private void build(int maxWaiting) {
        HemuMetrics metrics = new HemuMetrics(meters);
        waiting = new WaitingAnswers(maxWaiting, TIMEOUT, CommandTimer.on(loop.eventLoop()), metrics, 500);
        desk = new IpCamDesk(waiting::answer, (deviceId, report) -> { }, (deviceId, progress) -> { });
        commander = new HemuCommander(platform.directory, platform.accounts, link, waiting, metrics, platform.clock);
    }

    @AfterEach
    void close() {
        loop.finishAndReleaseAll();
        platform.close();
    }

    /** A camera of alice's, registered with these FEATURE bits and capacities, connected here. */
    private Registered camera(String deviceId, long features, Map<String, Integer> supportKey) {
        String userToken = platform.accounts.grant("alice", MOBILE).join().userToken();
        Registered registered = platform.cameras.register(ACME, new Registration(KEY, deviceId, "2059a074e0bc", MODEL,
                MOBILE, userToken, "3RD-X01", features, Optional.empty(), Optional.empty())).join();
        platform.cameras.capacity(KEY, deviceId, registered.deviceToken(), supportKey).join();
        link.connected.put(deviceId, true);
        return registered;
    }

    private CompletableFuture<ObjectNode> send(String alias, String deviceId, String command) throws Exception {
        return commander.send(alias, deviceId, JSON.readTree(command));
    }

    private void answer(String deviceId, AppCommand command, int response, String params) throws Exception {
        desk.accept(deviceId, new IpCamMessage.Answer(Optional.of(command.srcDeviceId()), command.msgSession(),
                command.request(), command.subRequest(), response,
                params == null ? Optional.empty() : Optional.of(JSON.readTree(params)), JSON.createObjectNode()));
    }

    private double refusals(Reason reason) {
        return meters.get(HemuMetrics.COMMAND_REFUSALS).tag("reason", reason.word()).counter().count();
    }

    private double outcomes(String outcome) {
        return meters.get(HemuMetrics.COMMANDS).tag("outcome", outcome).counter().count();
    }

    private JsonNode storedCamRW(String deviceId) throws Exception {
        for (VendorRecord record : platform.records("camera")) {
            if (record.key().equals(deviceId)) {
                return JSON.readTree(record.body()).get("camRW");
            }
        }
        throw new AssertionError("no record of " + deviceId);
    }

    @Test
    void anAcknowledgedSettingIsStoredDurablyThenAnsweredToTheApp() throws Exception {
        Registered registered = camera(DEVICE, 17, EVERYTHING);

        CompletableFuture<ObjectNode> answered = send("alice", DEVICE, "{\"command\":\"night_vision\",\"value\":\"off\"}");

        assertThat(link.sent).hasSize(1);
        AppCommand sent = link.sent.get(0);
        assertThat(sent.srcDeviceId()).isEqualTo("alice");
        assertThat(sent.msgSession()).isEqualTo(500);
        assertThat(sent.id()).isEqualTo(1);
        assertThat(JSON.readTree(sent.msg()).get("msgContent")).isEqualTo(JSON.readTree(
                "{\"request\":1793,\"subRequest\":21,\"requestParams\":{\"value\":0}}"));
        assertThat(answered).isNotDone();

        CountDownLatch held = platform.holdCommits();
        answer(DEVICE, sent, 0, null);
        assertThat(answered).as("not before the setting is durable").isNotDone();
        held.countDown();

        assertThat(answered.get(10, TimeUnit.SECONDS)).isEqualTo(JSON.readTree("{\"deviceId\":\"" + DEVICE
                + "\",\"command\":\"night_vision\",\"request\":1793,\"subRequest\":21,\"response\":0}"));
        assertThat(storedCamRW(DEVICE).get("nightVision").asText()).isEqualTo("Off");
        assertThat(platform.cameras.settings(KEY, DEVICE, registered.deviceToken()).get("nightVision").asText())
                .as("what the camera's next MSG_P_THD_GET_CAMERA_SETTINGS_REQ gets").isEqualTo("Off");
        assertThat(outcomes("sent")).isEqualTo(1);
        assertThat(outcomes("answered")).isEqualTo(1);
    }

    @Test
    void aCameraThatRefusesHasAnsweredAndNothingIsStored() throws Exception {
        camera(DEVICE, 17, EVERYTHING);

        CompletableFuture<ObjectNode> answered = send("alice", DEVICE,
                "{\"request\":1793,\"subRequest\":15,\"requestParams\":{\"value\":100}}");
        answer(DEVICE, link.sent.get(0), -1, null);

        ObjectNode answer = answered.get(10, TimeUnit.SECONDS);
        assertThat(answer.get("response").asInt()).isEqualTo(-1);
        assertThat(answer.has("command")).as("a raw command has no name").isFalse();
        assertThat(storedCamRW(DEVICE).has("motionSensitivity")).isFalse();
        assertThat(outcomes("camera_refused")).isEqualTo(1);
    }

    @Test
    void aQuerysAnswerCarriesTheCamerasResponseParams() throws Exception {
        camera(DEVICE, 17, EVERYTHING);

        CompletableFuture<ObjectNode> answered = send("alice", DEVICE, "{\"command\":\"ptz.get_position\"}");
        answer(DEVICE, link.sent.get(0), 0, "{\"pan\":50,\"tilt\":5}");

        assertThat(answered.get(10, TimeUnit.SECONDS).get("responseParams"))
                .isEqualTo(JSON.readTree("{\"pan\":50,\"tilt\":5}"));
    }

    @Test
    void onlyTheOwnerCommandsARegisteredCamera() throws Exception {
        camera(DEVICE, 17, EVERYTHING);

        assertThat(reason(send("bob", DEVICE, "{\"command\":\"wifi.list\"}"))).isEqualTo(Reason.NOT_OWNER);
        assertThat(reason(send("alice", "110234567894599", "{\"command\":\"wifi.list\"}")))
                .isEqualTo(Reason.UNKNOWN_DEVICE);
        assertThat(link.sent).isEmpty();
        assertThat(refusals(Reason.NOT_OWNER)).isEqualTo(1);
        assertThat(refusals(Reason.UNKNOWN_DEVICE)).isEqualTo(1);
    }

    @Test
    void aBadValueIsRefusedAndNothingIsSent() throws Exception {
        camera(DEVICE, 17, EVERYTHING);

        assertThat(reason(send("alice", DEVICE, "{\"command\":\"night_vision\",\"value\":\"dim\"}")))
                .isEqualTo(Reason.BAD_COMMAND);
        assertThat(link.sent).isEmpty();
        assertThat(waiting.size()).isZero();
    }

    @Test
    void whatTheCamerasCapabilitiesExcludeIsRefusedAndNothingIsSent() throws Exception {
        camera("110234567890001", 0, Map.of());                 // nothing reported: no Wi-Fi, no PTZ
        camera("110234567890002", 0x200 | 0x11, EVERYTHING);     // no microphone

        for (String command : List.of("{\"command\":\"ptz.step\",\"value\":\"left\"}",
                "{\"command\":\"ptz.move\",\"value\":\"stop\"}", "{\"command\":\"ptz.position\",\"pan\":0,\"tilt\":0}",
                "{\"command\":\"ptz.get_position\"}", "{\"command\":\"wifi.list\"}",
                "{\"command\":\"wifi\",\"encryption\":\"WPA2\",\"ssid\":\"home\",\"bssid\":\"\",\"key\":\"12345678\"}",
                "{\"command\":\"people_count\",\"value\":\"on\"}", "{\"command\":\"people_count.regions\",\"valueList\":[]}",
                "{\"command\":\"people_count.schedule\",\"status\":\"on\",\"valueList\":[]}",
                "{\"command\":\"motion_tracking\",\"value\":\"on\"}",
                "{\"command\":\"motion_tracking.return_time\",\"value\":30}",
                "{\"command\":\"panorama\",\"value\":\"stop\"}", "{\"command\":\"sd.info\"}",
                "{\"command\":\"sd.format\"}", "{\"command\":\"motion_regions\",\"valueList\":[]}")) {
            assertThat(reason(send("alice", "110234567890001", command))).as(command).isEqualTo(Reason.NOT_CAPABLE);
        }
        assertThat(reason(send("alice", "110234567890002", "{\"command\":\"microphone\",\"value\":\"on\"}")))
                .isEqualTo(Reason.NOT_CAPABLE);
        assertThat(link.sent).isEmpty();
        // what needs nothing reported goes
        send("alice", "110234567890001", "{\"command\":\"night_vision\",\"value\":\"auto\"}");
        send("alice", "110234567890002", "{\"command\":\"ptz.step\",\"value\":\"home\"}");
        assertThat(link.sent).hasSize(2);
    }

    @Test
    void aCameraNotConnectedHereIsOfflineAndHoldsNoPlace() throws Exception {
        camera(DEVICE, 17, EVERYTHING);
        link.connected.put(DEVICE, false);

        assertThat(reason(send("alice", DEVICE, "{\"command\":\"wifi.list\"}"))).isEqualTo(Reason.OFFLINE);

        link.connected.put(DEVICE, true);
        link.sendFails = true; // gone between the check and the write
        assertThat(reason(send("alice", DEVICE, "{\"command\":\"wifi.list\"}"))).isEqualTo(Reason.OFFLINE);
        assertThat(waiting.size()).isZero();
        assertThat(refusals(Reason.OFFLINE)).isEqualTo(2);
    }

    @Test
    void noAnswerInTimeIsATimeoutAndALateAnswerIsStray() throws Exception {
        camera(DEVICE, 17, EVERYTHING);
        CompletableFuture<ObjectNode> answered = send("alice", DEVICE, "{\"command\":\"sd.info\"}");

        loop.advanceTimeBy(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        loop.runScheduledPendingTasks();

        assertThat(reason(answered)).isEqualTo(Reason.TIMEOUT);
        assertThat(refusals(Reason.TIMEOUT)).isEqualTo(1);
        answer(DEVICE, link.sent.get(0), 0, "[]");
        assertThat(outcomes("stray")).isEqualTo(1);
    }

    @Test
    void pastMaxWaitingACommandIsRefusedBusy() throws Exception {
        build(1);
        camera(DEVICE, 17, EVERYTHING);

        CompletableFuture<ObjectNode> first = send("alice", DEVICE, "{\"command\":\"wifi.list\"}");
        assertThat(reason(send("alice", DEVICE, "{\"command\":\"wifi.list\"}"))).isEqualTo(Reason.BUSY);
        assertThat(link.sent).hasSize(1);

        answer(DEVICE, link.sent.get(0), 0, "[]");
        first.get(10, TimeUnit.SECONDS);
        send("alice", DEVICE, "{\"command\":\"wifi.list\"}");
        assertThat(link.sent).hasSize(2);
        assertThat(link.sent.get(1).id()).as("a per-node command counter").isEqualTo(2);
    }

    @Test
    void aCameraUnboundWhileItsCommandWaitedHasItsSettingNotKept() throws Exception {
        camera(DEVICE, 17, EVERYTHING);
        CompletableFuture<ObjectNode> answered = send("alice", DEVICE, "{\"command\":\"status_light\",\"value\":\"off\"}");

        platform.accounts.unbind("alice", DEVICE).join();
        answer(DEVICE, link.sent.get(0), 0, null);

        assertThat(reason(answered)).isEqualTo(Reason.UNKNOWN_DEVICE);
        assertThat(platform.records("camera")).isEmpty();
    }

    private static Reason reason(CompletableFuture<?> future) throws Exception {
        Throwable failure = catchThrowable(() -> future.get(10, TimeUnit.SECONDS));
        assertThat(failure).as("refused").isNotNull().cause().isInstanceOf(CommandRefusal.class);
        return ((CommandRefusal) failure.getCause()).reason();
    }
}
