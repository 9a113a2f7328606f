package io.alarmhub.gateway.push.socketio;

import io.alarmhub.core.auth.AliasTokens;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.message.Message;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.core.message.Target;
import io.alarmhub.gateway.command.DeviceCommanders;
import io.alarmhub.gateway.push.protocol.CommandMetrics;
import io.alarmhub.gateway.push.protocol.DoorUnits;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.protocol.RoomCounts;
import io.alarmhub.store.SqlitePushStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a test talks to: a hub on a real SQLite store in a temporary directory, and the Socket.IO face on
 * a free loopback port.
 */
final class SocketIoNode implements AutoCloseable {

    static final SocketIoSettings SETTINGS = SocketIoSettings.DEFAULT.withHost("127.0.0.1").withPort(0);
    /** The token key of the node's alias tokens, so that a test can mint them as another node would. */
    static final String TOKEN_KEY = "000102030405060708090a0b0c0d0e0f";
    static final Duration ALIAS_TOKEN_VALIDITY = Duration.ofHours(1);
    static final Duration ALIAS_TOKEN_SKEW = Duration.ofMinutes(5);

    final PushHub hub;
    final PushContext context;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final int port;
    private final SqlitePushStore store;
    private final SocketIoListener listener;

    SocketIoNode(Path directory, SocketIoSettings settings) {
        Clock clock = Clock.systemUTC();
        store = SqlitePushStore.open(directory.resolve("push.db"));
        hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        context = new PushContext(hub, new DoorUnits(), RoomCounts.NONE, PushLimits.DEFAULT, new DeviceCommanders(),
                new AliasTokens(TOKEN_KEY, ALIAS_TOKEN_VALIDITY, ALIAS_TOKEN_SKEW, clock), new CommandMetrics(registry));
        listener = new SocketIoListener(settings, context, registry);
        port = listener.start().getPort();
    }

    SocketIoNode(Path directory) {
        this(directory, SETTINGS);
    }

    /** Publishes as the REST face would, returning once the message is durable. */
    Message publishToAlias(String alias, String msg) {
        return await(hub.publish(new Target.Aliases(List.of(alias)), msg, Optional.empty()));
    }

    List<Message> pending(String alias) {
        return await(hub.pending(alias));
    }

    double badInput(SocketIoMetrics.BadInput reason) {
        return registry.get("alarmhub.push.bad_input").tag("face", "socketio").tag("reason", reason.tag())
                .counter().count();
    }

    @Override
    public void close() {
        listener.close();
        store.close();
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("hub operation did not complete normally", e);
        }
    }
}
