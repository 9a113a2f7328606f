package io.alarmhub.core.stream;

import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.StoreOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** Queued stream events past their enterprise's retention are dropped, never sent; time is the test's. */
class EnterpriseQueueRetentionTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration RETENTION = Duration.ofHours(1);
    private static final Enterprise ACME =
            new Enterprise("acme", SecretHash.of("secret"), Set.of(), Set.of("vstarcam"), RETENTION);

    private final MovableClock clock = new MovableClock(T0);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final StreamEvent first = event(1, T0);
    private final StreamEvent second = event(2, T0);
    private final StreamEvent later = event(3, T0.plus(Duration.ofMinutes(30)));
    private final BacklogStore store = new BacklogStore(List.of(first, second, later));
    private final EnterpriseQueue queue = new EnterpriseQueue(ACME, store, clock, scheduler, 100);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void anEventWhoseRetentionPassedWhileQueuedIsSkippedWhenItsTurnComes() {
        Recorder connection = new Recorder();
        queue.attach(connection, 1);
        assertThat(connection.sent).containsExactly(first);

        clock.now = T0.plus(RETENTION);
        assertThat(queue.ack(connection, first.deliveryId())).isTrue();

        assertThat(connection.sent).containsExactly(first, later);
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void housekeepingDropsQueuedEventsPastRetentionAndLeavesInFlightAndNewerOnes() {
        Recorder connection = new Recorder();
        queue.attach(connection, 1);

        clock.now = T0.plus(RETENTION).minusMillis(1);
        assertThat(queue.dropExpired()).isZero();
        clock.now = T0.plus(RETENTION);
        assertThat(queue.dropExpired()).isEqualTo(1);

        assertThat(queue.size()).isEqualTo(2);
        assertThat(connection.sent).containsExactly(first);
        assertThat(queue.ack(connection, first.deliveryId())).isTrue();
        assertThat(connection.sent).containsExactly(first, later);
    }

    @Test
    void eventsTakenBackFromAClosedConnectionAreNotResentPastRetention() {
        Recorder gone = new Recorder();
        queue.attach(gone, 1);
        clock.now = T0.plus(RETENTION);
        queue.detach(gone);

        Recorder next = new Recorder();
        queue.attach(next, 10);
        assertThat(next.sent).containsExactly(later);
    }

    private static StreamEvent event(long deliveryId, Instant availableAt) {
        return new StreamEvent(deliveryId, ACME.id(), availableAt, "{\"n\":" + deliveryId + "}");
    }

    /** Answers the backlog load with fixed events and takes acks; completes at once, as after a commit. */
    private static final class BacklogStore implements PushStore {
        private final List<StreamEvent> backlog;

        BacklogStore(List<StreamEvent> backlog) {
            this.backlog = backlog;
        }

        @Override
        public void submit(StoreOp op) {
            if (op instanceof StoreOp.StreamPending p) {
                p.result().complete(backlog);
            } else if (op instanceof StoreOp.StreamAck a) {
                a.result().complete(true);
            } else {
                throw new AssertionError("unexpected store operation " + op);
            }
        }

        @Override
        public void close() {
        }
    }

    /** An open connection that keeps what it was sent. */
    private static final class Recorder implements StreamConnection {
        final List<StreamEvent> sent = new ArrayList<>();

        @Override
        public void loginResult(LoginResult result) {
        }

        @Override
        public boolean send(StreamEvent event) {
            sent.add(event);
            return true;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
