package io.alarmhub.gateway.device.hemu;

import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.device.Device;
import io.alarmhub.core.device.DeviceRegistry;
import io.alarmhub.core.event.EventDesk;
import io.alarmhub.core.event.RoutingRules;
import io.alarmhub.core.message.Message;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.core.store.VendorRecord;
import io.alarmhub.gateway.device.hemu.platform.AccountCalls;
import io.alarmhub.gateway.device.hemu.platform.CameraCalls;
import io.alarmhub.gateway.device.hemu.platform.CameraDirectory;
import io.alarmhub.store.SqlitePushStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Hemu platform as the adapter builds it, on a real {@link EventDesk} and {@link SqlitePushStore} in a
 * test's directory, on a clock the test moves: the directory, the camera calls and the account calls.
 */
public final class HemuOnSqlite implements AutoCloseable {

    public static final String KEY = "acme";
    public static final String SECRET = "Qm4cX9tV2bL7pR1sK8dZ";
    public static final String MODEL = "acme_cam1";
    public static final Manufacturers.Manufacturer ACME = new Manufacturers.Manufacturer("Acme", KEY, SECRET,
            Set.of(MODEL));

    private final Path file;
    private final int capacity;
    public final TestClock clock;
    public SqlitePushStore store;
    public PushHub hub;
    public EventDesk desk;
    public CameraDirectory directory;
    public CameraCalls cameras;
    public AccountCalls accounts;

    private HemuOnSqlite(Path file, TestClock clock, int capacity) {
        this.file = file;
        this.clock = clock;
        this.capacity = capacity;
        open();
    }

    /** The platform with {@link HemuSettings#DEFAULT}'s validities, room for {@code capacity} grants and bindings. */
    public static HemuOnSqlite open(Path dir, Instant now, int capacity) {
        return new HemuOnSqlite(dir.resolve("alarmhub.db"), new TestClock(now), capacity);
    }

    private void open() {
        store = SqlitePushStore.open(file);
        CompletableFuture<List<Device>> devices = new CompletableFuture<>();
        store.submit(new StoreOp.LoadDevices(devices));
        MessageIds ids = new MessageIds(clock, 0);
        hub = new PushHub(store, clock, ids, PushHub.Limits.DEFAULT);
        desk = new EventDesk(hub, store, new DeviceRegistry(true, Map.of(), devices.join()), RoutingRules.DEFAULT,
                ids, clock, Map.of(), List.of());
        directory = CameraDirectory.load(store, clock, capacity).join();
        cameras = new CameraCalls(directory, desk, HemuSettings.DEFAULT.grantValidity());
        accounts = new AccountCalls(directory, desk, HemuSettings.DEFAULT.grantValidity(),
                HemuSettings.DEFAULT.bindingValidity());
    }

    /** As a restart: the store closed and opened again, everything loaded from it anew. */
    public void reopen() {
        store.close();
        clock.advance(Duration.ofSeconds(1)); // a restart's message ids follow the clock, as a real one's do
        open();
    }

    /** What the store holds for the alias, in the order it was pushed. */
    public List<Message> pending(String alias) {
        return hub.pending(alias).join();
    }

    /** The platform's records of one kind, as stored. */
    public List<VendorRecord> records(String kind) {
        CompletableFuture<List<VendorRecord>> loaded = new CompletableFuture<>();
        store.submit(new StoreOp.LoadRecords(HemuAdapter.VENDOR, kind, loaded));
        return loaded.join();
    }

    /**
     * Holds the store's commit thread until the returned latch is counted down (or 10 s pass): what is
     * submitted meanwhile is committed, at the earliest, then. Whatever waits on the store stays waiting.
     */
    public CountDownLatch holdCommits() {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<List<VendorRecord>> gate = new CompletableFuture<>();
        gate.thenRun(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        store.submit(new StoreOp.LoadRecords(HemuAdapter.VENDOR, "~gate", gate));
        return release;
    }

    /**
     * Returns once the continuations of everything submitted so far have run: the store completes its
     * operations in order, on one thread.
     */
    public void settle() {
        records("~settle");
    }

    @Override
    public void close() {
        store.close();
    }

    /** A clock the test moves. */
    public static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        public void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
