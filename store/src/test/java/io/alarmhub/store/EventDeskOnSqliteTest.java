package io.alarmhub.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.device.Device;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.device.DeviceRefusedException;
import io.alarmhub.core.device.DeviceRegistry;
import io.alarmhub.core.event.AlarmType;
import io.alarmhub.core.event.DeviceChange;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.EventDesk;
import io.alarmhub.core.event.EventSink;
import io.alarmhub.core.event.RoutingRules;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.alarmhub.core.message.Message;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.core.store.PeopleCount;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.core.store.VendorRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Device events stored with their pushes, on the real SQLite store. */
class EventDeskOnSqliteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeviceId CAMERA = new DeviceId("jovision", "S35084741");
    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");

    @TempDir
    Path dir;
    private SqlitePushStore store;
    private MutableClock clock = new MutableClock(NOW);

    @AfterEach
    void close() {
        store.close();
    }

    private EventDesk open(boolean allowUnknown, Map<DeviceId, DeviceRegistry.Configured> configured,
                           RoutingRules rules, Map<String, Duration> heartbeats) {
        return open(allowUnknown, configured, rules, heartbeats, List.of());
    }

    private EventDesk open(boolean allowUnknown, Map<DeviceId, DeviceRegistry.Configured> configured,
                           RoutingRules rules, Map<String, Duration> heartbeats, List<EventSink> sinks) {
        store = SqlitePushStore.open(dir.resolve("alarmhub.db"));
        CompletableFuture<List<Device>> stored = new CompletableFuture<>();
        store.submit(new StoreOp.LoadDevices(stored));
        MessageIds ids = new MessageIds(clock, 0);
        PushHub hub = new PushHub(store, clock, ids, PushHub.Limits.DEFAULT);
        return new EventDesk(hub, store, new DeviceRegistry(allowUnknown, configured, stored.join()), rules, ids,
                clock, heartbeats, sinks);
    }

    private DeviceEvent.Alarm alarm(EventDesk desk, AlarmType type) {
        return new DeviceEvent.Alarm(desk.nextId(), CAMERA, Instant.ofEpochSecond(1_411_626_360L), 1, type, "9",
                Optional.of("S35084741:1411626360"), Optional.empty(),
                List.of(new MediaRef(MediaKind.PICTURE, "100634.jpg", Optional.empty(), "100634.jpg")),
                Optional.of("HD_IPC"), "{\"mt\":2219,\"mid\":99}");
    }

    @Test
    void anAlarmReachesTheDeviceTopicAndTheOwnersAndIsPushedAsDocumented() throws Exception {
        EventDesk desk = open(true, Map.of(CAMERA, new DeviceRegistry.Configured("Front door", List.of("alice"))),
                RoutingRules.DEFAULT, Map.of());
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        hub.subscribe("console", List.of("jovision/S35084741")).get();

        DeviceEvent.Alarm alarm = alarm(desk, AlarmType.MOTION);
        desk.accept(alarm).get();

        List<Message> forAlice = hub.pending("alice").get();
        assertThat(forAlice).hasSize(2); // the online its first message implies, then the alarm
        assertThat(hub.pending("console").get()).containsExactlyElementsOf(forAlice);
        JsonNode pushed = JSON.readTree(forAlice.get(1).payload());
        assertThat(pushed.toString()).isEqualTo("{\"event\":\"alarm\",\"id\":\"" + alarm.id() + "\","
                + "\"vendor\":\"jovision\",\"device\":\"S35084741\",\"device_name\":\"Front door\","
                + "\"time\":\"2014-09-25T06:26:00Z\",\"type\":\"motion\",\"vendor_type\":\"9\",\"channel\":1,"
                + "\"ref\":\"S35084741:1411626360\",\"media\":[{\"kind\":\"picture\",\"name\":\"100634.jpg\","
                + "\"url\":\"100634.jpg\"}],\"raw\":{\"mt\":2219,\"mid\":99}}");
        assertThat(desk.online(CAMERA)).isTrue();
    }

    @Test
    void anEventThatChangesOwnersReachesTheNewOwnersAndIsStoredWithTheVendorsRecord() throws Exception {
        DeviceId hemu = new DeviceId("hemu", "110234567894562");
        EventDesk desk = open(true, Map.of(), RoutingRules.DEFAULT, Map.of());
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        CompletableFuture<Void> recordStored = new CompletableFuture<>();
        StoreOp.PutRecord record = new StoreOp.PutRecord(new VendorRecord("hemu", "camera", hemu.id(),
                Optional.of("alice"), "{}", NOW), recordStored);

        desk.accept(new DeviceEvent.Online(desk.nextId(), hemu, NOW, Optional.empty(), Optional.empty(), "{}"),
                DeviceChange.owners(List.of("alice"), record)).get();

        assertThat(recordStored).isDone();
        assertThat(hub.pending("alice").get()).hasSize(1);
        store.close();
        clock.now = NOW.plusSeconds(1); // a restart's ids follow the clock, as a real restart's do
        EventDesk reopened = open(true, Map.of(), RoutingRules.DEFAULT, Map.of());
        hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        // The owners are the device's after a restart, so its next event reaches alice with no change given.
        reopened.accept(new DeviceEvent.Status(reopened.nextId(), hemu, NOW, Map.of("status", "On"), "{}")).get();
        assertThat(hub.pending("alice").get()).hasSize(2);

        reopened.accept(new DeviceEvent.Offline(reopened.nextId(), hemu, NOW, "unbound", "{}"),
                DeviceChange.owners(List.of())).get();
        assertThat(hub.pending("alice").get()).as("an event that takes the owners away reaches the new ones")
                .hasSize(2);
        assertThat(StoreFixture.query(dir.resolve("alarmhub.db"), "SELECT COUNT(*) FROM device WHERE owners = '[]'"))
                .isEqualTo(1);
    }

    @Test
    void ownersNamedInDevicesKnownWinOverAChangeOfOwners() throws Exception {
        EventDesk desk = open(true, Map.of(CAMERA, new DeviceRegistry.Configured("Front door", List.of("alice"))),
                RoutingRules.DEFAULT, Map.of());
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);

        desk.accept(new DeviceEvent.Online(desk.nextId(), CAMERA, NOW, Optional.empty(), Optional.empty(), "{}"),
                DeviceChange.owners(List.of("mallory"))).get();

        assertThat(hub.pending("alice").get()).hasSize(1);
        assertThat(hub.pending("mallory").get()).isEmpty();
    }

    @Test
    void aConfiguredNameOverridesTheDevicesOwnInThePushTheStreamAndTheHistory() throws Exception {
        List<Device> streamed = new java.util.ArrayList<>();
        EventSink stream = (event, device) -> {
            streamed.add(device);
            return List.of();
        };
        EventDesk desk = open(true, Map.of(CAMERA, new DeviceRegistry.Configured("Front door", List.of("alice"))),
                RoutingRules.DEFAULT, Map.of(), List.of(stream));
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);

        desk.accept(new DeviceEvent.Online(desk.nextId(), CAMERA, NOW, Optional.of("HD_IPC"), Optional.empty(), "{}"))
                .get();
        desk.accept(alarm(desk, AlarmType.MOTION)).get();

        assertThat(hub.pending("alice").get()).extracting(m -> JSON.readTree(m.payload()).get("device_name").asText())
                .containsExactly("Front door", "Front door");
        assertThat(streamed).extracting(Device::name).containsExactly("Front door", "Front door");
        Path file = dir.resolve("alarmhub.db");
        assertThat(StoreFixture.query(file, "SELECT COUNT(*) FROM device_event"
                + " WHERE event LIKE '%\"device_name\":\"Front door\"%'")).isEqualTo(2);
        assertThat(StoreFixture.query(file, "SELECT COUNT(*) FROM device WHERE name = 'Front door'")).isEqualTo(1);
    }

    @Test
    void aDeviceWhoseFirstMessageIsAnAlarmIsAnnouncedOnlineBeforeItAndBeforeItsOffline() throws Exception {
        EventDesk desk = open(true, Map.of(), RoutingRules.DEFAULT, Map.of());
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        hub.subscribe("console", List.of("jovision/S35084741")).get();

        CompletableFuture<Void> first = desk.accept(alarm(desk, AlarmType.MOTION));
        CompletableFuture<Void> second = desk.accept(alarm(desk, AlarmType.MOTION));
        CompletableFuture.allOf(first, second).get();
        desk.accept(new DeviceEvent.Offline(desk.nextId(), CAMERA, NOW, "connection closed", "{}")).get();
        desk.accept(alarm(desk, AlarmType.MOTION)).get();

        List<JsonNode> heard = new java.util.ArrayList<>();
        for (Message m : hub.pending("console").get()) {
            heard.add(JSON.readTree(m.payload()));
        }
        assertThat(heard).extracting(e -> e.get("event").asText())
                .containsExactly("online", "alarm", "alarm", "offline", "online", "alarm");
        JsonNode online = heard.get(0);
        assertThat(online.get("name").asText()).isEqualTo("HD_IPC");
        assertThat(online.get("time").asText()).isEqualTo("2014-09-25T06:26:00Z");
        assertThat(online.get("raw").toString()).isEqualTo("{\"detected_by\":\"alarmhub\",\"first_event\":\"alarm\"}");
        assertThat(StoreFixture.query(dir.resolve("alarmhub.db"),
                "SELECT COUNT(*) FROM device_event WHERE kind = 'online'")).isEqualTo(2);
    }

    @Test
    void eventsThatWaitForTheImpliedOnlineKeepTheirOrder() throws Exception {
        EventDesk desk = open(true, Map.of(), RoutingRules.DEFAULT, Map.of());
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        hub.subscribe("console", List.of("jovision/S35084741")).get();

        List<CompletableFuture<Void>> accepted = new java.util.ArrayList<>();
        for (int mid = 1; mid <= 20; mid++) {
            accepted.add(desk.accept(new DeviceEvent.Alarm(desk.nextId(), CAMERA, NOW, 1, AlarmType.MOTION, "7",
                    Optional.empty(), Optional.empty(), List.of(), Optional.empty(), "{\"mid\":" + mid + "}")));
        }
        CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get();

        List<String> heard = new java.util.ArrayList<>();
        for (Message m : hub.pending("console").get()) {
            JsonNode event = JSON.readTree(m.payload());
            heard.add(event.get("event").asText() + event.get("raw").path("mid").asText());
        }
        assertThat(heard).containsExactly("online", "alarm1", "alarm2", "alarm3", "alarm4", "alarm5", "alarm6",
                "alarm7", "alarm8", "alarm9", "alarm10", "alarm11", "alarm12", "alarm13", "alarm14", "alarm15",
                "alarm16", "alarm17", "alarm18", "alarm19", "alarm20");
    }

    @Test
    void aMacTheVendorRegisteredIsKeptThroughLaterEventsAndARestart() throws Exception {
        DeviceId hemu = new DeviceId("hemu", "110234567894562");
        EventDesk desk = open(true, Map.of(), RoutingRules.DEFAULT, Map.of());
        desk.accept(new DeviceEvent.Online(desk.nextId(), hemu, NOW, Optional.empty(), Optional.empty(), "{}"),
                DeviceChange.mac("2059a074e0bc")).get();
        desk.accept(new DeviceEvent.Offline(desk.nextId(), hemu, NOW, "ping_timeout", "{}")).get();
        store.close();

        CompletableFuture<List<Device>> devices = new CompletableFuture<>();
        store = SqlitePushStore.open(dir.resolve("alarmhub.db"));
        store.submit(new StoreOp.LoadDevices(devices));
        assertThat(devices.get()).singleElement().satisfies(d -> {
            assertThat(d.mac()).contains("2059a074e0bc");
            assertThat(d.online()).isFalse();
        });
    }

    @Test
    void theDeviceStateSurvivesARestart() throws Exception {
        EventDesk desk = open(true, Map.of(), RoutingRules.DEFAULT, Map.of());
        desk.accept(alarm(desk, AlarmType.DOORBELL)).get();
        store.close();

        CompletableFuture<List<Device>> devices = new CompletableFuture<>();
        store = SqlitePushStore.open(dir.resolve("alarmhub.db"));
        store.submit(new StoreOp.LoadDevices(devices));
        Device device = devices.get().get(0);
        assertThat(device.id()).isEqualTo(CAMERA);
        assertThat(device.name()).isEqualTo("HD_IPC");
        assertThat(device.online()).isTrue();
        assertThat(device.lastSeen()).contains(NOW);
        assertThat(device.firstAlarm()).contains(Instant.ofEpochSecond(1_411_626_360L));
        assertThat(device.lastAlarm()).isEqualTo(device.firstAlarm());
        assertThat(device.mac()).as("no vendor registered one").isEmpty();
    }

    @Test
    void anUnknownDeviceIsRefusedWhenOnlyKnownOnesMayRegister() {
        EventDesk desk = open(false, Map.of(), RoutingRules.DEFAULT, Map.of());
        assertThatThrownBy(() -> desk.accept(alarm(desk, AlarmType.MOTION)).join())
                .hasCauseInstanceOf(DeviceRefusedException.class);
    }

    @Test
    void rulesAddTopicsPerVendorAndType() throws Exception {
        RoutingRules rules = new RoutingRules("", false, List.of(
                new RoutingRules.Rule(Optional.of("jovision"), Optional.empty(), Optional.empty(),
                        List.of("all-{vendor}"), List.of()),
                new RoutingRules.Rule(Optional.empty(), Optional.of("alarm"), Optional.of("fire"),
                        List.of("{type}-alarms"), List.of("guard"))), Duration.ofHours(1));
        EventDesk desk = open(true, Map.of(), rules, Map.of());
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        hub.subscribe("ops", List.of("all-jovision")).get();
        hub.subscribe("firewatch", List.of("fire-alarms")).get();

        desk.accept(alarm(desk, AlarmType.MOTION)).get();
        desk.accept(alarm(desk, AlarmType.FIRE)).get();

        assertThat(hub.pending("ops").get()).hasSize(3); // the rule takes every event: online, two alarms
        assertThat(hub.pending("firewatch").get()).hasSize(1);
        assertThat(hub.pending("guard").get()).hasSize(1);
    }

    @Test
    void aDeviceSilentPastItsHeartbeatTimeoutGoesOfflineAndItsWatchersHear() throws Exception {
        EventDesk desk = open(true, Map.of(), RoutingRules.DEFAULT, Map.of("jovision", Duration.ofMinutes(3)));
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        hub.subscribe("console", List.of("jovision/S35084741")).get();
        desk.accept(new DeviceEvent.Online(desk.nextId(), CAMERA, NOW, Optional.empty(), Optional.empty(), "{}")).get();

        clock.now = NOW.plusSeconds(170);
        desk.seen(CAMERA, clock.now);
        clock.now = NOW.plusSeconds(300);
        assertThat(desk.sweep()).isEmpty();

        clock.now = NOW.plusSeconds(351);
        for (CompletableFuture<Void> offline : desk.sweep()) {
            offline.get();
        }
        assertThat(desk.online(CAMERA)).isFalse();
        List<Message> heard = hub.pending("console").get();
        assertThat(heard).extracting(m -> JSON.readTree(m.payload()).get("event").asText())
                .containsExactly("online", "offline");
        assertThat(desk.sweep()).isEmpty();
    }

    @Test
    void eventsPastTheRetentionArePurgedAndNewerOnesAndTheDeviceKept() throws Exception {
        EventDesk desk = open(true, Map.of(), RoutingRules.DEFAULT, Map.of());
        Duration retention = Duration.ofDays(30);
        Instant old = NOW.minus(retention).minusSeconds(1);
        Instant recent = NOW.minus(retention).plusSeconds(1);
        desk.accept(new DeviceEvent.Online(desk.nextId(), CAMERA, old, Optional.empty(), Optional.empty(), "{}")).get();
        desk.accept(new DeviceEvent.Online(desk.nextId(), CAMERA, recent, Optional.empty(), Optional.empty(), "{}"))
                .get();

        assertThat(desk.purgeHistory(retention).get()).isEqualTo(1);
        Path file = dir.resolve("alarmhub.db");
        assertThat(StoreFixture.query(file, "SELECT COUNT(*) FROM device_event WHERE time_ms = "
                + recent.toEpochMilli())).isEqualTo(1);
        assertThat(StoreFixture.query(file, "SELECT COUNT(*) FROM device_event")).isEqualTo(1);
        assertThat(StoreFixture.query(file, "SELECT COUNT(*) FROM device")).isEqualTo(1);

        clock.now = recent.plus(retention).plusSeconds(1);
        assertThat(desk.purgeHistory(retention).get()).isEqualTo(1);
        assertThat(StoreFixture.query(file, "SELECT COUNT(*) FROM device_event")).isZero();
    }

    @Test
    void peopleCountsPastTheReportRetentionArePurgedWithTheEventTheyCameIn() throws Exception {
        EventDesk desk = open(true, Map.of(), RoutingRules.DEFAULT, Map.of());
        Duration retention = Duration.ofDays(400);
        Instant old = NOW.minus(retention).minusSeconds(1);
        Instant recent = NOW.minus(retention).plusSeconds(1);
        for (Instant start : List.of(old, recent)) {
            desk.accept(new DeviceEvent.Status(desk.nextId(), CAMERA, start, Map.of("people_up", "1"), "{}"),
                    DeviceChange.ops(new StoreOp.PutPeopleCount(new PeopleCount(CAMERA, start, start.plusSeconds(600),
                            1, 0, false, NOW), new CompletableFuture<>()))).get();
        }
        Path file = dir.resolve("alarmhub.db");
        assertThat(StoreFixture.query(file, "SELECT COUNT(*) FROM people_count")).isEqualTo(2);

        assertThat(desk.purgeReports(retention).get()).isEqualTo(1);
        assertThat(StoreFixture.query(file, "SELECT COUNT(*) FROM people_count WHERE start_ms = "
                + recent.toEpochMilli())).isEqualTo(1);
        assertThat(StoreFixture.query(file, "SELECT COUNT(*) FROM people_count")).isEqualTo(1);
    }

    @Test
    void aStoreThatCannotTakeTheEventFailsItAndStoresNothing() {
        EventDesk desk = open(true, Map.of(), RoutingRules.DEFAULT, Map.of());
        store.close();
        assertThatThrownBy(() -> desk.accept(alarm(desk, AlarmType.MOTION)).join())
                .hasCauseInstanceOf(StoreException.class);
        assertThat(desk.online(CAMERA)).isFalse();
        store = SqlitePushStore.open(dir.resolve("alarmhub.db"));
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
