package io.alarmhub.gateway.push.socketio;

import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.transport.NamespaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alarmhub.core.delivery.Face;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushJson;
import io.alarmhub.gateway.push.protocol.PushFailures;
import io.alarmhub.gateway.push.protocol.PushReplies;
import io.alarmhub.gateway.push.protocol.PushRequest;
import io.alarmhub.gateway.push.protocol.PushSession;
import io.alarmhub.gateway.push.socketio.SocketIoMetrics.BadInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One Socket.IO client. It turns the client's events into requests of its {@link PushSession} and is that
 * session's {@link PushSession.Link}: answers go out on the {@code *_c} event of the request (and on the
 * request's ack callback when the client asked for one), pushes on {@code push} or {@code door_open}.
 *
 * <p>netty-socketio announces an Engine.IO 4 client at its Engine.IO handshake, before the client's
 * namespace connect (which carries the {@code auth} object) has been acknowledged. Events emitted in
 * between reach the client ahead of its {@code connect}; clients buffer them, and some (the Java client
 * 2.x) then hand them over with shifted arguments. So an alias named before that acknowledgement waits
 * for it, and {@code connect_c} and the pending pushes follow it.
 */
final class SocketIoConnection implements PushSession.Link {

    private static final Logger log = LoggerFactory.getLogger(SocketIoConnection.class);

    static final String CONNECT_ANSWER = "connect_c";
    private static final Object NO_ANSWER = null;

    /** Where the answer to one request goes. */
    private record Origin(ClientEvent event, AckRequest ack) {
    }

    private final SocketIOClient client;
    private final PushContext context;
    private final SocketIoSettings settings;
    private final SocketIoMetrics metrics;
    private final Consumer<SocketIoConnection> onPause;
    private final PushSession session;
    // Keyed by identity: two equal requests in flight (records) still need two answers.
    private final Map<PushRequest, Origin> origins = Collections.synchronizedMap(new IdentityHashMap<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean badInputLogged = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final List<JsonNode> namedEarly = new ArrayList<>(2);
    private Optional<String> announced = Optional.empty();
    private boolean namespaceConnected;

    SocketIoConnection(SocketIOClient client, PushContext context, SocketIoSettings settings,
                       SocketIoMetrics metrics, Consumer<SocketIoConnection> onPause) {
        this.client = client;
        this.context = context;
        this.settings = settings;
        this.metrics = metrics;
        this.onPause = onPause;
        this.session = new PushSession(context, this);
        // Engine.IO 3 clients get their namespace connect from netty-socketio before they are announced.
        this.namespaceConnected = client.getEngineIOVersion() != EngineIOVersion.V4;
    }

    /** The alias the client named in its handshake query or {@code auth} object. */
    void named(JsonNode alias) {
        synchronized (this) {
            if (!namespaceConnected) {
                // The query and the auth object; a client that repeats its namespace connect gets no more.
                if (namedEarly.size() < 2) {
                    namedEarly.add(alias);
                }
                return;
            }
        }
        name(alias);
    }

    /** Called after each batch of the client's packets was handled: was its namespace connect among them? */
    void packetsHandled() {
        List<JsonNode> due;
        synchronized (this) {
            if (namespaceConnected || !namespaceConnectHandled()) {
                return;
            }
            namespaceConnected = true;
            due = List.copyOf(namedEarly);
            namedEarly.clear();
        }
        due.forEach(this::name);
    }

    private void name(JsonNode alias) {
        PushRequest checked = ClientEvent.alias(alias, context.limits());
        if (checked instanceof PushRequest.Invalid invalid) {
            badInput(BadInput.ALIAS, invalid.error());
            client.sendEvent(CONNECT_ANSWER, PushReplies.error(invalid.error(), Optional.empty()));
            return;
        }
        String name = ((PushRequest.Heartbeat) checked).alias();
        if (announce(name)) {
            session.attach(name).exceptionally(failure -> {
                // The client is told nothing is wrong with its alias; it can still pull what is pending.
                log.warn("replaying pending messages to socket.io alias {} failed: {}", name, failure.toString());
                return null;
            });
        } else if (!announced().equals(Optional.of(name))) {
            client.sendEvent(CONNECT_ANSWER, PushReplies.error(
                    "this connection is already alias " + announced().orElseThrow(), Optional.empty()));
        }
    }

    /** One event from the client. */
    void receive(ClientEvent event, Optional<JsonNode> payload, AckRequest ack) {
        // An event may share a batch with the namespace connect: the alias named before it comes first.
        packetsHandled();
        Origin origin = new Origin(event, ack);
        if (inFlight.incrementAndGet() > settings.maxInFlight()) {
            inFlight.decrementAndGet();
            badInput(BadInput.OVERLOAD, "more than " + settings.maxInFlight() + " requests awaiting answers");
            answer(origin, PushReplies.error("too many requests awaiting answers, wait for them first",
                    num(payload)));
            return;
        }
        CompletableFuture<Void> done = event == ClientEvent.INFO_STATUS
                ? infoStatus(payload, origin)
                : handle(event, payload, origin);
        done.whenComplete((ignored, failure) -> {
            inFlight.decrementAndGet();
            // A request that succeeded without an answer (push_c) still owes its ack callback one: null.
            ack.sendAckData(NO_ANSWER);
        });
    }

    /** Tries to resume pushes paused by a slow connection; true when pushes are no longer paused. */
    boolean resumeIfWritable() {
        if (!paused.get()) {
            return true;
        }
        if (writable() && paused.compareAndSet(true, false)) {
            session.writable();
            return true;
        }
        return false;
    }

    void closed() {
        session.closed();
    }

    /** Counts bad input and logs the first of it from this connection. */
    void badInput(BadInput reason, String detail) {
        metrics.badInput(reason);
        if (badInputLogged.compareAndSet(false, true)) {
            log.info("socket.io client {} (alias {}) sent bad input ({}): {}; further bad input from it is "
                    + "counted, not logged", client.getRemoteAddress(), announced().orElse("unknown"),
                    reason.tag(), detail);
        }
    }

    @Override
    public Face face() {
        return Face.SOCKET_IO;
    }

    @Override
    public void reply(PushRequest request, ObjectNode reply) {
        Origin origin = origins.get(request);
        if (origin == null) {
            // The session answers only requests handed to it; should that change, the answer is not lost.
            client.sendEvent(ClientEvent.ERROR_EVENT, reply);
            return;
        }
        answer(origin, reply);
    }

    @Override
    public boolean push(ObjectNode push) {
        if (!writable()) {
            if (paused.compareAndSet(false, true)) {
                onPause.accept(this);
            }
            return false;
        }
        client.sendEvent(push.path("t").asInt() == 8 ? "door_open" : "push", push);
        return true;
    }

    private CompletableFuture<Void> handle(ClientEvent event, Optional<JsonNode> payload, Origin origin) {
        PushRequest request = event.request(payload, context.limits());
        if (request instanceof PushRequest.Invalid invalid) {
            badInput(BadInput.REQUEST, event.event() + ": " + invalid.error());
        } else if (request instanceof PushRequest.Heartbeat heartbeat) {
            announce(heartbeat.alias());
        }
        origins.put(request, origin);
        return session.handle(request).whenComplete((ignored, failure) -> origins.remove(request));
    }

    /** {@code {'alias':…}} → {@code {"alias":…,"list":[topics],"status":"online"|"offline"}}. */
    private CompletableFuture<Void> infoStatus(Optional<JsonNode> payload, Origin origin) {
        Optional<ObjectNode> object = ClientEvent.object(payload);
        Optional<JsonNode> num = object.map(o -> o.get("num"));
        JsonNode named = object.map(o -> o.get("alias"))
                .or(() -> session.alias().map(TextNode::valueOf))
                .orElse(NullNode.getInstance());
        PushRequest checked = object.isEmpty()
                ? PushRequest.create(payload.orElseThrow(), context.limits())
                : ClientEvent.alias(named, context.limits());
        if (checked instanceof PushRequest.Invalid invalid) {
            badInput(BadInput.REQUEST, "info_status: " + invalid.error());
            answer(origin, PushReplies.error(invalid.error(), num));
            return CompletableFuture.completedFuture(null);
        }
        String alias = ((PushRequest.Heartbeat) checked).alias();
        return context.hub().topics(alias).handle((topics, failure) -> {
            if (failure != null) {
                answer(origin, PushReplies.error(PushFailures.describe(failure), num));
                return null;
            }
            ObjectNode reply = PushJson.object().put("alias", alias);
            reply.setAll(PushReplies.status(topics, context.hub().presence().online(alias)));
            num.ifPresent(n -> reply.set("num", n));
            answer(origin, reply);
            return null;
        });
    }

    private void answer(Origin origin, ObjectNode reply) {
        boolean acked = origin.ack().isAckRequested();
        if (acked) {
            origin.ack().sendAckData(reply);
        }
        if (origin.event().answersSuccess()) {
            client.sendEvent(origin.event().answer(), reply);
        } else if (!acked) {
            client.sendEvent(ClientEvent.ERROR_EVENT, reply);
        }
    }

    private synchronized Optional<String> announced() {
        return announced;
    }

    /** Sends {@code connect_c} for the first alias the connection names; false when it already named one. */
    private synchronized boolean announce(String alias) {
        if (announced.isPresent()) {
            return false;
        }
        announced = Optional.of(alias);
        client.sendEvent(CONNECT_ANSWER, PushReplies.alias(-14, alias));
        return true;
    }

    private boolean namespaceConnectHandled() {
        // netty-socketio replaces the client's namespace client when it handles the namespace connect packet.
        return client instanceof NamespaceClient namespaceClient
                && namespaceClient.getBaseClient().getChildClient(namespaceClient.getNamespace()) != namespaceClient;
    }

    private boolean writable() {
        if (client.getTransport() == Transport.WEBSOCKET) {
            return client.isWritable();
        }
        return pollingBacklog() < settings.maxQueuedPackets();
    }

    private int pollingBacklog() {
        // netty-socketio holds a long-polling client's packets in an unbounded queue until its next poll;
        // the queue's length is the only measure of how far behind such a client is.
        return client instanceof NamespaceClient namespaceClient
                ? namespaceClient.getBaseClient().getPacketsQueue(Transport.POLLING).size()
                : 0;
    }

    private static Optional<JsonNode> num(Optional<JsonNode> payload) {
        return ClientEvent.object(payload).map(o -> o.get("num"));
    }

}
