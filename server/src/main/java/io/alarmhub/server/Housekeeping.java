package io.alarmhub.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The node's periodic chores, on one background thread: one failing run is logged and the next one runs. */
final class Housekeeping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alarmhub-housekeeping");
        t.setDaemon(true);
        return t;
    });

    void every(Duration interval, String chore, Runnable run) {
        long millis = interval.toMillis();
        thread.scheduleWithFixedDelay(() -> {
            try {
                run.run();
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", chore, e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
