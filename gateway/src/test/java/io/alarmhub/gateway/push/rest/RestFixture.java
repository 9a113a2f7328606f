package io.alarmhub.gateway.push.rest;

import io.alarmhub.core.admission.Admission;
import io.alarmhub.core.auth.AppTokens;
import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.push.protocol.DoorUnits;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.protocol.RoomCounts;
import io.alarmhub.store.SqlitePushStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A RestServer on loopback, over a real SQLite store, with the hub and tokens a test needs to set the scene. */
final class RestFixture implements AutoCloseable {

    static final String KEY = "000102030405060708090a0b0c0d0e0f";
    static final String APP = "demo";
    static final PushNode NODE = new PushNode("10.0.0.215", new ServicePorts(19900, 19000, 19906, 19800));
    static final RestSettings SETTINGS = new RestSettings("127.0.0.1", 0, 4096, Duration.ofSeconds(60), 2);

    final SqlitePushStore store;
    final PushHub hub;
    final AppTokens tokens = new AppTokens(KEY, Set.of(APP), Duration.ofSeconds(300));
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final PushContext context;
    private final NettyLoops loops = new NettyLoops(1);
    private final RestListener listener;
    final InetSocketAddress address;

    RestFixture(Path dir) {
        this(dir, SETTINGS);
    }

    RestFixture(Path dir, RestSettings settings) {
        this(dir, settings, Admission.unbounded());
    }

    /** With the node's gate in front of its publishes. */
    RestFixture(Path dir, RestSettings settings, Admission admission) {
        store = SqlitePushStore.open(dir.resolve("push.db"));
        Clock clock = Clock.systemUTC();
        hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT, admission);
        context = new PushContext(hub, new DoorUnits(), RoomCounts.NONE, PushLimits.DEFAULT);
        listener = new RestListener(settings, loops, context, tokens, NODE, registry);
        address = listener.start();
    }

    String token() {
        return tokens.mint(APP, Instant.now());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    /** Opens a connection on a face and attaches an alias on it, as that face's handler would. */
    void connect(String alias, Face face) {
        hub.presence().opened(face);
        await(hub.attach(new TestReceiver(alias, face)));
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("hub operation did not complete normally", e);
        }
    }

    @Override
    public void close() {
        listener.close();
        loops.close();
        store.close();
    }
}
