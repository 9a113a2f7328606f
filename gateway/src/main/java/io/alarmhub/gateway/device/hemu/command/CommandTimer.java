package io.alarmhub.gateway.device.hemu.command;

import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * When a command stops waiting for its answer: the node's event loops in production, a clock the test moves in
 * tests, so that a timeout is tried without waiting for it.
 */
@FunctionalInterface
public interface CommandTimer {

    /** Runs {@code task} once {@code delay} has passed, unless the returned handle is cancelled first. */
    Cancellable after(Duration delay, Runnable task);

    /** A task that has not run yet, and now never will. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /** On one of {@code loops}' executors, a different one each time. */
    static CommandTimer on(EventExecutorGroup loops) {
        return (delay, task) -> {
            ScheduledFuture<?> scheduled = loops.next().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> scheduled.cancel(false);
        };
    }
}
