package io.alarmhub.server;

import io.alarmhub.core.auth.AppTokens;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.push.protocol.DoorUnits;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.websocket.RoomRegistry;
import io.alarmhub.server.config.AlarmhubConfig;
import io.alarmhub.store.SqlitePushStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One running alarmhub process: the store, the delivery hub, and every listener, started in that
 * order and closed in the reverse one.
 */
public final class Node implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Node.class);

    private final SqlitePushStore store;
    private final NettyLoops loops;
    private final List<Listener> listeners = new ArrayList<>();
    private final ScheduledExecutorService housekeeping;
    private final Optional<MetricsEndpoint> metrics;

    private Node(AlarmhubConfig config) {
        log.info("data directory {}", config.data.dir.toAbsolutePath().normalize());
        Clock clock = Clock.systemUTC();
        String tokenKey = TokenKeys.resolve(config);
        store = SqlitePushStore.open(config.sqlitePath(),
                new SqlitePushStore.Options(config.store.queueCapacity, config.store.maxBatch));
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, config.node.id),
                new PushHub.Limits(config.push.defaultTtl, config.push.maxTtl, config.push.replayLimit));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        NodeMetrics.register(registry, store, hub);
        loops = new NettyLoops(config.node.ioThreads > 0 ? config.node.ioThreads
                : Runtime.getRuntime().availableProcessors());
        PushContext push = new PushContext(hub, new DoorUnits(), new RoomRegistry(),
                new PushLimits(config.push.maxNameLength, config.push.maxTargets, config.push.maxMessageLength));
        AppTokens tokens = new AppTokens(tokenKey, Set.copyOf(config.tokens.apps), config.tokens.window);
        listeners.addAll(PushFaces.create(config, loops, push, tokens, registry));
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alarmhub-housekeeping");
            t.setDaemon(true);
            return t;
        });
        long purgeMillis = config.push.purgeInterval.toMillis();
        housekeeping.scheduleWithFixedDelay(() -> hub.purgeExpired().whenComplete((n, e) -> {
            if (e != null) {
                log.warn("purging expired messages failed: {}", e.getMessage());
            } else if (n > 0) {
                log.info("purged {} expired messages", n);
            }
        }), purgeMillis, purgeMillis, TimeUnit.MILLISECONDS);
        metrics = config.metrics.port == 0 ? Optional.empty()
                : Optional.of(new MetricsEndpoint(registry, config.metrics.host, config.metrics.port));
        metrics.ifPresent(m -> log.info("metrics listening on {} (GET /metrics)", m.address()));
        startListeners();
        log.info("alarmhub node {} started", config.node.id);
    }

    private void startListeners() {
        for (Listener listener : listeners) {
            try {
                InetSocketAddress bound = listener.start();
                log.info("{} listening on {}", listener.name(), bound);
            } catch (RuntimeException e) {
                log.error("{} cannot start: {}", listener.name(), e.getMessage());
                close();
                throw e;
            }
        }
    }

    public static Node start(AlarmhubConfig config) {
        return new Node(config);
    }

    @Override
    public void close() {
        log.info("alarmhub stopping");
        for (int i = listeners.size() - 1; i >= 0; i--) {
            listeners.get(i).close();
        }
        loops.close();
        housekeeping.shutdownNow();
        metrics.ifPresent(MetricsEndpoint::close);
        store.close();
        log.info("alarmhub stopped");
    }
}
