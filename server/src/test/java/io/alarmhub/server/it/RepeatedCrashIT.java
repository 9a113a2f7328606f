package io.alarmhub.server.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Devices raise alarms without pause while the server is SIGKILLed at random moments and restarted on
 * the same data directory; afterwards every alarm a device was answered "ok" for is in the store and
 * reached its owner at least once. Longer runs: {@code -Dcrash.kills=20 -Dcrash.seconds=600}; a run
 * again: {@code -Dcrash.seed=…} from the report (the kill moments repeat, the server's timing does not).
 */
class RepeatedCrashIT {

    private static final int KILLS = Integer.getInteger("crash.kills", 5);
    /** Time under load, kills and restarts aside. */
    private static final int SECONDS = Integer.getInteger("crash.seconds", 30);
    /** Pause after each alarm of one device: the load is several devices at this pace, not a flood. */
    private static final long PAUSE_MILLIS = Long.getLong("crash.pause-ms", 4);
    private static final String OWNER = "owner";
    private static final List<String> JOVISION = List.of("S10000001", "S10000002", "S10000003", "S10000004");
    private static final String VSTARCAM = "VC0000000CRSH";

    @TempDir
    Path dir;
    private ServerProcess server;
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        clients.shutdownNow();
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void everyAlarmAnsweredOkIsStoredAndDeliveredAcrossRepeatedKills() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("crash suite seed " + seed + " (again: -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);
        ServerUp up = new ServerUp();
        AlarmTally tally = new AlarmTally();
        server = configured().start();
        up.up();

        AlarmSubscriber owner = new AlarmSubscriber(OWNER, up, server.tcp);
        List<JovisionDeviceSimulator> devices = new ArrayList<>();
        JOVISION.forEach(id -> devices.add(new JovisionDeviceSimulator(id, up, server.jovision, PAUSE_MILLIS, tally)));
        VStarcamCameraSimulator camera = new VStarcamCameraSimulator(VSTARCAM, up, server.vstarcam, PAUSE_MILLIS * 4, tally);
        Future<?> subscribing = clients.submit(owner);
        List<Future<?>> load = new ArrayList<>();
        devices.forEach(device -> load.add(clients.submit(device)));
        load.add(clients.submit(camera));

        // Each run lasts between half and one and a half of its share of the time, so kills land anywhere.
        long share = SECONDS * 1000L / (KILLS + 1);
        List<Integer> acknowledgedPerRun = new ArrayList<>();
        int kills = 0;
        for (int acknowledgedBefore = 0; ; ) {
            Thread.sleep(share / 2 + random.nextLong(share)); // real time under load before the next kill
            acknowledgedPerRun.add(tally.acknowledged.size() - acknowledgedBefore);
            acknowledgedBefore = tally.acknowledged.size();
            if (kills == KILLS) {
                break;
            }
            up.down();
            server.kill();
            kills++;
            server = server.restarted().start();
            up.up();
        }

        devices.forEach(JovisionDeviceSimulator::stop);
        camera.stop();
        for (Future<?> client : load) {
            client.get(60, TimeUnit.SECONDS); // rethrows what went wrong in a simulator
        }
        owner.drain();
        owner.stop();
        up.finish();
        server.close();
        subscribing.get(30, TimeUnit.SECONDS);

        CrashReport report = new CrashReport(tally, owner.delivered,
                StoredAlarms.in(server.dir.resolve("data").resolve("alarmhub.db")), kills, seed, acknowledgedPerRun);
        System.out.println(report.line());
        report.writeTo(Path.of(System.getProperty("alarmhub.jar", "target/alarmhub.jar"))
                .toAbsolutePath().getParent().resolve("reliability").resolve("crash-report.md"));

        assertThat(kills).isEqualTo(KILLS);
        assertThat(acknowledgedPerRun).as("alarms acknowledged by each run of the server").allMatch(n -> n > 0);
        assertThat(report.acknowledgedByVendor).as("alarms acknowledged by vendor").containsOnlyKeys("jovision", "vstarcam");
        assertThat(report.acknowledged + report.refused + report.unanswered).isEqualTo(report.sent);
        assertThat(owner.delivered.keySet()).as("delivered alarms that no device sent").isSubsetOf(tally.sent);
        assertThat(report.notStored).as("acknowledged alarms missing from the store").isEmpty();
        assertThat(report.lost).as("acknowledged alarms never delivered").isEmpty();
    }

    /** Every simulated device belongs to the one owner; no other device is accepted. */
    private ServerProcess configured() {
        List<String> known = new ArrayList<>(List.of("allow-unknown: false", "known:"));
        JOVISION.forEach(id -> known.add("  - {vendor: jovision, id: " + id + ", owners: [" + OWNER + "]}"));
        known.add("  - {vendor: vstarcam, id: " + VSTARCAM + ", owners: [" + OWNER + "]}");
        return new ServerProcess(dir).with("devices", known.toArray(String[]::new));
    }
}
