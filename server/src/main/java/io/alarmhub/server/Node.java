package io.alarmhub.server;

import io.alarmhub.core.admission.Admission;
import io.alarmhub.core.admission.AdmittedDeviceEvents;
import io.alarmhub.core.admission.HeapGuard;
import io.alarmhub.core.admission.JvmHeap;
import io.alarmhub.core.auth.AliasTokens;
import io.alarmhub.core.auth.AppTokens;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.device.DeviceRegistry;
import io.alarmhub.core.event.EventDesk;
import io.alarmhub.core.event.RoutingRules;
import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.core.stream.Enterprise;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.gateway.ListenException;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.app.AppApis;
import io.alarmhub.gateway.command.DeviceCommanders;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.device.DeviceContext;
import io.alarmhub.gateway.media.MediaHttpSettings;
import io.alarmhub.gateway.media.MediaListener;
import io.alarmhub.gateway.push.protocol.CommandMetrics;
import io.alarmhub.gateway.push.protocol.DoorUnits;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.websocket.RoomRegistry;
import io.alarmhub.server.config.AlarmhubConfig;
import io.alarmhub.server.config.ListenPort;
import io.alarmhub.store.SqlitePushStore;
import io.alarmhub.store.media.DirectoryMediaStore;
import io.alarmhub.store.media.MediaSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One running alarmhub process: the store, the media store, the delivery hub and the device intake,
 * then every listener, started in that order and closed in the reverse one.
 */
public final class Node implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Node.class);

    private final DataDirectoryLock dataLock;
    private final SqlitePushStore store;
    private final NettyLoops loops;
    private final List<Listener> listeners = new ArrayList<>();
    private final Housekeeping housekeeping = new Housekeeping();
    private final EnterpriseFeed enterprises;
    private final Optional<MetricsEndpoint> metrics;
    private final HeapGuard heap;

    /** What the node reads from the configuration and checks before it opens anything. */
    private record Checked(Map<DeviceId, DeviceRegistry.Configured> known, RoutingRules rules,
                           List<Enterprise> enterprises) {
        static Checked of(AlarmhubConfig config) {
            DeviceAdapters.check(config);
            return new Checked(DeviceIntake.known(config), DeviceIntake.rules(config), Enterprises.from(config));
        }
    }

    private Node(AlarmhubConfig config, Checked checked, DataDirectoryLock dataLock) {
        this.dataLock = dataLock;
        log.info("data directory {}", config.data().dir().toAbsolutePath().normalize());
        Clock clock = Clock.systemUTC();
        String tokenKey = TokenKeys.resolve(config);
        String advertisedHost = AdvertisedHost.resolve(config.node().advertisedHost());
        store = SqlitePushStore.open(config.sqlitePath(),
                new SqlitePushStore.Options(config.store().queueCapacity(), config.store().maxBatch(),
                        config.store().commitDelay()));
        DirectoryMediaStore media = openMedia(config, advertisedHost);
        heap = HeapGuard.watch(config.admission().heapFraction(), new JvmHeap(), System::nanoTime);
        Admission admission = new Admission(config.admission().maxInFlight(), heap);
        log.info("admission: at most {} new alarms and publishes in flight; refused while a garbage collection leaves"
                + " more than {} MB of heap in use (admission.heap-fraction {} of {} MB)", admission.maxInFlight(),
                heap.bound() >> 20, config.admission().heapFraction(), new JvmHeap().max() >> 20);
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, config.node().id()),
                new PushHub.Limits(config.push().defaultTtl(), config.push().maxTtl(),
                        config.push().replayLimit()), admission);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        loops = new NettyLoops(config.node().ioThreads() > 0 ? config.node().ioThreads()
                : Runtime.getRuntime().availableProcessors());
        enterprises = new EnterpriseFeed(config, checked.enterprises(), store, clock, advertisedHost, loops, registry);
        EventDesk events = DeviceIntake.create(config, checked.known(), checked.rules(), hub, store, clock,
                DeviceAdapters.heartbeatTimeouts(config), List.of(enterprises.sink()));
        NodeMetrics.register(registry, store, hub);
        AdmissionMetrics.register(registry, admission, config.adapters().vendors());
        Gauge.builder("alarmhub.media.stored_bytes", media, DirectoryMediaStore::storedBytes)
                .description("bytes of pictures and clips kept").register(registry);
        DeviceCommanders commands = new DeviceCommanders();
        // Alias tokens are keyed from the REST token key: every node sharing it verifies the others' tokens.
        AliasTokens aliasTokens = new AliasTokens(tokenKey, config.tokens().aliasTokenValidity(),
                config.tokens().window(), clock);
        PushContext push = new PushContext(hub, new DoorUnits(), new RoomRegistry(),
                new PushLimits(config.push().maxNameLength(), config.push().maxTargets(),
                        config.push().maxMessageLength(), config.push().maxCommandsInFlight()), commands,
                aliasTokens, new CommandMetrics(registry));
        AppTokens tokens = new AppTokens(tokenKey, Set.copyOf(config.tokens().apps()), config.tokens().window());
        AppApis apps = new AppApis();
        listeners.addAll(PushFaces.create(config, advertisedHost, loops, push, tokens, registry, apps));
        // Adapters hand their events through the node's gate; the desk's own sweep goes straight in (offline only).
        listeners.addAll(DeviceAdapters.create(config, new DeviceContext(loops,
                new AdmittedDeviceEvents(events, admission), media, registry,
                config.data().dir(), store, apps, commands, advertisedHost, aliasTokens)));
        listeners.add(new MediaListener(new MediaHttpSettings(config.media().host(), config.media().port(),
                config.media().idleTimeout(), config.media().requestTimeout()), loops, media, registry));
        listeners.add(enterprises.listener());
        schedule(config, hub, events, media);
        metrics = !config.metrics().enabled() ? Optional.empty()
                : Optional.of(new MetricsEndpoint(registry, config.metrics().host(), config.metrics().port()));
        metrics.ifPresent(m -> log.info("metrics listening on {} (GET /metrics)", m.address()));
        startListeners();
        log.info("alarmhub node {} started", config.node().id());
    }

    /**
     * Locks the data directory, then opens and starts everything.
     *
     * @throws StartupException when the directory is another server's, or a listener cannot bind
     */
    public static Node start(AlarmhubConfig config) {
        // The checks that need the vendor registry, before anything is opened: a typo in devices.known
        // must not leave a store, keys or a certificate behind.
        Checked checked = Checked.of(config);
        // Before anything in the directory is opened: the key files and the store are one server's.
        DataDirectoryLock lock = DataDirectoryLock.acquire(config.data().dir());
        logKnown(checked.known(), config.devices().allowUnknown());
        logEnterprises(checked.enterprises());
        try {
            return new Node(config, checked, lock);
        } catch (ListenException e) {
            lock.close();
            throw new StartupException(listenFailure(config, e), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static void logKnown(Map<DeviceId, DeviceRegistry.Configured> known, boolean allowUnknown) {
        String others = allowUnknown ? "other devices are accepted too (devices.allow-unknown)"
                : "no other device is accepted (devices.allow-unknown: false)";
        if (known.isEmpty()) {
            log.info("known devices: none; {}, and have no owners until devices.known names some", others);
            return;
        }
        log.info("known devices: {}; {}", known.entrySet().stream()
                .map(e -> e.getKey() + (e.getValue().owners().isEmpty() ? ""
                        : " (owners " + String.join(", ", e.getValue().owners()) + ")"))
                .collect(Collectors.joining(", ")), others);
    }

    private static void logEnterprises(List<Enterprise> enterprises) {
        if (enterprises.isEmpty()) {
            log.info("enterprises: none configured; the enterprise stream accepts no login");
            return;
        }
        log.info("enterprises: {}", enterprises.stream()
                .map(e -> e.id() + " (" + e.vendors().size() + " vendors, " + e.devices().size() + " devices)")
                .collect(Collectors.joining(", ")));
    }

    /** {@code rest.port: 0.0.0.0:9900 is already in use — is another alarmhub running?} */
    private static String listenFailure(AlarmhubConfig config, ListenException e) {
        String key = ListenPort.of(config).stream().filter(p -> p.binds(e.host(), e.port())).findFirst()
                .map(ListenPort::key).orElse("a listener");
        String address = e.host() + ":" + e.port();
        return e.inUse() ? key + ": " + address + " is already in use — is another alarmhub running?"
                : key + ": cannot listen on " + address + ": " + e.reason();
    }

    private static DirectoryMediaStore openMedia(AlarmhubConfig config, String advertisedHost) {
        String publicUrl = config.media().publicUrl().isBlank()
                ? "http://" + advertisedHost + ":" + config.media().port() : config.media().publicUrl();
        MediaSigner signer = new MediaSigner(MediaKeys.resolve(config.media().key(), config.data().dir()));
        DirectoryMediaStore media = DirectoryMediaStore.open(new MediaSettings(config.mediaPath(), publicUrl,
                config.media().urlValidity(), config.media().retention(), config.media().maxBytes()), signer);
        log.info("media directory {}, served at {}", config.mediaPath().toAbsolutePath().normalize(), publicUrl);
        return media;
    }

    private void schedule(AlarmhubConfig config, PushHub hub, EventDesk events, DirectoryMediaStore media) {
        housekeeping.every(config.push().purgeInterval(), "purging expired messages", () -> {
            int purged = hub.purgeExpired().join();
            if (purged > 0) {
                log.info("purged {} expired messages", purged);
            }
        });
        housekeeping.every(config.push().purgeInterval(), "enforcing device event retention", () -> {
            int purged = events.purgeHistory(config.devices().eventRetention()).join();
            if (purged > 0) {
                log.info("purged {} device events older than {}", purged, config.devices().eventRetention());
            }
        });
        housekeeping.every(config.push().purgeInterval(), "enforcing device report retention", () -> {
            int purged = events.purgeReports(config.devices().reportRetention()).join();
            if (purged > 0) {
                log.info("purged {} people counts and day reports older than {}", purged,
                        config.devices().reportRetention());
            }
        });
        // The store's purge deletes expired stream events; the queues in memory must not send them either.
        housekeeping.every(config.push().purgeInterval(), "dropping expired enterprise events", enterprises::dropExpired);
        housekeeping.every(config.devices().sweepInterval(), "taking silent devices offline", events::sweep);
        housekeeping.every(config.media().sweepInterval(), "enforcing media retention", media::sweep);
    }

    private void startListeners() {
        for (Listener listener : listeners) {
            try {
                InetSocketAddress bound = listener.start();
                String detail = listener.detail();
                log.info("{} listening on {}{}", listener.name(), bound,
                        detail.isEmpty() ? "" : " (" + detail + ")");
            } catch (RuntimeException e) {
                // Node.start says why, in one line naming the setting; here only what was opened closes.
                close();
                throw e;
            }
        }
    }

    @Override
    public void close() {
        log.info("alarmhub stopping");
        for (int i = listeners.size() - 1; i >= 0; i--) {
            listeners.get(i).close();
        }
        loops.close();
        enterprises.close();
        housekeeping.close();
        metrics.ifPresent(MetricsEndpoint::close);
        store.close();
        heap.close();
        dataLock.close();
        log.info("alarmhub stopped");
    }
}
