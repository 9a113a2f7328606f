package io.alarmhub.gateway.device.hemu.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.message.Message;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.core.store.VendorRecord;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.HemuSettings;
import io.alarmhub.gateway.device.hemu.platform.CameraCalls.Registered;
import io.alarmhub.gateway.device.hemu.platform.CameraDirectory.IssuedGrant;
import io.alarmhub.gateway.device.hemu.platform.PlatformException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.ACME;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.KEY;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** What cameras and app back ends ask of the Hemu platform, on a real event desk and SQLite store. */
class HemuPlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final String DEVICE = "110234567894562";
    private static final String OTHER_DEVICE = "110234567894563";
    private static final String MAC = "2059a074e0bc";
    private static final String ALICE_MOBILE = "13888888888";
    private static final String BOB_MOBILE = "13999999999";
    private static final Duration GRANT_VALIDITY = HemuSettings.DEFAULT.grantValidity();

    @TempDir
    Path dir;
    private HemuOnSqlite platform;

    @AfterEach
    void close() {
        platform.close();
    }

    private HemuOnSqlite open(int capacity) {
        platform = HemuOnSqlite.open(dir, NOW, capacity);
        return platform;
    }

    private HemuOnSqlite open() {
        return open(100);
    }

    @Test
    void aRegistrationWithALiveGrantAuthenticatesStoresTheCameraAndTellsItsOwnerOnce() throws Exception {
        open();
        String userToken = grant("alice", ALICE_MOBILE);

        Registered registered = register(DEVICE, ALICE_MOBILE, userToken).join();

        Camera camera = platform.cameras.authenticated(KEY, DEVICE, registered.deviceToken());
        assertThat(camera.owner()).isEqualTo("alice");
        assertThat(camera.unifiedId()).isEqualTo(registered.unifiedId()).matches("[A-Z0-9]{18}");
        assertThat(platform.records("camera")).singleElement()
                .satisfies(r -> assertThat(r.owner()).contains("alice"));
        List<Message> pushed = platform.pending("alice");
        assertThat(pushed).hasSize(1);
        JsonNode online = JSON.readTree(pushed.get(0).payload());
        assertThat(online.get("event").asText()).isEqualTo("online");
        assertThat(online.get("vendor").asText() + "/" + online.get("device").asText()).isEqualTo("hemu/" + DEVICE);
        assertThat(online.get("raw").get("msgType").asText()).isEqualTo("MSG_P_THD_ADD_CAMERA_REQ");
        assertThat(pushed.get(0).payload()).doesNotContain(userToken);
    }

    @Test
    void registeringAgainGivesANewTokenRetiresTheOldOneAndTellsNobody() {
        open();
        String userToken = grant("alice", ALICE_MOBILE);
        Registered first = register(DEVICE, ALICE_MOBILE, userToken).join();

        Registered again = register(DEVICE, ALICE_MOBILE, userToken).join();

        assertThat(again.deviceToken()).isNotEqualTo(first.deviceToken());
        assertThat(again.unifiedId()).isEqualTo(first.unifiedId());
        assertThat(platform.cameras.authenticated(KEY, DEVICE, again.deviceToken()).owner()).isEqualTo("alice");
        assertRefused(() -> platform.cameras.authenticated(KEY, DEVICE, first.deviceToken()), Reason.CREDENTIALS);
        assertThat(platform.pending("alice")).as("only the first registration's online").hasSize(1);
    }

    @Test
    void anotherOwnerIsRefusedUntilTheFirstUnbindsAndTheUnbindReachesNobody() {
        open();
        Registered alices = register(DEVICE, ALICE_MOBILE, grant("alice", ALICE_MOBILE)).join();
        String bobsToken = grant("bob", BOB_MOBILE);

        assertThat(reason(register(DEVICE, BOB_MOBILE, bobsToken))).isEqualTo(Reason.BOUND_TO_OTHER);
        assertThat(platform.cameras.authenticated(KEY, DEVICE, alices.deviceToken()).owner()).isEqualTo("alice");

        platform.accounts.unbind("alice", DEVICE).join();

        assertThat(platform.desk.online(new DeviceId("hemu", DEVICE))).isFalse();
        assertThat(platform.pending("alice")).as("the online only: the offline has no owners").hasSize(1);
        assertThat(platform.pending("bob")).isEmpty();
        assertRefused(() -> platform.cameras.authenticated(KEY, DEVICE, alices.deviceToken()), Reason.CREDENTIALS);

        Registered bobs = register(DEVICE, BOB_MOBILE, bobsToken).join();
        assertThat(platform.cameras.authenticated(KEY, DEVICE, bobs.deviceToken()).owner()).isEqualTo("bob");
        assertThat(bobs.unifiedId()).isNotEqualTo(alices.unifiedId());
        assertThat(platform.pending("bob")).hasSize(1);
    }

    @Test
    void aGrantForAnotherMobileOrPastItsExpiryIsRefusedCredentials() {
        open();
        String userToken = grant("alice", ALICE_MOBILE);

        assertThat(reason(register(DEVICE, BOB_MOBILE, userToken))).isEqualTo(Reason.CREDENTIALS);
        platform.clock.advance(GRANT_VALIDITY.plusSeconds(1));
        assertThat(reason(register(DEVICE, ALICE_MOBILE, userToken))).isEqualTo(Reason.CREDENTIALS);

        assertThat(platform.records("camera")).isEmpty();
        assertThat(platform.pending("alice")).isEmpty();
    }

    @Test
    void aModelTheManufacturerDoesNotMakeIsRefused() {
        open();
        Registration other = new Registration(KEY, DEVICE, MAC, "acme_cam2", ALICE_MOBILE,
                grant("alice", ALICE_MOBILE), "", 0, Optional.empty(), Optional.empty());

        assertThat(reason(platform.cameras.register(ACME, other))).isEqualTo(Reason.UNKNOWN_MODEL);
        assertThat(platform.records("camera")).isEmpty();
    }

    @Test
    void aChangedStatusOrCardIsOneStatusEventAndTheSameReportedAgainIsOnlyStored() throws Exception {
        open();
        Registered registered = register(DEVICE, ALICE_MOBILE, grant("alice", ALICE_MOBILE)).join();

        report(registered, "On", 3, "HomeNet").join();

        List<Message> pushed = platform.pending("alice");
        assertThat(pushed).hasSize(2);
        JsonNode status = JSON.readTree(pushed.get(1).payload());
        assertThat(status.get("event").asText()).isEqualTo("status");
        assertThat(status.get("values").get("status").asText()).isEqualTo("On");
        assertThat(status.get("values").get("sdcardStatus").asText()).isEqualTo("3");
        assertThat(pushed.get(1).payload()).doesNotContain("HomeNet");

        report(registered, "On", 3, "Office").join();

        assertThat(platform.pending("alice")).as("nothing changed that an owner hears of").hasSize(2);
        Camera camera = platform.directory.camera(DEVICE).orElseThrow();
        assertThat(camera.camParam().get("wifiSSID").asText()).isEqualTo("Office");
        assertThat(camera.camParam().get("sdcardStatus").asText()).isEqualTo("3");
        assertThat(camera.camRW().get("status").asText()).isEqualTo("On");
        assertThat(platform.records("camera").get(0).body()).contains("\"wifiSSID\":\"Office\"");

        report(registered, "Off", 3, "Office").join();

        JsonNode switchedOff = JSON.readTree(platform.pending("alice").get(2).payload());
        assertThat(switchedOff.get("values").toString()).as("only what changed")
                .isEqualTo("{\"status\":\"Off\"}");
    }

    @Test
    void anInvalidSettingIsRefusedAndAValidChangeIsWhatTheCameraIsAnswered() throws Exception {
        open();
        Registered registered = register(DEVICE, ALICE_MOBILE, grant("alice", ALICE_MOBILE)).join();
        assertThat(settings(registered)).isEqualTo(CamSettings.defaults());

        platform.accounts.changeSettings("alice", DEVICE, JSON.readTree("{\"motionSensitivity\":\"30\"}")).join();
        String stored = platform.records("camera").get(0).body();
        CompletableFuture<Camera> refused = platform.accounts.changeSettings("alice", DEVICE,
                JSON.readTree("{\"title\":\"Porch\",\"motionSensitivity\":75}"));

        assertThat(reason(refused)).isEqualTo(Reason.BAD_VALUE);
        ObjectNode expected = CamSettings.defaults().put("motionSensitivity", "30");
        assertThat(settings(registered)).isEqualTo(expected);
        assertThat(platform.records("camera").get(0).body()).isEqualTo(stored);
    }

    @Test
    void cameraOwnerTokenUnifiedIdSettingsGrantsAndBindingsSurviveARestart() throws Exception {
        open();
        String userToken = grant("alice", ALICE_MOBILE);
        Registered registered = register(DEVICE, ALICE_MOBILE, userToken).join();
        platform.accounts.changeSettings("alice", DEVICE, JSON.readTree("{\"nightVision\":\"Off\"}")).join();
        platform.accounts.startBinding("bob", BOB_MOBILE, Optional.of(OTHER_DEVICE), Optional.empty()).join();
        ObjectNode settings = settings(registered);

        platform.reopen();

        Camera camera = platform.cameras.authenticated(KEY, DEVICE, registered.deviceToken());
        assertThat(camera.owner()).isEqualTo("alice");
        assertThat(camera.unifiedId()).isEqualTo(registered.unifiedId());
        assertThat(platform.directory.unifiedId("alice")).contains(registered.unifiedId());
        assertThat(settings.get("nightVision").asText()).isEqualTo("Off");
        assertThat(settings(registered)).isEqualTo(settings);
        assertThat(platform.accounts.grantIsLive(userToken, ALICE_MOBILE)).isTrue();
        assertThat(platform.cameras.bindInfo(OTHER_DEVICE, Optional.empty()).join())
                .hasValueSatisfying(g -> assertThat(g.grant().alias()).isEqualTo("bob"));
        assertThat(register(DEVICE, ALICE_MOBILE, userToken).join().unifiedId()).isEqualTo(registered.unifiedId());
    }

    @Test
    void aWiredBindingByMacHandsEachAskAFreshTokenUntilTheCameraRegisters() {
        open();
        platform.accounts.startBinding("alice", ALICE_MOBILE, Optional.empty(), Optional.of(MAC)).join();
        assertThat(platform.cameras.bindInfo(DEVICE, Optional.empty()).join()).as("without its MAC").isEmpty();

        IssuedGrant first = platform.cameras.bindInfo(DEVICE, Optional.of(MAC)).join().orElseThrow();
        IssuedGrant second = platform.cameras.bindInfo(DEVICE, Optional.of(MAC)).join().orElseThrow();

        assertThat(second.userToken()).isNotEqualTo(first.userToken());
        assertThat(Stream.of(first, second)).allSatisfy(g -> {
            assertThat(g.grant().alias()).isEqualTo("alice");
            assertThat(g.grant().mobile()).isEqualTo(ALICE_MOBILE);
            assertThat(platform.accounts.grantIsLive(g.userToken(), ALICE_MOBILE)).isTrue();
        });
        Registered registered = register(DEVICE, ALICE_MOBILE, second.userToken()).join();
        assertThat(platform.cameras.authenticated(KEY, DEVICE, registered.deviceToken()).owner()).isEqualTo("alice");
        assertThat(platform.cameras.bindInfo(DEVICE, Optional.of(MAC)).join()).as("the binding ended").isEmpty();
        assertThat(platform.records("binding")).isEmpty();
        assertThat(register(DEVICE, ALICE_MOBILE, first.userToken())).as("the other answer's token too")
                .succeedsWithin(Duration.ofSeconds(10));
    }

    @Test
    void pastItsCapacityTheDirectoryRefusesGrantsUntilTheLiveOnesExpire() {
        open(2);
        grant("alice", ALICE_MOBILE);
        grant("bob", BOB_MOBILE);

        assertThat(reason(platform.accounts.grant("carol", ALICE_MOBILE))).isEqualTo(Reason.FULL);

        platform.clock.advance(GRANT_VALIDITY.plusSeconds(1));
        IssuedGrant carols = platform.accounts.grant("carol", ALICE_MOBILE).join();

        assertThat(platform.records("grant")).extracting(VendorRecord::key)
                .as("the expired ones deleted").containsExactly(carols.grant().tokenHash());
    }

    @Test
    void ofTwoOwnersRegisteringOneCameraAtOnceExactlyOneGetsIt() {
        open();
        String alices = grant("alice", ALICE_MOBILE);
        String bobs = grant("bob", BOB_MOBILE);
        CountDownLatch commits = platform.holdCommits();

        CompletableFuture<Registered> alice = register(DEVICE, ALICE_MOBILE, alices);
        CompletableFuture<Registered> bob = register(DEVICE, BOB_MOBILE, bobs);
        assertThat(alice).isNotDone();
        assertThat(bob).isNotDone();
        commits.countDown();

        assertThat(alice).succeedsWithin(Duration.ofSeconds(10));
        assertThat(reason(bob)).isEqualTo(Reason.BOUND_TO_OTHER);
        assertThat(platform.directory.camera(DEVICE).orElseThrow().owner()).isEqualTo("alice");
        assertThat(platform.pending("bob")).isEmpty();
    }

    @Test
    void twoCamerasRegisteringAtOnceForANewAccountShareItsUnifiedId() {
        open();
        String userToken = grant("alice", ALICE_MOBILE);
        CountDownLatch commits = platform.holdCommits();

        CompletableFuture<Registered> first = register(DEVICE, ALICE_MOBILE, userToken);
        CompletableFuture<Registered> second = register(OTHER_DEVICE, ALICE_MOBILE, userToken);
        assertThat(first).as("neither account record is stored yet").isNotDone();
        commits.countDown();

        String unifiedId = first.join().unifiedId();
        assertThat(second.join().unifiedId()).isEqualTo(unifiedId);
        assertThat(platform.directory.unifiedId("alice")).contains(unifiedId);
        platform.reopen();
        assertThat(platform.directory.unifiedId("alice")).contains(unifiedId);
    }

    @Test
    void aStoreThatCannotTakeTheRegistrationFailsItAndRegistersNothing() {
        open();
        String userToken = grant("alice", ALICE_MOBILE);
        platform.store.close();

        Throwable failure = catchThrowable(() -> register(DEVICE, ALICE_MOBILE, userToken).join());

        assertThat(failure).hasCauseInstanceOf(StoreException.class);
        assertThat(platform.directory.camera(DEVICE)).isEmpty();
        assertThat(platform.desk.online(new DeviceId("hemu", DEVICE))).isFalse();
    }

    private String grant(String alias, String mobile) {
        return platform.accounts.grant(alias, mobile).join().userToken();
    }

    private CompletableFuture<Registered> register(String deviceId, String mobile, String userToken) {
        return platform.cameras.register(ACME, new Registration(KEY, deviceId, MAC, MODEL, mobile, userToken,
                "3RD-X01", 17, Optional.of("1"), Optional.empty()));
    }

    private CompletableFuture<Void> report(Registered camera, String status, int sdcard, String ssid) {
        return platform.cameras.report(KEY, DEVICE, camera.deviceToken(), new CameraReport(Optional.of(status),
                Optional.empty(), Optional.of(ssid), Optional.of(sdcard), Optional.empty(), Optional.empty()));
    }

    private ObjectNode settings(Registered camera) {
        return platform.cameras.settings(KEY, DEVICE, camera.deviceToken());
    }

    /** Why the future failed, which must be a refusal of the platform's. */
    private static Reason reason(CompletableFuture<?> future) {
        Throwable failure = catchThrowable(future::join);
        assertThat(failure).as("refused").isNotNull().cause().isInstanceOf(PlatformException.class);
        return ((PlatformException) failure.getCause()).reason();
    }

    private static void assertRefused(Runnable call, Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
