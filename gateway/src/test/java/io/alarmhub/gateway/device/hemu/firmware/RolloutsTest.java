package io.alarmhub.gateway.device.hemu.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.store.VendorRecord;
import io.alarmhub.gateway.device.hemu.FirmwareSettings;
import io.alarmhub.gateway.device.hemu.platform.AppCommand;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Rollouts from start to each camera's end, on the platform's real event desk and SQLite store and a real media
 * directory, with connections and a clock the test sets: the command a camera is sent, its progress stored and
 * pushed to its owner, its confirmation by the version it reports, failure, timeout (virtual time), a login that
 * sends a waiting command, a restart in the middle, a busy camera skipped, a cancel, and the refusals.
 */
class RolloutsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final FirmwareSettings SETTINGS = new FirmwareSettings(1024 * 1024, Duration.ofHours(2),
            Duration.ofHours(1));
    private static final String CAM1 = "110234567894562";
    private static final String CAM2 = "110234567894563";
    private static final String NEW = "1.0.0.526";

    @TempDir
    Path dir;
    private FirmwareOnSqlite f;

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aConnectedCameraIsSentTheCommandItsProgressReachesItsOwnerAndItsNewVersionConfirmsIt() throws Exception {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        String token = f.register(CAM1, "2059a074e0bc", "alice", "13888888888");
        f.reportVersions(CAM1, token, "1.2.300", "2.15.200");
        f.link.connected.add(CAM1);
        byte[] bytes = bytes(300_000);
        FirmwarePackage p = f.upload(bytes, 1, NEW, 64 * 1024);

        Rollout rollout = rollouts().start(p.id(), new Selection.Devices(List.of(CAM1))).join();

        await().atMost(10, TimeUnit.SECONDS).until(() -> f.link.sent.size() == 1);
        AppCommand command = f.link.sent.get(0).command();
        assertThat(command.request()).isEqualTo(4097);
        assertThat(command.subRequest()).isEmpty();
        JsonNode msg = JSON.readTree(command.msg());
        JsonNode params = msg.path("msgContent").path("requestParams");
        assertThat(params.path("serviceType").asInt()).isEqualTo(1);
        assertThat(params.path("newServiceVersion").asText()).isEqualTo(NEW);
        assertThat(params.path("checkSum").asText()).isEqualTo(p.checkSum()).isEqualTo(md5(bytes));
        String url = params.path("url").asText();
        assertThat(url).startsWith(FirmwareOnSqlite.BASE + "/media/" + p.mediaKey() + "?expires="
                + NOW.plus(SETTINGS.urlValidity()).getEpochSecond() + "&sig=");
        long session = msg.path("msgSession").asLong();
        assertThat(session).isPositive().isLessThanOrEqualTo(Integer.MAX_VALUE);
        assertThat(update(rollout, CAM1).state()).isEqualTo(DeviceUpdate.State.SENT);
        assertThat(f.counted("started")).isEqualTo(1);

        for (int status : new int[] {1, 2, 3, 5, 6, 7}) {
            report(CAM1, session, status, status == 1 ? 0 : bytes.length, bytes.length, "");
        }
        assertThat(update(rollout, CAM1).state()).isEqualTo(DeviceUpdate.State.INSTALLED);
        f.reportVersions(CAM1, token, NEW, "2.15.200");
        await().atMost(10, TimeUnit.SECONDS).until(() -> update(rollout, CAM1).state()
                == DeviceUpdate.State.CONFIRMED);

        List<JsonNode> events = f.firmwareEvents("alice");
        assertThat(events).extracting(v -> v.path("firmware").asText()).containsExactly("download_started",
                "downloading", "downloaded", "install_started", "installing", "installed", "confirmed");
        JsonNode downloading = events.get(1);
        assertThat(downloading.path("current").asText()).isEqualTo("300000");
        assertThat(downloading.path("total").asText()).isEqualTo("300000");
        assertThat(downloading.path("version").asText()).isEqualTo(NEW);
        assertThat(downloading.path("rollout").asText()).isEqualTo(rollout.id());
        assertThat(f.counted("confirmed")).isEqualTo(1);
        ObjectNode view = rollouts().view(rollout, true);
        assertThat(view.path("state").asText()).isEqualTo("ended");
        assertThat(view.path("counts").path("confirmed").asInt()).isEqualTo(1);
        assertThat(view.path("devices").get(0).path("state").asText()).isEqualTo("confirmed");
        assertThat(records(FirmwareStore.UPDATE)).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(rollout.id() + "/" + CAM1);
            assertThat(r.owner()).contains("alice");
        });
    }

    @Test
    void aSevenAfterTheNewVersionWasReportedConfirmsAtOnce() throws Exception {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        String token = f.register(CAM1, "2059a074e0bc", "alice", "13888888888");
        f.link.connected.add(CAM1);
        Rollout rollout = rollouts().start(f.upload(bytes(10), 2, "2.16.1", 4).id(),
                new Selection.Devices(List.of(CAM1))).join();
        long session = sentSession(0);
        report(CAM1, session, 6, 0, 0, "");

        f.reportVersions(CAM1, token, "1.2.300", "2.16.1"); // a camera app package: its app version counts
        report(CAM1, session, 7, 0, 0, "");

        assertThat(update(rollout, CAM1).state()).isEqualTo(DeviceUpdate.State.CONFIRMED);
        assertThat(f.firmwareEvents("alice")).extracting(v -> v.path("firmware").asText())
                .containsExactly("installing", "confirmed");
    }

    @Test
    void aDownloadFailureEndsTheUpdateFailedWithTheCamerasComment() throws Exception {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        f.register(CAM1, "2059a074e0bc", "alice", "13888888888");
        f.link.connected.add(CAM1);
        Rollout rollout = rollouts().start(f.upload(bytes(10), 1, NEW, 10).id(),
                new Selection.Devices(List.of(CAM1))).join();
        long session = sentSession(0);

        report(CAM1, session, 1, 0, 10, "");
        report(CAM1, session, 4, 3, 10, "checkSum mismatch");
        report(CAM1, session, 5, 10, 10, ""); // after the end: nothing moves it

        DeviceUpdate failed = update(rollout, CAM1);
        assertThat(failed.state()).isEqualTo(DeviceUpdate.State.FAILED);
        assertThat(failed.comment()).isEqualTo("checkSum mismatch");
        List<JsonNode> events = f.firmwareEvents("alice");
        assertThat(events).extracting(v -> v.path("firmware").asText())
                .containsExactly("download_started", "download_failed");
        assertThat(events.get(1).path("comment").asText()).isEqualTo("checkSum mismatch");
        assertThat(f.counted("failed")).isEqualTo(1);
        assertThat(f.unmatched()).isEqualTo(1);
    }

    @Test
    void progressOfAnotherSessionIsCountedAndDropped() throws Exception {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        f.register(CAM1, "2059a074e0bc", "alice", "13888888888");
        f.link.connected.add(CAM1);
        Rollout rollout = rollouts().start(f.upload(bytes(10), 1, NEW, 10).id(),
                new Selection.Devices(List.of(CAM1))).join();
        long session = sentSession(0);

        report(CAM1, session + 1, 1, 0, 10, "");
        report(CAM2, session, 1, 0, 10, "");

        assertThat(f.unmatched()).isEqualTo(2);
        assertThat(update(rollout, CAM1).state()).isEqualTo(DeviceUpdate.State.SENT);
        assertThat(f.firmwareEvents("alice")).isEmpty();
    }

    @Test
    void anUpdateUnderWayPastTheDeviceTimeoutTimesOut() throws Exception {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        f.register(CAM1, "2059a074e0bc", "alice", "13888888888");
        f.link.connected.add(CAM1);
        Rollout rollout = rollouts().start(f.upload(bytes(10), 1, NEW, 10).id(),
                new Selection.Devices(List.of(CAM1))).join();
        long session = sentSession(0);
        report(CAM1, session, 2, 5, 10, "");

        f.platform.clock.advance(Duration.ofMinutes(59));
        f.firmware.sweep().join();
        assertThat(update(rollout, CAM1).state()).as("within the hour").isEqualTo(DeviceUpdate.State.UPDATING);
        f.platform.clock.advance(Duration.ofMinutes(2));
        f.firmware.sweep().join();

        DeviceUpdate timedOut = update(rollout, CAM1);
        assertThat(timedOut.state()).isEqualTo(DeviceUpdate.State.TIMED_OUT);
        assertThat(timedOut.comment()).contains("last status: downloading");
        assertThat(f.firmwareEvents("alice")).extracting(v -> v.path("firmware").asText())
                .containsExactly("downloading", "timed_out");
        assertThat(f.counted("timed_out")).isEqualTo(1);
        report(CAM1, session, 7, 10, 10, "");
        assertThat(update(rollout, CAM1).state()).as("too late").isEqualTo(DeviceUpdate.State.TIMED_OUT);
    }

    @Test
    void anOfflineCameraWaitsForItsLoginAndTheRolloutSurvivesARestart() throws Exception {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        String token = f.register(CAM1, "2059a074e0bc", "alice", "13888888888");
        FirmwarePackage p = f.upload(bytes(5000), 1, NEW, 1000);
        Rollout rollout = rollouts().start(p.id(), new Selection.Devices(List.of(CAM1))).join();
        assertThat(update(rollout, CAM1).state()).isEqualTo(DeviceUpdate.State.WAITING);
        f.firmware.loggedIn(CAM1).join();
        assertThat(f.link.sent).as("not connected: nothing sent").isEmpty();

        f.reopen();
        assertThat(update(rollout, CAM1).state()).as("after a restart").isEqualTo(DeviceUpdate.State.WAITING);
        f.link.connected.add(CAM1);
        f.firmware.loggedIn(CAM1).join();
        long session = sentSession(0);
        report(CAM1, session, 3, 5000, 5000, "");

        f.reopen();
        assertThat(f.firmware.packages().find(p.id())).contains(p);
        report(CAM1, session, 7, 5000, 5000, "");
        assertThat(update(rollout, CAM1).state()).isEqualTo(DeviceUpdate.State.INSTALLED);
        f.reportVersions(CAM1, token, NEW, "2.15.200");
        await().atMost(10, TimeUnit.SECONDS).until(() -> update(rollout, CAM1).state()
                == DeviceUpdate.State.CONFIRMED);
        f.firmware.loggedIn(CAM1).join();
        assertThat(f.link.sent).as("one command in all").hasSize(1);
    }

    @Test
    void aCameraBusyInAnotherRolloutIsSkippedAndACancelEndsWhatStillWaits() throws Exception {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        f.register(CAM1, "2059a074e0bc", "alice", "13888888888");
        f.register(CAM2, "2059a074e0bd", "alice", "13888888888");
        FirmwarePackage p = f.upload(bytes(10), 1, NEW, 10);
        Rollout first = rollouts().start(p.id(), new Selection.Devices(List.of(CAM1))).join();

        Rollout second = rollouts().start(p.id(), new Selection.Model("acme_cam1", Optional.empty())).join();

        assertThat(update(second, CAM1).state()).isEqualTo(DeviceUpdate.State.SKIPPED);
        assertThat(update(second, CAM1).comment()).isEqualTo("busy with rollout " + first.id());
        assertThat(update(second, CAM2).state()).isEqualTo(DeviceUpdate.State.WAITING);
        assertThatThrownBy(() -> f.firmware.packages().delete(p.id(), rollouts()::sends))
                .isInstanceOf(FirmwareRefusal.class).hasMessageContaining("running rollout");

        rollouts().cancel(first.id()).join();
        rollouts().cancel(second.id()).join();

        assertThat(update(first, CAM1).state()).isEqualTo(DeviceUpdate.State.CANCELLED);
        assertThat(rollouts().view(second, false).path("state").asText()).isEqualTo("ended");
        f.link.connected.add(CAM1);
        f.firmware.loggedIn(CAM1).join();
        assertThat(f.link.sent).isEmpty();
        f.firmware.packages().delete(p.id(), rollouts()::sends).join();
        assertThat(f.media.file(p.mediaKey())).isEmpty();
        assertThat(rollouts().view(first, false).path("package").path("deleted").asBoolean()).isTrue();
    }

    @Test
    void aModelSelectionTakesTheCamerasOfThatVersionOnly() {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        String t1 = f.register(CAM1, "2059a074e0bc", "alice", "13888888888");
        String t2 = f.register(CAM2, "2059a074e0bd", "bob", "13999999999");
        f.reportVersions(CAM1, t1, "1.2.300", "2.15.200");
        f.reportVersions(CAM2, t2, "1.2.299", "2.15.200");
        FirmwarePackage p = f.upload(bytes(10), 1, NEW, 10);

        Rollout rollout = rollouts().start(p.id(), new Selection.Model("acme_cam1", Optional.of("1.2.300"))).join();

        assertThat(rollouts().view(rollout, true).path("devices")).extracting(d -> d.path("deviceId").asText())
                .containsExactly(CAM1);
        assertThatThrownBy(() -> rollouts().start(p.id(), new Selection.Model("acme_cam1", Optional.of("9.9"))))
                .isInstanceOf(FirmwareRefusal.class).extracting(e -> ((FirmwareRefusal) e).kind())
                .isEqualTo(FirmwareRefusal.Kind.NOT_FOUND);
        assertThatThrownBy(() -> rollouts().start(p.id(), new Selection.Model("acme_cam2", Optional.empty())))
                .isInstanceOf(FirmwareRefusal.class).extracting(e -> ((FirmwareRefusal) e).kind())
                .isEqualTo(FirmwareRefusal.Kind.BAD_REQUEST);
        assertThatThrownBy(() -> rollouts().start(p.id(), new Selection.Devices(List.of("110234567894569"))))
                .isInstanceOf(FirmwareRefusal.class).extracting(e -> ((FirmwareRefusal) e).kind())
                .isEqualTo(FirmwareRefusal.Kind.NOT_FOUND);
        assertThatThrownBy(() -> rollouts().start("000000000000", new Selection.Devices(List.of(CAM1))))
                .isInstanceOf(FirmwareRefusal.class).extracting(e -> ((FirmwareRefusal) e).kind())
                .isEqualTo(FirmwareRefusal.Kind.NOT_FOUND);
    }

    @Test
    void anUnboundCamerasUpdateIsCancelled() throws Exception {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        f.register(CAM1, "2059a074e0bc", "alice", "13888888888");
        f.link.connected.add(CAM1);
        Rollout rollout = rollouts().start(f.upload(bytes(10), 1, NEW, 10).id(),
                new Selection.Devices(List.of(CAM1))).join();
        long session = sentSession(0);

        f.platform.accounts.unbind("alice", CAM1).join();

        await().atMost(10, TimeUnit.SECONDS).until(() -> update(rollout, CAM1).state()
                == DeviceUpdate.State.CANCELLED);
        report(CAM1, session, 1, 0, 0, "");
        assertThat(f.unmatched()).isEqualTo(1);
    }

    private Rollouts rollouts() {
        return f.firmware.rollouts();
    }

    /** The camera's update as the rollout's view shows it to operators. */
    private DeviceUpdate update(Rollout rollout, String deviceId) {
        for (JsonNode device : rollouts().view(rollout, true).path("devices")) {
            if (device.path("deviceId").asText().equals(deviceId)) {
                return DeviceUpdate.of(((ObjectNode) device).deepCopy().put("rollout", rollout.id()));
            }
        }
        throw new AssertionError(deviceId + " is not in rollout " + rollout.id());
    }

    private long sentSession(int index) throws Exception {
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.link.sent.size() > index);
        return JSON.readTree(f.link.sent.get(index).command().msg()).path("msgSession").asLong();
    }

    private void report(String deviceId, long session, int status, long current, long total, String comment) {
        f.firmware.progress(deviceId, new IpCamMessage.FirmwareProgress(session, status, current, total, NEW,
                "2.15.200", comment)).join();
    }

    private List<VendorRecord> records(String kind) {
        return f.platform.records(kind);
    }

    static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
