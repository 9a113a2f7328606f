package io.alarmhub.gateway.push.socketio;

import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.SocketConfig;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alarmhub.gateway.ListenException;
import io.alarmhub.core.delivery.Face;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.epoll.Epoll;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SocketIoServer face (default port 9906) on netty-socketio, which speaks Engine.IO 3 and 4, so
 * socket.io clients 1.x to 4.x connect. It owns the netty-socketio server and its event loops, keeps one
 * {@link SocketIoConnection} per client, and routes the protocol's events to them.
 */
public final class SocketIoListener implements Listener {

    private final SocketIoSettings settings;
    private final PushContext context;
    private final SocketIoMetrics metrics;
    private final Map<UUID, SocketIoConnection> connections = new ConcurrentHashMap<>();
    private final Set<SocketIoConnection> paused = ConcurrentHashMap.newKeySet();
    private final BoundSocketIoServer server;
    private boolean started;
    private boolean closed;

    public SocketIoListener(SocketIoSettings settings, PushContext context, MeterRegistry registry) {
        this.settings = settings;
        this.context = context;
        this.metrics = new SocketIoMetrics(registry, context.hub().presence());
        this.server = new BoundSocketIoServer(configuration(), socketIo -> new SocketIoPipeline(socketIo,
                this::resumeDrained,
                id -> Optional.ofNullable(connections.get(id)).ifPresent(SocketIoConnection::packetsHandled)));
        listen();
    }

    @Override
    public String name() {
        return "push-socketio";
    }

    @Override
    public synchronized InetSocketAddress start() {
        if (closed || started) {
            throw new IllegalStateException(name() + " was already started");
        }
        try {
            server.start();
        } catch (Exception e) {
            // netty-socketio rethrows the bind's own exception (a checked BindException) undeclared
            throw new ListenException(name(), settings.host(), settings.port(), e);
        }
        started = true;
        return server.localAddress();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (started) {
            server.stop();
        }
        // Stopping the loops does not always run the disconnect listeners; presence must still add up.
        connections.keySet().forEach(this::disconnected);
    }

    private Configuration configuration() {
        Configuration config = new Configuration();
        config.setHostname(settings.host());
        config.setPort(settings.port());
        config.setBossThreads(1);
        config.setWorkerThreads(settings.workerThreads());
        config.setUseLinuxNativeEpoll(Epoll.isAvailable());
        config.setPingInterval(Math.toIntExact(settings.pingInterval().toMillis()));
        config.setPingTimeout(Math.toIntExact(settings.pingTimeout().toMillis()));
        config.setFirstDataTimeout(Math.toIntExact(settings.firstDataTimeout().toMillis()));
        config.setMaxFramePayloadLength(settings.maxFramePayload());
        config.setMaxHttpContentLength(settings.maxHttpContent());
        // Netty inflates a per-message-deflate frame without a bound: the frame limit would apply to the
        // compressed size only, and a small frame could inflate to any size.
        config.setWebsocketCompression(false);
        // Answers are sent when the store has answered, long after the listener returns.
        config.setAckMode(AckMode.MANUAL);
        // Otherwise a client picks its own session id with an "io" cookie or header.
        config.setRandomSession(true);
        config.setJsonSupport(new BoundedJson());
        config.setExceptionListener(new SocketIoFaults(metrics, id -> Optional.ofNullable(connections.get(id))));
        SocketConfig socket = new SocketConfig();
        socket.setReuseAddress(true);
        socket.setTcpNoDelay(true);
        socket.setWriteBufferWaterMarkLow(settings.writeBufferHigh() / 2);
        socket.setWriteBufferWaterMarkHigh(settings.writeBufferHigh());
        config.setSocketConfig(socket);
        return config;
    }

    private void listen() {
        server.addConnectListener(this::connected);
        server.addDisconnectListener(client -> disconnected(client.getSessionId()));
        // Engine.IO 4 clients send their auth object with the namespace connect, after the handshake.
        server.getNamespace(Namespace.DEFAULT_NAME).addAuthTokenListener((auth, client) -> {
            authAlias(auth).ifPresent(alias -> connection(client).ifPresent(c -> c.named(alias)));
            return AuthTokenResult.AuthTokenResultSuccess;
        });
        for (ClientEvent event : ClientEvent.values()) {
            server.addEventListener(event.event(), JsonNode.class, (client, payload, ack) ->
                    connection(client).ifPresent(c -> {
                        c.receive(event, Optional.ofNullable(payload), ack);
                        resume(c);
                    }));
        }
        // Pings and pongs come from every live client at the ping interval: the moment to look again at a
        // long-polling client, whose drained queue raises no writability event.
        server.addPingListener(client -> connection(client).ifPresent(this::resume));
        server.addPongListener(client -> connection(client).ifPresent(this::resume));
    }

    private void connected(SocketIOClient client) {
        SocketIoConnection connection = new SocketIoConnection(client, context, settings, metrics, this::paused);
        if (connections.putIfAbsent(client.getSessionId(), connection) != null) {
            return;
        }
        context.hub().presence().opened(Face.SOCKET_IO);
        metrics.opened();
        handshakeAlias(client.getHandshakeData()).ifPresent(connection::named);
    }

    private void disconnected(UUID id) {
        SocketIoConnection connection = connections.remove(id);
        if (connection != null) {
            paused.remove(connection);
            connection.closed();
            context.hub().presence().closed(Face.SOCKET_IO);
        }
    }

    private Optional<SocketIoConnection> connection(SocketIOClient client) {
        return Optional.ofNullable(connections.get(client.getSessionId()));
    }

    private void paused(SocketIoConnection connection) {
        paused.add(connection);
        // It may have drained between refusing the push and joining the set: look once more.
        resume(connection);
    }

    private void resume(SocketIoConnection connection) {
        if (connection.resumeIfWritable()) {
            paused.remove(connection);
        }
    }

    private void resumeDrained() {
        paused.removeIf(SocketIoConnection::resumeIfWritable);
    }

    private static Optional<JsonNode> handshakeAlias(HandshakeData handshake) {
        return Optional.ofNullable(handshake.getSingleUrlParam("alias")).map(TextNode::valueOf);
    }

    private static Optional<JsonNode> authAlias(Object auth) {
        if (auth instanceof Map<?, ?> map && map.containsKey("alias")) {
            return Optional.of(PushJson.JSON.tree(map.get("alias")));
        }
        return Optional.empty();
    }

    /**
     * netty-socketio's JSON codec reading payloads as {@link PushJson} does: with its parsing limits, and
     * keeping a published decimal's digits (2.50 stays 2.50).
     */
    private static final class BoundedJson extends JacksonJsonSupport {
        BoundedJson() {
            PushJson.JSON.applyTo(objectMapper);
        }
    }
}
