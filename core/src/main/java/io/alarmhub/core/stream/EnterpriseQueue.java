package io.alarmhub.core.stream;

import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.StoreOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One enterprise's events in memory and its connections; every method holds the queue's lock. */
final class EnterpriseQueue {

    private static final Logger log = LoggerFactory.getLogger(EnterpriseQueue.class);
    static final Comparator<StreamEvent> ORDER =
            Comparator.comparing(StreamEvent::availableAt).thenComparingLong(StreamEvent::deliveryId);

    private enum Loaded { NO, LOADING, ALL, PART }

    /** One logged-in connection and what it has in flight, in the order sent. */
    private static final class Session {
        final StreamConnection connection;
        final int prefetch;
        final Map<Long, StreamEvent> inFlight = new LinkedHashMap<>();
        boolean dead;

        Session(StreamConnection connection, int prefetch) {
            this.connection = connection;
            this.prefetch = prefetch;
        }

        boolean canTake() {
            return !dead && inFlight.size() < prefetch;
        }
    }

    private final Enterprise enterprise;
    private final PushStore store;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final int backlogLimit;

    private Loaded loaded = Loaded.NO;
    /** Events taken back from closed connections: sent first, in this order. */
    private final Deque<StreamEvent> returned = new ArrayDeque<>();
    private final TreeSet<StreamEvent> pending = new TreeSet<>(ORDER);
    private final List<Session> sessions = new ArrayList<>();
    private int nextSession;
    private ScheduledFuture<?> wake;
    private Instant wakeAt;

    EnterpriseQueue(Enterprise enterprise, PushStore store, Clock clock, ScheduledExecutorService scheduler,
                    int backlogLimit) {
        this.enterprise = enterprise;
        this.store = store;
        this.clock = clock;
        this.scheduler = scheduler;
        this.backlogLimit = backlogLimit;
    }

    Enterprise enterprise() {
        return enterprise;
    }

    synchronized void attach(StreamConnection connection, int prefetch) {
        connection.loginResult(LoginResult.OK);
        sessions.add(new Session(connection, prefetch));
        if (loaded == Loaded.NO) {
            load();
        }
        pump();
    }

    synchronized void detach(StreamConnection connection) {
        for (Iterator<Session> it = sessions.iterator(); it.hasNext(); ) {
            Session session = it.next();
            if (session.connection == connection) {
                it.remove();
                List<StreamEvent> back = new ArrayList<>(session.inFlight.values());
                for (ListIterator<StreamEvent> b = back.listIterator(back.size()); b.hasPrevious(); ) {
                    returned.addFirst(b.previous());
                }
                session.inFlight.clear();
            }
        }
        pump();
    }

    synchronized boolean ack(StreamConnection connection, long deliveryId) {
        for (Session session : sessions) {
            if (session.connection == connection) {
                if (session.inFlight.remove(deliveryId) == null) {
                    return false;
                }
                CompletableFuture<Boolean> done = new CompletableFuture<>();
                done.whenComplete((deleted, failure) -> {
                    if (failure != null) {
                        log.warn("enterprise {}: the ack of delivery {} was not stored; the event will be sent "
                                + "again after a restart", enterprise.id(), deliveryId, failure);
                    }
                });
                store.submitOrFail(new StoreOp.StreamAck(enterprise.id(), deliveryId, done));
                pump();
                return true;
            }
        }
        return false;
    }

    synchronized void committed(List<StreamEvent> events) {
        // Before the first load (or while a load runs, or while part of the backlog is still in the store),
        // the store has them and the next load brings them, in order.
        if (loaded == Loaded.ALL) {
            pending.addAll(events);
            pump();
        }
    }

    /**
     * Drops the queued events past their retention, unsent; those in flight were sent already and wait
     * for their ack. The store deletes its rows of them with its own purge.
     *
     * @return how many were dropped
     */
    synchronized int dropExpired() {
        Instant now = clock.instant();
        int dropped = removeExpired(returned, now) + removeExpired(pending, now);
        if (dropped > 0) {
            log.info("enterprise {}: {} queued event(s) past their retention dropped unsent", enterprise.id(), dropped);
            pump();
        }
        return dropped;
    }

    private int removeExpired(Collection<StreamEvent> events, Instant now) {
        int before = events.size();
        events.removeIf(event -> expired(event, now));
        return before - events.size();
    }

    /**
     * Whether the event's retention has passed. The store sets an event's expiry to its availability plus
     * the enterprise's retention (StreamEvents) and stops handing it out from then, so memory agrees.
     */
    private boolean expired(StreamEvent event, Instant now) {
        return !event.availableAt().plus(enterprise.retention()).isAfter(now);
    }

    synchronized int size() {
        int inFlight = 0;
        for (Session session : sessions) {
            inFlight += session.inFlight.size();
        }
        return returned.size() + pending.size() + inFlight;
    }

    /** Called under the lock: asks the store for the backlog; the answer comes on the commit thread. */
    private void load() {
        loaded = Loaded.LOADING;
        CompletableFuture<List<StreamEvent>> backlog = new CompletableFuture<>();
        backlog.whenComplete((events, failure) -> loaded(events, failure));
        store.submitOrFail(new StoreOp.StreamPending(enterprise.id(), clock.instant(), backlogLimit, backlog));
    }

    private synchronized void loaded(List<StreamEvent> events, Throwable failure) {
        if (failure != null) {
            log.error("enterprise {}: cannot load its events from the store; trying again at the next login",
                    enterprise.id(), failure);
            loaded = Loaded.NO;
            return;
        }
        pending.addAll(events);
        loaded = events.size() >= backlogLimit ? Loaded.PART : Loaded.ALL;
        log.info("enterprise {}: {} event(s) loaded from the store{}", enterprise.id(), events.size(),
                loaded == Loaded.PART ? " (more remain there)" : "");
        pump();
    }

    /** Under the lock: sends what may be sent, and schedules a wake-up for the next delayed event. */
    private void pump() {
        Instant now = clock.instant();
        int dropped = 0;
        while (true) {
            boolean fromReturned = !returned.isEmpty();
            StreamEvent next = fromReturned ? returned.peekFirst() : pending.isEmpty() ? null : pending.first();
            if (next == null) {
                break;
            }
            if (expired(next, now)) {
                // Too late to be of use to the enterprise: never sent, whatever housekeeping has not caught.
                if (fromReturned) {
                    returned.pollFirst();
                } else {
                    pending.pollFirst();
                }
                dropped++;
                continue;
            }
            if (!fromReturned && next.availableAt().isAfter(now)) {
                scheduleWake(next.availableAt(), now);
                break;
            }
            Session target = pick();
            if (target == null) {
                break;
            }
            if (fromReturned) {
                returned.pollFirst();
            } else {
                pending.pollFirst();
            }
            if (target.connection.send(next)) {
                target.inFlight.put(next.deliveryId(), next);
            } else {
                target.dead = true;
                returned.addFirst(next);
            }
        }
        if (dropped > 0) {
            log.info("enterprise {}: {} event(s) past their retention dropped unsent", enterprise.id(), dropped);
        }
        if (loaded == Loaded.PART && returned.isEmpty() && pending.isEmpty() && inFlightNone()) {
            load();
        }
    }

    private boolean inFlightNone() {
        for (Session session : sessions) {
            if (!session.inFlight.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The least loaded session with a free slot, looking from the one after the last picked. */
    private Session pick() {
        Session best = null;
        int bestIndex = -1;
        int n = sessions.size();
        for (int i = 0; i < n; i++) {
            int index = (nextSession + i) % n;
            Session session = sessions.get(index);
            if (session.canTake() && (best == null || session.inFlight.size() < best.inFlight.size())) {
                best = session;
                bestIndex = index;
            }
        }
        if (best != null) {
            nextSession = bestIndex + 1;
        }
        return best;
    }

    private void scheduleWake(Instant at, Instant now) {
        if (wake != null && wakeAt != null && !wakeAt.isAfter(at)) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        long delay = Math.max(1, Duration.between(now, at).toMillis());
        try {
            wakeAt = at;
            wake = scheduler.schedule(this::woken, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            wake = null;
            wakeAt = null;
            log.debug("enterprise {}: scheduler stopped, no wake-up", enterprise.id());
        }
    }

    private synchronized void woken() {
        wake = null;
        wakeAt = null;
        pump();
    }
}
