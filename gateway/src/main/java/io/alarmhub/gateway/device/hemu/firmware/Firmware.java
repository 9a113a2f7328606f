package io.alarmhub.gateway.device.hemu.firmware;

import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.media.LastingMedia;
import io.alarmhub.core.store.PushStore;
import io.alarmhub.gateway.app.AppApi;
import io.alarmhub.gateway.device.hemu.FirmwareSettings;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.device.hemu.platform.CameraDirectory;
import io.alarmhub.gateway.device.hemu.platform.CameraLink;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The firmware part as the Hemu adapter wires it: the packages, the rollouts and the cameras' updates, with the
 * hooks the rest of the platform calls (a login, a progress report, a version report, an unbind, the timeout
 * sweep) and the operators' routes. The hooks return at once; their futures complete once what they changed is
 * durable (a failure is logged), for whoever wants to wait.
 */
public final class Firmware {

    /** Package transfers at once (fetches, upload pieces), and how many more may wait for a thread. */
    private static final int IO_THREADS = 2;
    private static final int IO_QUEUE = 16;

    private final PackageShelf shelf;
    private final Rollouts rollouts;
    private final DeviceUpdates devices;
    private final FirmwareRoutes routes;
    private final Duration deviceTimeout;

    private Firmware(PackageShelf shelf, Rollouts rollouts, DeviceUpdates devices, FirmwareRoutes routes,
                     Duration deviceTimeout) {
        this.shelf = shelf;
        this.rollouts = rollouts;
        this.devices = devices;
        this.routes = routes;
        this.deviceTimeout = deviceTimeout;
    }

    /**
     * Loads the packages, rollouts and updates from the store; completes once memory holds them.
     *
     * @param media    where packages are kept (the node's media store, when it keeps lasting files)
     * @param incoming where packages arrive before they are whole: {@code data.dir/hemu/firmware/incoming}
     * @param io       where their bytes are written and moved; {@link #ioExecutor()} makes the adapter's
     */
    public static CompletableFuture<Firmware> load(FirmwareSettings settings, PushStore pushStore,
                                                   Optional<LastingMedia> media, Path incoming,
                                                   CameraDirectory directory, Manufacturers makers, CameraLink link,
                                                   DeviceEvents events, HemuMetrics metrics, Clock clock,
                                                   Executor io) {
        FirmwareStore store = new FirmwareStore(pushStore, clock);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return PackageShelf.load(store, media, incoming, settings, io, http).thenCombine(RolloutBook.load(store),
                (shelf, book) -> {
                    DeviceUpdates devices = new DeviceUpdates(book, shelf, directory, link, events, store, metrics,
                            settings.deviceTimeout());
                    Rollouts rollouts = new Rollouts(book, shelf, directory, store, devices);
                    return new Firmware(shelf, rollouts, devices, new FirmwareRoutes(shelf, rollouts, makers,
                            settings.maxPackageBytes()), settings.deviceTimeout());
                });
    }

    /** Two daemon threads that end when idle, with room for {@value #IO_QUEUE} transfers to wait. */
    public static Executor ioExecutor() {
        ThreadPoolExecutor io = new ThreadPoolExecutor(IO_THREADS, IO_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(IO_QUEUE), r -> {
                    Thread thread = new Thread(r, "hemu-firmware-io");
                    thread.setDaemon(true);
                    return thread;
                });
        io.allowCoreThreadTimeOut(true);
        return io;
    }

    /** {@code /hemu/admin/firmware/…}. */
    public AppApi routes() {
        return routes;
    }

    /** A camera's live login was answered: its waiting update's command goes out. */
    public CompletableFuture<Void> loggedIn(String deviceId) {
        return devices.dispatch(deviceId);
    }

    /** A camera's progress report ({@code DevIpCamCmd} type 1). */
    public CompletableFuture<Void> progress(String deviceId, IpCamMessage.FirmwareProgress report) {
        return devices.progress(deviceId, report);
    }

    /** A camera's version report is durable. */
    public CompletableFuture<Void> versionReported(String deviceId) {
        return devices.versionReported(deviceId);
    }

    /** A camera was unbound. */
    public CompletableFuture<Void> unbound(String deviceId) {
        return devices.unbound(deviceId);
    }

    /** Times out the updates past their deadlines; run every {@link #sweepInterval()}. */
    public CompletableFuture<Void> sweep() {
        return devices.sweep();
    }

    /** A tenth of {@code hemu.firmware.device-timeout}, between a second and 30 seconds. */
    public Duration sweepInterval() {
        Duration tenth = deviceTimeout.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : tenth.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : tenth;
    }

    /** The packages. */
    public PackageShelf packages() {
        return shelf;
    }

    Rollouts rollouts() {
        return rollouts;
    }
}
