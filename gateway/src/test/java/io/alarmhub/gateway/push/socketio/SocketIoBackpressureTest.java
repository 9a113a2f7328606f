package io.alarmhub.gateway.push.socketio;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.message.Message;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.core.message.Target;
import io.alarmhub.gateway.push.protocol.DoorUnits;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.protocol.RoomCounts;
import io.alarmhub.store.SqlitePushStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.alarmhub.gateway.push.socketio.SocketIoNode.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection past its write watermark: pushes to it pause and wait in the store, and follow once it
 * drains. The client is a stand-in whose writability the test sets; hub and store are real.
 */
class SocketIoBackpressureTest {

    @TempDir
    Path directory;
    private SqlitePushStore store;
    private PushHub hub;
    private final AtomicBoolean writable = new AtomicBoolean(true);
    private final Inbox inbox = new Inbox("stand-in client");
    private final Set<SocketIoConnection> paused = ConcurrentHashMap.newKeySet();
    private SocketIoConnection connection;

    @BeforeEach
    void connect() {
        Clock clock = Clock.systemUTC();
        store = SqlitePushStore.open(directory.resolve("push.db"));
        hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        PushContext context = new PushContext(hub, new DoorUnits(), RoomCounts.NONE, PushLimits.DEFAULT);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        connection = new SocketIoConnection(standIn(), context, SocketIoNode.SETTINGS,
                new SocketIoMetrics(registry, hub.presence()), paused::add);
        connection.named(TextNode.valueOf("slow"));
        assertThat(inbox.take("connect_c").arg().get("t").asInt()).isEqualTo(-14);
    }

    @AfterEach
    void close() {
        connection.closed();
        store.close();
    }

    @Test
    void pushesPauseWhileTheConnectionIsPastItsWatermarkAndFollowWhenItDrains() {
        writable.set(false);
        Message first = publish("{\"n\":1}");
        Message second = publish("{\"n\":2}");
        assertThat(paused).containsExactly(connection);
        assertThat(await(hub.pending("slow"))).containsExactly(first, second);

        writable.set(true);
        assertThat(connection.resumeIfWritable()).isTrue();
        assertThat(inbox.take("push").arg().get("mid").asText()).isEqualTo(first.id());
        assertThat(inbox.take("push").arg().get("mid").asText()).isEqualTo(second.id());
    }

    @Test
    void aConnectionStaysPausedUntilItIsWritable() {
        writable.set(false);
        Message message = publish("{\"n\":1}");

        assertThat(connection.resumeIfWritable()).isFalse();
        writable.set(true);
        assertThat(connection.resumeIfWritable()).isTrue();
        assertThat(inbox.take("push").arg().get("mid").asText()).isEqualTo(message.id());
    }

    /** Completes once the message is durable and handed to (or refused by) the connection. */
    private Message publish(String msg) {
        return await(hub.publish(new Target.Aliases(List.of("slow")), msg, Optional.empty()));
    }

    /** A WebSocket client whose writability the test sets, and whose events land in {@link #inbox}. */
    private SocketIOClient standIn() {
        UUID id = UUID.randomUUID();
        return (SocketIOClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SocketIOClient.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSessionId" -> id;
                    case "getEngineIOVersion" -> EngineIOVersion.V3;
                    case "getTransport" -> Transport.WEBSOCKET;
                    case "isWritable" -> writable.get();
                    case "getRemoteAddress" -> new InetSocketAddress("127.0.0.1", 1);
                    case "sendEvent" -> {
                        Object[] data = (Object[]) args[1];
                        inbox.add(new Inbox.Received((String) args[0], List.of((JsonNode) data[0])));
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
