package io.alarmhub.gateway.device.hemu.firmware;

import io.alarmhub.core.store.StoreOp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rollouts and their cameras' updates in memory, loaded from the store at start and changed only by the
 * store operations made here, whose continuations change memory once durable (on the store's commit thread, in
 * commit order): memory never shows what the store does not have. Each camera has at most one update that has
 * not ended, its active one, which its progress reports are matched against.
 */
final class RolloutBook {

    private final FirmwareStore store;
    private final Map<String, Rollout> rollouts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, DeviceUpdate>> updates = new ConcurrentHashMap<>();
    /** Each camera's update that has not ended: its rollout's id. */
    private final Map<String, String> active = new ConcurrentHashMap<>();

    private RolloutBook(FirmwareStore store) {
        this.store = store;
    }

    static CompletableFuture<RolloutBook> load(FirmwareStore store) {
        RolloutBook book = new RolloutBook(store);
        return store.load(FirmwareStore.ROLLOUT)
                .thenAccept(records -> records.forEach(json -> book.remember(Rollout.of(json))))
                .thenCompose(x -> store.load(FirmwareStore.UPDATE))
                .thenApply(records -> {
                    records.forEach(json -> book.remember(DeviceUpdate.of(json)));
                    return book;
                });
    }

    Optional<Rollout> rollout(String id) {
        return Optional.ofNullable(rollouts.get(id));
    }

    /** Every rollout, oldest first. */
    List<Rollout> rollouts() {
        return rollouts.values().stream().sorted(Comparator.comparing(Rollout::created).thenComparing(Rollout::id))
                .toList();
    }

    /** A rollout's updates, by {@code deviceId}. */
    List<DeviceUpdate> updates(String rolloutId) {
        return Optional.ofNullable(updates.get(rolloutId)).map(m -> m.values().stream()
                .sorted(Comparator.comparing(DeviceUpdate::deviceId)).toList()).orElse(List.of());
    }

    /** The camera's update that has not ended, if it has one. */
    Optional<DeviceUpdate> active(String deviceId) {
        return Optional.ofNullable(active.get(deviceId))
                .flatMap(rollout -> Optional.ofNullable(updates.get(rollout)))
                .flatMap(m -> Optional.ofNullable(m.get(deviceId)))
                .filter(u -> !u.state().ended());
    }

    /** Every update that has not ended. */
    List<DeviceUpdate> activeUpdates() {
        return active.keySet().stream().map(this::active).flatMap(Optional::stream).toList();
    }

    /** Whether any of the rollout's updates has not ended. */
    boolean running(String rolloutId) {
        return updates(rolloutId).stream().anyMatch(u -> !u.state().ended());
    }

    /** Whether a running rollout sends the package. */
    boolean sends(String packageId) {
        return rollouts.values().stream().anyMatch(r -> r.packageId().equals(packageId) && running(r.id()));
    }

    StoreOp put(Rollout rollout) {
        return store.put(FirmwareStore.ROLLOUT, rollout.id(), Optional.empty(), rollout.json(),
                () -> remember(rollout));
    }

    /** Stores the update; {@code owner}: its camera's owner, which the record is filed under. */
    StoreOp put(DeviceUpdate update, Optional<String> owner) {
        return store.put(FirmwareStore.UPDATE, update.key(), owner, update.json(), () -> remember(update));
    }

    /** The operations that delete a rollout and its updates (every one of which has ended). */
    List<StoreOp> forget(Rollout rollout) {
        List<StoreOp> ops = new ArrayList<>();
        for (DeviceUpdate update : updates(rollout.id())) {
            ops.add(store.delete(FirmwareStore.UPDATE, update.key(), () -> { }));
        }
        ops.add(store.delete(FirmwareStore.ROLLOUT, rollout.id(), () -> {
            rollouts.remove(rollout.id());
            updates.remove(rollout.id());
        }));
        return ops;
    }

    private void remember(Rollout rollout) {
        rollouts.put(rollout.id(), rollout);
        updates.computeIfAbsent(rollout.id(), id -> new ConcurrentHashMap<>());
    }

    private void remember(DeviceUpdate update) {
        updates.computeIfAbsent(update.rollout(), id -> new ConcurrentHashMap<>()).put(update.deviceId(), update);
        if (update.state().ended()) {
            active.remove(update.deviceId(), update.rollout());
        } else {
            active.put(update.deviceId(), update.rollout());
        }
    }
}
