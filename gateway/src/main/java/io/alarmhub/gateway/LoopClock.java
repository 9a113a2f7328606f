package io.alarmhub.gateway;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An event loop's own clock, in nanoseconds from an arbitrary origin: the clock its scheduled tasks run by.
 * Netty keeps that clock to itself ({@code getCurrentTimeNanos} is protected); a task scheduled far ahead
 * shows it, as its delay falls while the loop's time runs. For an {@code EmbeddedChannel} with frozen time
 * that is the virtual time the test advances, for a real loop {@code System.nanoTime}.
 *
 * <p>One far task (fifty years ahead) per loop, made on first use on the loop's thread; a loop that shuts
 * down cancels it with its other scheduled tasks.
 */
final class LoopClock {

    private static final long HORIZON = TimeUnit.DAYS.toNanos(365L * 50);
    private static final Runnable NEVER = () -> { };
    private static final FastThreadLocal<LoopClock> LAST = new FastThreadLocal<>();

    private final EventExecutor loop;
    private final ScheduledFuture<?> far;

    private LoopClock(EventExecutor loop) {
        this.loop = loop;
        this.far = loop.schedule(NEVER, HORIZON, TimeUnit.NANOSECONDS);
    }

    /** The clock of {@code loop}; call on the loop. */
    static LoopClock of(EventExecutor loop) {
        LoopClock last = LAST.get();
        // A real loop owns its thread; embedded loops share the test's thread, one after another.
        if (last == null || last.loop != loop) {
            last = new LoopClock(loop);
            LAST.set(last);
        }
        return last;
    }

    long nanos() {
        return HORIZON - far.getDelay(TimeUnit.NANOSECONDS);
    }
}
