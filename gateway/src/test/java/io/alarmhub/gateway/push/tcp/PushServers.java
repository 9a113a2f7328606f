package io.alarmhub.gateway.push.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.auth.AliasTokens;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.command.DeviceCommanders;
import io.alarmhub.gateway.push.protocol.CommandMetrics;
import io.alarmhub.gateway.push.protocol.DoorUnits;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushJson;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.websocket.RoomRegistry;
import io.alarmhub.gateway.push.websocket.WebSocketListener;
import io.alarmhub.gateway.push.websocket.WebSocketSettings;
import io.alarmhub.store.SqlitePushStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * A push node for tests: the real SQLite store in a temporary directory, the hub, and PushServer plus
 * WebSocketServer on loopback ports picked by the system.
 */
public final class PushServers implements AutoCloseable {

    public final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    public final SqlitePushStore store;
    public final PushContext context;
    public final RoomRegistry rooms = new RoomRegistry();
    public final int tcpPort;
    public final int webSocketPort;
    private final NettyLoops loops = new NettyLoops(2);
    private final PushTcpListener tcp;
    private final WebSocketListener webSocket;

    public PushServers(Path dir, TcpPushSettings tcpSettings, WebSocketSettings webSocketSettings) {
        this(dir, tcpSettings, webSocketSettings, Optional.empty());
    }

    /** A node whose faces check alias tokens with {@code aliasTokens}, its command meters in {@link #metrics}. */
    public PushServers(Path dir, AliasTokens aliasTokens) {
        this(dir, loopback(TcpPushSettings.DEFAULT), loopback(WebSocketSettings.DEFAULT), Optional.of(aliasTokens));
    }

    private PushServers(Path dir, TcpPushSettings tcpSettings, WebSocketSettings webSocketSettings,
                        Optional<AliasTokens> aliasTokens) {
        store = SqlitePushStore.open(dir.resolve("push.db"));
        Clock clock = Clock.systemUTC();
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        context = aliasTokens.map(tokens -> new PushContext(hub, new DoorUnits(), rooms, PushLimits.DEFAULT,
                        new DeviceCommanders(), tokens, new CommandMetrics(metrics)))
                .orElseGet(() -> new PushContext(hub, new DoorUnits(), rooms, PushLimits.DEFAULT));
        tcp = new PushTcpListener(loops, context, metrics, tcpSettings);
        webSocket = new WebSocketListener(loops, context, metrics, webSocketSettings);
        tcpPort = tcp.start().getPort();
        webSocketPort = webSocket.start().getPort();
    }

    public PushServers(Path dir) {
        this(dir, loopback(TcpPushSettings.DEFAULT), loopback(WebSocketSettings.DEFAULT));
    }

    public static TcpPushSettings loopback(TcpPushSettings settings) {
        return new TcpPushSettings("127.0.0.1", 0, settings.maxLineBytes(), settings.idleTimeout(),
                settings.maxBadLines(), settings.maxInFlight(), settings.writeBufferLowBytes(),
                settings.writeBufferHighBytes(), settings.lineTimeout());
    }

    public static WebSocketSettings loopback(WebSocketSettings settings) {
        return new WebSocketSettings("127.0.0.1", 0, settings.maxFrameBytes(), settings.idleTimeout(),
                settings.maxBadFrames(), settings.maxInFlight(), settings.writeBufferLowBytes(),
                settings.writeBufferHighBytes());
    }

    public LineClient tcpClient() {
        return new LineClient(tcpPort);
    }

    /** A counter's value, by name and tags given as alternating keys and values. */
    public double count(String name, String... tags) {
        return metrics.get(name).tags(tags).counter().count();
    }

    public static JsonNode json(String text) {
        return PushJson.parse(text).orElseThrow(() -> new IllegalArgumentException("not JSON: " + text));
    }

    @Override
    public void close() {
        webSocket.close();
        tcp.close();
        loops.close();
        store.close();
    }
}
