package io.alarmhub.core.event;

import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.device.Device;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.device.DeviceRegistry;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.core.message.Target;
import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.StoreOp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The intake of device events: admits the device (or refuses it), works out its new state and who
 * receives the event, and stores event, device and pushes in one transaction. A device that is not online
 * and says anything but hello or goodbye is announced online first, for every vendor alike. Also notices
 * devices that only speak in heartbeats going quiet, for the vendors given a heartbeat timeout.
 */
public final class EventDesk implements DeviceEvents {

    private static final DeviceChange NO_CHANGE = new DeviceChange(Optional.empty(), List.of(),
            Optional.empty());

    private final PushHub hub;
    private final PushStore store;
    private final DeviceRegistry registry;
    private final RoutingRules rules;
    private final MessageIds ids;
    private final Clock clock;
    private final Map<String, Duration> heartbeatTimeouts;
    private final List<EventSink> sinks;
    private final Map<DeviceId, Instant> lastSeen = new ConcurrentHashMap<>();
    /**
     * Per device whose implied online is being stored, the events waiting for it (see {@link #announce}).
     * Changed only under its own lock; read without it on the fast path of {@link #accept}.
     */
    private final Map<DeviceId, List<Consumer<Throwable>>> announcing = new ConcurrentHashMap<>();

    /**
     * @param heartbeatTimeouts per vendor, how long a device may stay silent before {@link #sweep} takes
     *                          it offline; vendors that keep a connection detect that themselves
     * @param sinks             what else each event is stored for, in the same transaction
     */
    public EventDesk(PushHub hub, PushStore store, DeviceRegistry registry, RoutingRules rules, MessageIds ids,
                     Clock clock, Map<String, Duration> heartbeatTimeouts, List<EventSink> sinks) {
        this.hub = hub;
        this.store = store;
        this.registry = registry;
        this.rules = rules;
        this.ids = ids;
        this.clock = clock;
        this.heartbeatTimeouts = Map.copyOf(heartbeatTimeouts);
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public CompletableFuture<Void> accept(DeviceEvent event) {
        return accept(event, NO_CHANGE);
    }

    @Override
    public CompletableFuture<Void> accept(DeviceEvent event, DeviceChange change) {
        // The common case takes no lock: an online device with nothing waiting for its announcement.
        Device known;
        try {
            known = registry.admit(event.device());
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        if (known.online() && !announcing.containsKey(event.device())) {
            return record(known, event, change);
        }
        // One lock for admission and submission: a device's events reach the store in the order they came,
        // also those that waited for the device's implied online.
        synchronized (announcing) {
            Device current;
            try {
                current = registry.admit(event.device());
            } catch (RuntimeException refused) {
                return CompletableFuture.failedFuture(refused);
            }
            List<Consumer<Throwable>> waiting = announcing.get(event.device());
            if (waiting == null && (current.online() || event instanceof DeviceEvent.Online
                    || event instanceof DeviceEvent.Offline)) {
                return record(current, event, change);
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            // Runs under the lock, the device now online: straight to the store, behind those before it.
            Consumer<Throwable> waiter = failure -> {
                if (failure != null) {
                    done.completeExceptionally(failure);
                    return;
                }
                try {
                    record(registry.admit(event.device()), event, change).whenComplete((ignored, f) -> complete(done, f));
                } catch (RuntimeException refused) {
                    done.completeExceptionally(refused);
                }
            };
            if (waiting != null) {
                waiting.add(waiter);
            } else {
                announcing.put(event.device(), new ArrayList<>(List.of(waiter)));
                announce(current, event);
            }
            return done;
        }
    }

    /**
     * Stores the online event that a device's first message implies, when that is not a hello: the device has
     * connected all the same, and its watchers are to see every offline after an online. The events waiting
     * for it go on in their order once it is stored, or fail with it.
     */
    private void announce(Device current, DeviceEvent first) {
        Optional<String> name = first instanceof DeviceEvent.Alarm alarm ? alarm.deviceName() : Optional.empty();
        DeviceEvent.Online online = new DeviceEvent.Online(nextId(), first.device(), first.time(), name,
                Optional.empty(), "{\"detected_by\":\"alarmhub\",\"first_event\":\"" + first.kind() + "\"}");
        record(current, online, NO_CHANGE).whenComplete((ignored, failure) -> {
            synchronized (announcing) {
                // The entry goes only once its events are submitted, so that none overtakes them unlocked.
                announcing.get(first.device()).forEach(waiter -> waiter.accept(failure));
                announcing.remove(first.device());
            }
        });
    }

    private static void complete(CompletableFuture<Void> done, Throwable failure) {
        if (failure == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(failure);
        }
    }

    private CompletableFuture<Void> record(Device current, DeviceEvent event, DeviceChange change) {
        Instant now = clock.instant();
        Device after = registry.after(current, event, now);
        Device owned = change.owners().map(owners -> registry.withOwners(after, owners)).orElse(after);
        Device next = change.mac().map(owned::withMac).orElse(owned);
        String json = EventJson.of(event, next);
        CompletableFuture<Void> recorded = new CompletableFuture<>();
        // Runs on the store's commit thread, in commit order: the registry follows the store.
        CompletableFuture<Void> applied = recorded.thenRun(() -> {
            registry.update(next);
            lastSeen.merge(next.id(), now, (a, b) -> a.isAfter(b) ? a : b);
        });
        List<StoreOp> together = new ArrayList<>();
        together.add(new StoreOp.RecordEvent(event, json, next, recorded));
        together.addAll(change.ops());
        sinks.forEach(sink -> together.addAll(sink.ops(event, next)));
        Target.Route route = rules.route(event, next);
        if (route.names().isEmpty()) {
            store.submitOrFail(together.size() == 1 ? together.get(0)
                    : new StoreOp.Atomic(together, new CompletableFuture<>()));
            return applied;
        }
        return hub.publish(route, json, Optional.of(rules.timeToLive()), together)
                .thenCombine(applied, (message, done) -> null);
    }

    @Override
    public String nextId() {
        return ids.next();
    }

    @Override
    public boolean online(DeviceId device) {
        return registry.online(device);
    }

    @Override
    public void seen(DeviceId device, Instant at) {
        lastSeen.merge(device, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * Deletes the stored events older than {@code retention} by this desk's clock (part of housekeeping).
     *
     * @return how many events went
     */
    public CompletableFuture<Integer> purgeHistory(Duration retention) {
        CompletableFuture<Integer> purged = new CompletableFuture<>();
        store.submitOrFail(new StoreOp.PurgeDeviceEvents(clock.instant().minus(retention), purged));
        return purged;
    }

    /**
     * Deletes what devices reported over time (people counts, day reports) older than {@code retention} by this
     * desk's clock (part of housekeeping).
     *
     * @return how many rows went
     */
    public CompletableFuture<Integer> purgeReports(Duration retention) {
        CompletableFuture<Integer> purged = new CompletableFuture<>();
        store.submitOrFail(new StoreOp.PurgeReports(clock.instant().minus(retention), purged));
        return purged;
    }

    /** Takes offline each online device of a heartbeat vendor that has been silent past its timeout. */
    public List<CompletableFuture<Void>> sweep() {
        Instant now = clock.instant();
        return registry.all().stream()
                .filter(Device::online)
                .filter(d -> heartbeatTimeouts.containsKey(d.id().vendor()))
                .filter(d -> silentSince(d).plus(heartbeatTimeouts.get(d.id().vendor())).isBefore(now))
                .map(d -> accept(new DeviceEvent.Offline(nextId(), d.id(), now, "heartbeat timeout",
                        "{\"detected_by\":\"alarmhub\",\"last_seen\":\"" + silentSince(d) + "\"}")))
                .toList();
    }

    private Instant silentSince(Device device) {
        return Optional.ofNullable(lastSeen.get(device.id())).or(device::lastSeen).orElse(Instant.EPOCH);
    }
}
