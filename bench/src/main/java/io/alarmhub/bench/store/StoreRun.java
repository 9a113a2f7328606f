package io.alarmhub.bench.store;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.delivery.Receiver;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.device.DeviceRegistry;
import io.alarmhub.core.event.AlarmType;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.EventDesk;
import io.alarmhub.core.event.RoutingRules;
import io.alarmhub.core.message.Message;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.store.SqlitePushStore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Alarms through the real {@link EventDesk}, {@link PushHub} and {@link SqlitePushStore} in this JVM, as a
 * device's alarm goes through them in the server, minus sockets and JSON parsing: each alarm is recorded
 * (device event, device row, message, pending entry in one transaction), delivered to its owner's receiver,
 * which acknowledges it at once (the pending entry and message deleted). A window of alarms stays in
 * flight, so the writer is never idle: the run measures the store at its saturation. Each commit delay is a
 * run of its own on a fresh database file.
 */
public final class StoreRun {

    private static final String WRITER = "alarmhub-store-writer";

    /** What one run measured. */
    public record Result(Duration commitDelay, int alarms, double seconds, double writerCpuSeconds,
                         double processCpuSeconds, long commits, long operations) {

        public double alarmsPerSecond() {
            return alarms / seconds;
        }

        /** CPU of the store's writer thread per alarm, µs: the single writer's cost, which bounds the rate. */
        public double writerMicrosPerAlarm() {
            return writerCpuSeconds * 1e6 / alarms;
        }

        /** CPU of the whole JVM per alarm, µs (writer, the driving thread, GC, JIT). */
        public double processMicrosPerAlarm() {
            return processCpuSeconds * 1e6 / alarms;
        }

        public double commitsPerAlarm() {
            return (double) commits / alarms;
        }

        public double operationsPerCommit() {
            return commits == 0 ? 0 : (double) operations / commits;
        }
    }

    private StoreRun() {
    }

    /** Runs {@code alarms} alarms from {@code devices} devices with {@code window} in flight. */
    public static Result run(int devices, int alarms, int window, Duration commitDelay, Duration timeout)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("alarmhub-bench-store");
        try {
            return runIn(dir, devices, alarms, window, commitDelay, timeout);
        } finally {
            deleteTree(dir);
        }
    }

    private static Result runIn(Path dir, int devices, int alarms, int window, Duration commitDelay,
                                Duration timeout) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        SqlitePushStore store = SqlitePushStore.open(dir.resolve("alarmhub.db"),
                new SqlitePushStore.Options(65_536, 1_024, commitDelay));
        try {
            PushHub hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
            Map<DeviceId, DeviceRegistry.Configured> known = new HashMap<>();
            for (int k = 0; k < devices; k++) {
                known.put(device(k), new DeviceRegistry.Configured("bench" + k, List.of(owner(k))));
            }
            EventDesk desk = new EventDesk(hub, store, new DeviceRegistry(false, known, List.of()),
                    RoutingRules.DEFAULT, new MessageIds(clock, 2), clock, Map.of(), List.of());
            for (int k = 0; k < devices; k++) {
                hub.attach(new AckingReceiver(owner(k), hub)).join();
            }
            // every device online first, so that the measured alarms carry no implied online
            for (int k = 0; k < devices; k++) {
                desk.accept(alarm(desk, k, clock.instant())).join();
            }
            long ackedBefore = hub.counts().acked();
            return measure(store, hub, desk, devices, alarms, window, commitDelay, timeout, ackedBefore);
        } finally {
            store.close();
        }
    }

    private static Result measure(SqlitePushStore store, PushHub hub, EventDesk desk, int devices, int alarms,
                                  int window, Duration commitDelay, Duration timeout, long ackedBefore)
            throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long writer = writerThread(threads);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long commits0 = store.commits();
        long ops0 = store.committedOperations();
        long writerCpu0 = threads.getThreadCpuTime(writer);
        long processCpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Semaphore inFlight = new Semaphore(window);
        AtomicLong failed = new AtomicLong();
        Clock clock = Clock.systemUTC();
        for (int n = 0; n < alarms; n++) {
            if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("the store took no alarm for " + timeout.toSeconds() + " s");
            }
            desk.accept(alarm(desk, n % devices, clock.instant())).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    failed.incrementAndGet();
                }
                inFlight.release();
            });
        }
        while (hub.counts().acked() - ackedBefore < alarms - failed.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every alarm was acknowledged within " + timeout.toSeconds() + " s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000); // a poll: the bench, not a test
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " alarms were refused by the store");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(commitDelay, alarms, seconds, (threads.getThreadCpuTime(writer) - writerCpu0) / 1e9,
                (os.getProcessCpuTime() - processCpu0) / 1e9, store.commits() - commits0,
                store.committedOperations() - ops0);
    }

    private static long writerThread(ThreadMXBean threads) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals(WRITER)) {
                return info.getThreadId();
            }
        }
        throw new IllegalStateException("no thread " + WRITER);
    }

    private static DeviceEvent.Alarm alarm(EventDesk desk, int k, Instant now) {
        DeviceId device = device(k);
        String raw = "{\"mt\":2219,\"lpt\":9,\"pv\":\"1.0\",\"dguid\":\"" + device.id()
                + "\",\"atype\":7,\"dcn\":1,\"ats\":" + now.getEpochSecond() + "}";
        return new DeviceEvent.Alarm(desk.nextId(), device, now, 1, AlarmType.MOTION, "7",
                Optional.of(device.id() + ":" + now.toEpochMilli()), Optional.empty(), List.of(), Optional.empty(), raw);
    }

    private static DeviceId device(int k) {
        return new DeviceId("jovision", String.format("BENCH%06d", k));
    }

    private static String owner(int k) {
        return "app-" + k;
    }

    /** An owner's app that acknowledges each message as soon as it is handed over. */
    private record AckingReceiver(String alias, PushHub hub) implements Receiver {
        @Override
        public Face face() {
            return Face.TCP;
        }

        @Override
        public boolean deliver(Message message) {
            hub.ack(alias, message.id());
            return true;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
