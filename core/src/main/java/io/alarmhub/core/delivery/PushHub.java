package io.alarmhub.core.delivery;

import io.alarmhub.core.admission.Admission;
import io.alarmhub.core.message.Message;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.core.message.Target;
import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.StoreOp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes, delivers, replays and acknowledges messages for every push face.
 *
 * <p>Every operation goes through the store, whose commit thread runs the continuations attached here
 * in commit order. Publish dispatch therefore happens in publish order, and an attaching receiver is
 * registered exactly between the last message its pending read saw and the first one dispatched live:
 * nothing is missed and nothing overtakes.
 */
public final class PushHub {

    private final PushStore store;
    private final Clock clock;
    private final MessageIds ids;
    private final Limits limits;
    private final Admission admission;
    private final Presence presence = new Presence();
    private final Set<Receiver> paused = ConcurrentHashMap.newKeySet();
    private final LongAdder published = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder acked = new LongAdder();

    /**
     * @param defaultTtl   time to live of a publish that names none
     * @param maxTtl       the longest time to live a publish may ask for
     * @param replayLimit  how many pending messages an attach or pull hands out at once
     */
    public record Limits(Duration defaultTtl, Duration maxTtl, int replayLimit) {
        public static final Limits DEFAULT = new Limits(Duration.ofDays(1), Duration.ofDays(10), 1000);
    }

    public PushHub(PushStore store, Clock clock, MessageIds ids, Limits limits) {
        this(store, clock, ids, limits, Admission.unbounded());
    }

    /**
     * @param admission the node's gate for the faces' publishes ({@link #publish(String, Target, String, Optional)})
     */
    public PushHub(PushStore store, Clock clock, MessageIds ids, Limits limits, Admission admission) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.limits = limits;
        this.admission = admission;
    }

    public Presence presence() {
        return presence;
    }

    /** Messages stored and handed out since start, for metrics. */
    public record Counts(long published, long delivered, long acked) {
    }

    public Counts counts() {
        return new Counts(published.sum(), delivered.sum(), acked.sum());
    }

    /**
     * Stores a message for every receiver of the target and delivers it to their connections.
     * Completes after the message is durable and handed to the connections online now.
     *
     * @param ttl the publisher's {@code time_to_live}; empty for the default
     */
    public CompletableFuture<Message> publish(Target target, String payload, Optional<Duration> ttl) {
        return publish(target, payload, ttl, List.of());
    }

    /**
     * Publishes as above, committing {@code together} in the same transaction as the message: both are
     * stored or neither is.
     */
    public CompletableFuture<Message> publish(Target target, String payload, Optional<Duration> ttl,
                                              List<StoreOp> together) {
        Duration timeToLive = ttl.orElse(limits.defaultTtl());
        if (timeToLive.isNegative() || timeToLive.compareTo(limits.maxTtl()) > 0) {
            return CompletableFuture.failedFuture(new PushException(
                    "time_to_live must be within 0.." + limits.maxTtl().toSeconds() + " seconds"));
        }
        if (target.names().isEmpty()) {
            return CompletableFuture.failedFuture(new PushException("no " + targetWord(target) + " to publish to"));
        }
        // Milliseconds, as stores keep them: a replayed message equals the one delivered live.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Message message = new Message(ids.next(), payload, oneTopic(target), now, now.plus(timeToLive));
        CompletableFuture<List<String>> stored = new CompletableFuture<>();
        CompletableFuture<Message> dispatched = stored.thenApply(receivers -> {
            published.increment();
            receivers.forEach(alias -> dispatch(alias, message));
            return message;
        });
        StoreOp append = new StoreOp.Append(message, target, stored);
        if (together.isEmpty()) {
            store.submitOrFail(append);
        } else {
            List<StoreOp> ops = new ArrayList<>(together);
            ops.add(append);
            store.submitOrFail(new StoreOp.Atomic(ops, new CompletableFuture<>()));
        }
        return dispatched;
    }

    /**
     * A push face's publish: as {@link #publish(Target, String, Optional)}, once the node's {@link Admission} has
     * admitted it; past the node's capacity it fails at once with
     * {@link io.alarmhub.core.admission.ServerBusyException}, counted under {@code face}. Acks, pulls and replays
     * never pass the gate.
     */
    public CompletableFuture<Message> publish(String face, Target target, String payload, Optional<Duration> ttl) {
        return admission.admit(face, () -> publish(target, payload, ttl));
    }

    /**
     * Registers a connection for its alias and replays what is pending for it, all of it, a page of
     * {@code replayLimit} at a time. Completes with how many messages were handed over.
     */
    public CompletableFuture<Integer> attach(Receiver receiver) {
        presence.attach(receiver);
        // Registered above only for the counts; live dispatch starts with the replay below.
        paused.add(receiver);
        store.submitOrFail(new StoreOp.Seen(receiver.alias(), clock.instant(), new CompletableFuture<>()));
        return replay(receiver);
    }

    /** Forgets a closed connection. */
    public void detach(Receiver receiver) {
        presence.detach(receiver);
        paused.remove(receiver);
    }

    /** Called by a face when a paused connection can be written to again: sends what piled up meanwhile. */
    public CompletableFuture<Integer> resume(Receiver receiver) {
        return replay(receiver);
    }

    /** Clears the alias's pending entry for a message, on every face at once. */
    public CompletableFuture<Boolean> ack(String alias, String messageId) {
        CompletableFuture<Boolean> cleared = new CompletableFuture<>();
        store.submitOrFail(new StoreOp.Ack(alias, messageId, cleared));
        return cleared.thenApply(wasPending -> {
            if (wasPending) {
                acked.increment();
            }
            return wasPending;
        });
    }

    /**
     * What is pending for an alias, oldest first, at most {@code replayLimit}; pulled messages stay pending
     * until acknowledged.
     */
    public CompletableFuture<List<Message>> pending(String alias) {
        CompletableFuture<StoreOp.PendingPage> page = new CompletableFuture<>();
        CompletableFuture<List<Message>> messages = page.thenApply(StoreOp.PendingPage::messages);
        store.submitOrFail(new StoreOp.Pending(alias, clock.instant(), 0, limits.replayLimit(), page));
        return messages;
    }

    public CompletableFuture<Void> subscribe(String alias, List<String> topics) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        store.submitOrFail(new StoreOp.Subscribe(alias, topics, done));
        return done;
    }

    public CompletableFuture<List<String>> topics(String alias) {
        CompletableFuture<List<String>> topics = new CompletableFuture<>();
        store.submitOrFail(new StoreOp.Topics(alias, topics));
        return topics;
    }

    /** Drops expired messages; run periodically by the server. */
    public CompletableFuture<Integer> purgeExpired() {
        CompletableFuture<Integer> purged = new CompletableFuture<>();
        store.submitOrFail(new StoreOp.Purge(clock.instant(), purged));
        return purged;
    }

    private CompletableFuture<Integer> replay(Receiver receiver) {
        return replayFrom(receiver, 0, 0);
    }

    /**
     * Hands the receiver its pending messages a page at a time, reading each next page on from the last
     * one's position. The receiver stays paused for live dispatch until the last page is out: messages
     * committed meanwhile are in a later page, so nothing is missed or overtaken.
     */
    private CompletableFuture<Integer> replayFrom(Receiver receiver, long after, int replayedSoFar) {
        CompletableFuture<StoreOp.PendingPage> page = new CompletableFuture<>();
        CompletableFuture<Integer> replayed = page.thenCompose(p -> {
            if (!presence.receiversOf(receiver.alias()).contains(receiver)) {
                return CompletableFuture.completedFuture(replayedSoFar); // closed while the read was under way
            }
            int count = replayedSoFar;
            for (Message message : p.messages()) {
                if (!receiver.deliver(message)) {
                    return CompletableFuture.completedFuture(count); // still paused: the next resume goes on
                }
                delivered.increment();
                count++;
            }
            if (p.messages().size() == limits.replayLimit()) {
                return replayFrom(receiver, p.last(), count);
            }
            paused.remove(receiver);
            return CompletableFuture.completedFuture(count);
        });
        store.submitOrFail(new StoreOp.Pending(receiver.alias(), clock.instant(), after, limits.replayLimit(), page));
        return replayed;
    }

    private void dispatch(String alias, Message message) {
        for (Receiver receiver : presence.receiversOf(alias)) {
            if (paused.contains(receiver)) {
                continue;
            }
            if (receiver.deliver(message)) {
                delivered.increment();
            } else {
                paused.add(receiver);
            }
        }
    }

    /**
     * The topic a message names when pushed: the one topic it was published to, be that a publish or a
     * device event's route (whose aliases, the device's owners, do not count as topics).
     */
    private static Optional<String> oneTopic(Target target) {
        List<String> topics = target instanceof Target.Topics t ? t.names()
                : target instanceof Target.Route r ? r.topics() : List.of();
        return topics.size() == 1 ? Optional.of(topics.get(0)) : Optional.empty();
    }

    private static String targetWord(Target target) {
        return target instanceof Target.Aliases ? "alias" : "topic";
    }
}
