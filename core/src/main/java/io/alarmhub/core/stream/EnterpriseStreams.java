package io.alarmhub.core.stream;

import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.StoreOp;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The enterprise stream's dispatcher, free of any transport: logs connections in, keeps each enterprise's
 * queue of unacknowledged events in memory and hands them out to the enterprise's connections.
 *
 * <ul>
 *   <li>Login checks {@code prefetch_count} (1..32767) first, then the secret. An unknown enterprise and a
 *       wrong secret get the same answer, after the same work. The secret check (PBKDF2) runs on the
 *       scheduler, not on the caller's thread.</li>
 *   <li>The first login of an enterprise since start loads its backlog from the store
 *       ({@link StoreOp.StreamPending}), at most {@code backlogLimit} events. When the backlog was cut
 *       short, events committed meanwhile are left in the store and the next part is loaded once the
 *       memory has drained, so that order holds. Before the first login, {@link #committed} ignores an
 *       enterprise's events: they are in the store.</li>
 *   <li>Order per enterprise: by {@code availableAt}, then delivery id; an event is sent only once every
 *       earlier available event was; events not available yet wait for a wake-up on the scheduler.</li>
 *   <li>A connection never has more than its prefetch count of unacknowledged events; the connections of
 *       one enterprise share its queue, each event going to the least loaded one (round robin on ties).</li>
 *   <li>An event past its enterprise's retention is never sent: it is dropped when it comes up to be sent
 *       and by {@link #dropExpired}; one already in flight still waits for its ack.</li>
 *   <li>{@link #ack} deletes the event in the store and frees a slot. {@link #closed} puts the connection's
 *       unacknowledged events back at the front of the queue, in the order they were sent.</li>
 * </ul>
 *
 * <p>One lock per enterprise guards its queue and connections; nothing blocks under it.
 */
public final class EnterpriseStreams {

    /** Default most events loaded from the store at once, per enterprise. */
    public static final int DEFAULT_BACKLOG_LIMIT = 100_000;
    public static final int MIN_PREFETCH = 1;
    public static final int MAX_PREFETCH = 32_767;

    static final String BAD_CREDENTIALS = "invalid enterprise_id or enterprise_secret";
    /** Hashed when the enterprise is unknown, so that the answer takes as long as for a wrong secret. */
    private static final SecretHash DUMMY = SecretHash.of("not a secret of any enterprise");

    private final Map<String, EnterpriseQueue> queues;
    private final Map<StreamConnection, EnterpriseQueue> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final AtomicLong unknownAcks = new AtomicLong();

    /**
     * @param scheduler    runs the secret checks and the wake-ups of delayed events; owned by the caller
     * @param backlogLimit most events of one enterprise loaded from the store at once
     */
    public EnterpriseStreams(List<Enterprise> enterprises, PushStore store, Clock clock,
                             ScheduledExecutorService scheduler, int backlogLimit) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (backlogLimit < 1) {
            throw new IllegalArgumentException("backlogLimit must be positive, was " + backlogLimit);
        }
        Map<String, EnterpriseQueue> byId = new LinkedHashMap<>();
        for (Enterprise enterprise : enterprises) {
            if (byId.put(enterprise.id(), new EnterpriseQueue(enterprise, store, clock, scheduler, backlogLimit))
                    != null) {
                throw new IllegalArgumentException("enterprise " + enterprise.id() + " is configured twice");
            }
        }
        this.queues = Map.copyOf(byId);
    }

    public EnterpriseStreams(List<Enterprise> enterprises, PushStore store, Clock clock,
                             ScheduledExecutorService scheduler) {
        this(enterprises, store, clock, scheduler, DEFAULT_BACKLOG_LIMIT);
    }

    /**
     * Checks a login, answers it through {@link StreamConnection#loginResult} and, when it succeeded,
     * attaches the connection, which then receives events. The future completes after both.
     */
    public CompletableFuture<LoginResult> login(String enterpriseId, String secret, long prefetchCount,
                                                StreamConnection connection) {
        Objects.requireNonNull(connection, "connection");
        if (prefetchCount < MIN_PREFETCH || prefetchCount > MAX_PREFETCH) {
            LoginResult failed = LoginResult.failed("prefetch_count must be within " + MIN_PREFETCH + ".."
                    + MAX_PREFETCH + ", was " + prefetchCount);
            connection.loginResult(failed);
            return CompletableFuture.completedFuture(failed);
        }
        EnterpriseQueue queue = enterpriseId == null ? null : queues.get(enterpriseId);
        return CompletableFuture.supplyAsync(() -> {
            boolean matches;
            if (queue != null && secret != null) {
                matches = queue.enterprise().secret().matches(secret);
            } else {
                DUMMY.matches(secret == null ? "" : secret);
                matches = false;
            }
            if (!matches) {
                LoginResult failed = LoginResult.failed(BAD_CREDENTIALS);
                connection.loginResult(failed);
                return failed;
            }
            // Registered before the open check: closed() either finds it or the check sees the close.
            connections.put(connection, queue);
            queue.attach(connection, (int) prefetchCount);
            if (!connection.isOpen()) {
                closed(connection);
            }
            return LoginResult.OK;
        }, scheduler);
    }

    /** Takes events just committed to the store (on the store's commit thread, in commit order). */
    public void committed(List<StreamEvent> events) {
        Map<String, List<StreamEvent>> byEnterprise = new LinkedHashMap<>();
        for (StreamEvent event : events) {
            byEnterprise.computeIfAbsent(event.enterprise(), e -> new ArrayList<>()).add(event);
        }
        byEnterprise.forEach((id, list) -> {
            EnterpriseQueue queue = queues.get(id);
            if (queue != null) {
                queue.committed(list);
            }
        });
    }

    /**
     * The connection acknowledges an event: deleted in the store, a prefetch slot freed. An id the
     * connection does not have in flight is ignored and counted ({@link #unknownAcks}); returns whether
     * the ack was taken.
     */
    public boolean ack(StreamConnection connection, long deliveryId) {
        EnterpriseQueue queue = connections.get(connection);
        if (queue == null || !queue.ack(connection, deliveryId)) {
            unknownAcks.incrementAndGet();
            return false;
        }
        return true;
    }

    /** The connection is gone: its unacknowledged events go back to the front of its enterprise's queue. */
    public void closed(StreamConnection connection) {
        EnterpriseQueue queue = connections.remove(connection);
        if (queue != null) {
            queue.detach(connection);
        }
    }

    /**
     * Drops the queued events of every enterprise that are past its retention, unsent (housekeeping; the
     * queues also drop them when they come up to be sent). Returns how many went.
     */
    public int dropExpired() {
        int dropped = 0;
        for (EnterpriseQueue queue : queues.values()) {
            dropped += queue.dropExpired();
        }
        return dropped;
    }

    /** Logged-in connections now. */
    public int connectionCount() {
        return connections.size();
    }

    /** Acks ignored since start: unknown ids, ids of another connection, acks before login. */
    public long unknownAcks() {
        return unknownAcks.get();
    }

    /** Events of the enterprise in memory: queued plus in flight; 0 before its first login. */
    public int queued(String enterpriseId) {
        EnterpriseQueue queue = queues.get(enterpriseId);
        return queue == null ? 0 : queue.size();
    }
}
