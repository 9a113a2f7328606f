package io.alarmhub.gateway.device.hemu.platform;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs the work on one key (one camera) one at a time, in the order it was asked for, each piece once the
 * one before has finished (stored or failed): a decision such as "is this camera bound to someone else" is
 * taken on the state the previous write left, never on one a concurrent request is about to change.
 */
public final class Serial {

    private final Map<String, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

    public <T> CompletableFuture<T> run(String key, Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<?> before = tails.put(key, result);
        // Started outside the map's own lock: the work may itself ask for another key.
        (before == null ? CompletableFuture.completedFuture(null) : before)
                .whenComplete((ignored, failure) -> start(work, result));
        // The tail goes once nothing is queued behind it, so that the map holds only keys in use.
        result.whenComplete((ignored, failure) -> tails.remove(key, result));
        return result;
    }

    private static <T> void start(Supplier<CompletableFuture<T>> work, CompletableFuture<T> result) {
        CompletableFuture<T> started;
        try {
            started = work.get();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        started.whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
    }
}
