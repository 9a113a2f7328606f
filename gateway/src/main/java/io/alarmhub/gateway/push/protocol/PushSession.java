package io.alarmhub.gateway.push.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.PushException;
import io.alarmhub.core.delivery.Receiver;
import io.alarmhub.core.message.Message;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection of the push protocol, whatever carries it. It learns its alias from the first
 * heartbeat or connect (or from the Socket.IO handshake), then receives that alias's messages. Once it has
 * proven that alias with an alias token ({@code t:21}) it may command devices ({@code t:20}).
 * Replies and pushes leave through the {@link Link} the face provides.
 */
public final class PushSession {

    /** How a face writes to its connection. */
    public interface Link {

        Face face();

        /** Answers a request (a Socket.IO face picks the {@code *_c} event from the request's type). */
        void reply(PushRequest request, ObjectNode reply);

        /** Sends something the client did not ask for: a message ({@code t:5}) or a door open ({@code t:8}). */
        boolean push(ObjectNode push);

        /**
         * Pushes a message to the connection's alias ({@code t:5}). A face that writes JSON text itself
         * overrides this to write the push without building a JSON tree for every receiver.
         *
         * @return false when the connection is past its write watermark: deliveries to it pause
         */
        default boolean pushMessage(Message message, String alias) {
            return push(PushReplies.pushed(message, alias));
        }
    }

    private final PushContext context;
    private final Link link;
    private final SessionCommands commands;
    private volatile Optional<Receiver> receiver = Optional.empty();

    public PushSession(PushContext context, Link link) {
        this.context = context;
        this.link = link;
        this.commands = new SessionCommands(context, link.face());
    }

    public Optional<String> alias() {
        return receiver.map(Receiver::alias);
    }

    /**
     * Answers one request. The returned future completes when the answer is written, and never fails:
     * every failure is answered with {@code {"t":0,"error":…}}.
     */
    public CompletableFuture<Void> handle(PushRequest request) {
        CompletableFuture<Void> done;
        try {
            done = dispatch(request);
        } catch (PushException e) {
            done = CompletableFuture.failedFuture(e);
        }
        return done.exceptionally(failure -> {
            link.reply(request, PushReplies.error(PushFailures.describe(failure), request.num()));
            return null;
        });
    }

    /** Names the alias without a request (the Socket.IO handshake), replaying what is pending. */
    public CompletableFuture<Void> attach(String alias) {
        return identify(alias).thenApply(m -> null);
    }

    /** The face calls this when a connection past its write watermark drains. */
    public void writable() {
        receiver.ifPresent(context.hub()::resume);
    }

    /** The face calls this once when the connection closes. */
    public void closed() {
        receiver.ifPresent(context.hub()::detach);
        context.doors().forget(this);
    }

    boolean push(ObjectNode message) {
        return link.push(message);
    }

    private CompletableFuture<Void> dispatch(PushRequest request) {
        if (request instanceof PushRequest.Heartbeat r) {
            return heartbeat(r);
        } else if (request instanceof PushRequest.Connect r) {
            return connect(r);
        } else if (request instanceof PushRequest.Register r) {
            return context.hub().subscribe(requireAlias(), r.topics())
                    .thenRun(() -> link.reply(r, PushReplies.ok(-2, r.num())));
        } else if (request instanceof PushRequest.GetTopic r) {
            return context.hub().topics(requireAlias())
                    .thenAccept(topics -> link.reply(r, PushReplies.topics(topics, r.num())));
        } else if (request instanceof PushRequest.Pull r) {
            return context.hub().pending(requireAlias())
                    .thenAccept(pending -> link.reply(r, PushReplies.pulled(pending, r.num())));
        } else if (request instanceof PushRequest.Ack r) {
            // Acks are answered only when they fail; an unknown or repeated mid is not a failure.
            return context.hub().ack(requireAlias(), r.mid()).thenApply(cleared -> null);
        } else if (request instanceof PushRequest.Publish r) {
            return context.hub().publish(CommandMetrics.tag(link.face()), r.target(), r.msg(), r.timeToLive())
                    .thenAccept(message -> link.reply(r, PushReplies.ok(-6, r.num())));
        } else if (request instanceof PushRequest.ServerInfo r) {
            link.reply(r, serverInfo(r.num()));
        } else if (request instanceof PushRequest.DoorOpen r) {
            context.doors().open(r.room(), r.user(), this);
        } else if (request instanceof PushRequest.RegisterPhone r) {
            context.doors().registerPhone(r.room(), this);
        } else if (request instanceof PushRequest.RegisterDoor r) {
            context.doors().registerDoor(r.room(), this);
        } else if (request instanceof PushRequest.ProveAlias r) {
            link.reply(r, commands.prove(requireAlias(), r));
        } else if (request instanceof PushRequest.DeviceCommand r) {
            // Only to this connection: a command's answer is for the app that asked, not for the alias.
            return commands.command(r).thenAccept(reply -> link.reply(r, reply));
        } else if (request instanceof PushRequest.Invalid r) {
            link.reply(r, PushReplies.error(r.error(), r.num()));
        }
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> heartbeat(PushRequest.Heartbeat request) {
        Optional<String> known = alias();
        known.ifPresent(alias -> requireSameAlias(alias, request.alias()));
        link.reply(request, PushReplies.alias(-1, request.alias()));
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(null);
        }
        return identify(request.alias()).thenApply(m -> null);
    }

    private CompletableFuture<Void> connect(PushRequest.Connect request) {
        Optional<String> known = alias();
        known.ifPresent(alias -> requireSameAlias(alias, request.alias()));
        link.reply(request, PushReplies.alias(-14, request.alias()));
        if (known.isPresent()) {
            return context.hub().resume(receiver.get()).thenApply(m -> null);
        }
        return identify(request.alias()).thenApply(m -> null);
    }

    private synchronized CompletableFuture<Integer> identify(String alias) {
        if (receiver.isPresent()) {
            requireSameAlias(receiver.get().alias(), alias);
            return CompletableFuture.completedFuture(0);
        }
        Receiver r = new SessionReceiver(alias, link);
        receiver = Optional.of(r);
        return context.hub().attach(r);
    }

    private ObjectNode serverInfo(Optional<JsonNode> num) {
        RoomCounts rooms = context.rooms();
        ObjectNode info = PushJson.object()
                .put("One2OneSize", rooms.oneToOne())
                .put("One2ManySize", rooms.oneToMany())
                .put("Many2ManySize", rooms.manyToMany())
                .put("channelSize", context.hub().presence().connections(Face.TCP));
        num.ifPresent(n -> info.set("num", n));
        return info;
    }

    private String requireAlias() {
        return alias().orElseThrow(() -> new PushException(
                "no alias: send a heartbeat (t:1) or connect (t:14) with your alias first"));
    }

    private static void requireSameAlias(String known, String asked) {
        if (!known.equals(asked)) {
            throw new PushException("this connection is already alias " + known);
        }
    }

    /** The hub's view of this connection. */
    private record SessionReceiver(String alias, Link link) implements Receiver {

        @Override
        public Face face() {
            return link.face();
        }

        @Override
        public boolean deliver(Message message) {
            return link.pushMessage(message, alias);
        }
    }
}
