package io.alarmhub.gateway.stream;

import io.alarmhub.core.stream.LoginResult;
import io.alarmhub.core.stream.StreamConnection;
import io.alarmhub.core.stream.StreamEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.alarmhub.gateway.stream.StreamFixture.ENTERPRISE;
import static io.alarmhub.gateway.stream.StreamFixture.SECRET;
import static io.alarmhub.gateway.stream.StreamFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

class EnterpriseStreamsTest {

    @TempDir
    Path dir;
    StreamFixture f;

    @BeforeEach
    void open() {
        f = new StreamFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** Records what the dispatcher does with it. */
    static final class Recording implements StreamConnection {
        final List<LoginResult> logins = new ArrayList<>();
        final List<StreamEvent> sent = new ArrayList<>();
        final List<Instant> sentAt = new ArrayList<>();
        volatile boolean open = true;

        @Override
        public synchronized void loginResult(LoginResult result) {
            logins.add(result);
        }

        @Override
        public synchronized boolean send(StreamEvent event) {
            if (!open) {
                return false;
            }
            sent.add(event);
            sentAt.add(Instant.now());
            return true;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        synchronized List<Long> ids() {
            return sent.stream().map(StreamEvent::deliveryId).toList();
        }

        synchronized int count() {
            return sent.size();
        }
    }

    private Recording login(int prefetch) throws Exception {
        Recording c = new Recording();
        LoginResult result = f.streams.login(ENTERPRISE, SECRET, prefetch, c).get(10, TimeUnit.SECONDS);
        assertThat(result.ok()).isTrue();
        assertThat(c.logins).containsExactly(LoginResult.OK);
        return c;
    }

    private static List<Long> ids(List<StreamEvent> events) {
        return events.stream().map(StreamEvent::deliveryId).toList();
    }

    @Test
    void refusesBadSecretUnknownEnterpriseAndPrefetchOutOfRange() throws Exception {
        Recording c = new Recording();
        assertThat(f.streams.login(ENTERPRISE, "wrong", 5, c).get(10, TimeUnit.SECONDS).ok()).isFalse();
        assertThat(f.streams.login("nobody", SECRET, 5, c).get(10, TimeUnit.SECONDS).ok()).isFalse();
        for (long prefetch : new long[]{0, -1, 32768, 40000}) {
            LoginResult result = f.streams.login(ENTERPRISE, SECRET, prefetch, c).get(10, TimeUnit.SECONDS);
            assertThat(result.ok()).isFalse();
            assertThat(result.message()).contains("prefetch_count").contains("1..32767");
        }
        assertThat(c.logins).hasSize(6).noneMatch(LoginResult::ok);
        assertThat(f.streams.connectionCount()).isZero();
        assertThat(f.streams.login(ENTERPRISE, SECRET, 32767, new Recording()).get(10, TimeUnit.SECONDS).ok()).isTrue();
    }

    @Test
    void prefetchLimitHoldsAndAckFreesASlot() throws Exception {
        Recording c = login(2);
        List<StreamEvent> events = f.append(5);
        eventually(() -> c.count() == 2);
        assertThat(c.ids()).isEqualTo(ids(events.subList(0, 2)));
        f.append(1);
        assertThat(c.count()).isEqualTo(2);

        assertThat(f.streams.ack(c, events.get(0).deliveryId())).isTrue();
        assertThat(c.ids()).isEqualTo(ids(events.subList(0, 3)));
        // Acking the same id again, or one not sent, is ignored and counted.
        assertThat(f.streams.ack(c, events.get(0).deliveryId())).isFalse();
        assertThat(f.streams.ack(c, events.get(4).deliveryId())).isFalse();
        assertThat(f.streams.unknownAcks()).isEqualTo(2);
        assertThat(c.count()).isEqualTo(3);
    }

    @Test
    void twoConnectionsShareTheQueueEachEventOnce() throws Exception {
        Recording a = login(10);
        Recording b = login(10);
        List<StreamEvent> events = f.append(6);
        eventually(() -> a.count() + b.count() == 6);
        assertThat(a.count()).isEqualTo(3);
        assertThat(b.count()).isEqualTo(3);
        List<Long> all = new ArrayList<>(a.ids());
        all.addAll(b.ids());
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids(events));
        // An ack by the other connection is not taken.
        assertThat(f.streams.ack(b, a.ids().get(0))).isFalse();
    }

    @Test
    void closeReturnsInFlightEventsToTheFrontForAnotherConnection() throws Exception {
        Recording a = login(2);
        Recording b = login(2);
        List<StreamEvent> events = f.append(4);
        eventually(() -> a.count() + b.count() == 4);
        List<Long> ofA = a.ids();
        List<Long> ofB = b.ids();
        a.open = false;
        f.streams.closed(a);
        f.append(2);
        assertThat(b.count()).isEqualTo(2);
        f.streams.ack(b, ofB.get(0));
        assertThat(b.ids().get(2)).isEqualTo(ofA.get(0));
        f.streams.ack(b, ofB.get(1));
        assertThat(b.ids().subList(2, 4)).isEqualTo(ofA);
        assertThat(events).hasSize(4);
    }

    @Test
    void closeReturnsInFlightEventsToTheNextConnectionInOrder() throws Exception {
        Recording a = login(3);
        List<StreamEvent> events = f.append(5);
        eventually(() -> a.count() == 3);
        f.streams.ack(a, events.get(0).deliveryId());
        eventually(() -> a.count() == 4);
        a.open = false;
        f.streams.closed(a);
        Recording next = login(10);
        eventually(() -> next.count() == 4);
        assertThat(next.ids()).isEqualTo(ids(events.subList(1, 5)));
    }

    @Test
    void delayedEventsWaitForTheirTime() throws Exception {
        Recording c = login(10);
        Instant now = f.clock.instant();
        Instant later = now.plusMillis(400);
        List<StreamEvent> events = f.append(List.of(f.draft(now), f.draft(later), f.draft(now)), true);
        // Order is by availability: both "now" events first; the delayed one not yet.
        assertThat(c.ids()).containsExactly(events.get(0).deliveryId(), events.get(2).deliveryId());
        eventually(() -> c.count() == 3);
        assertThat(c.ids().get(2)).isEqualTo(events.get(1).deliveryId());
        assertThat(c.sentAt.get(2)).isAfterOrEqualTo(events.get(1).availableAt()).isAfter(now.plusMillis(399));
    }

    @Test
    void backlogIsLoadedFromTheStoreAtFirstLogin() throws Exception {
        List<StreamEvent> stored = f.append(List.of(f.draft(f.clock.instant()), f.draft(f.clock.instant()),
                f.draft(f.clock.instant())), false);
        // Told before any login: ignored, the store has them.
        f.streams.committed(stored);
        assertThat(f.streams.queued(ENTERPRISE)).isZero();
        Recording c = login(10);
        eventually(() -> c.count() == 3);
        assertThat(c.ids()).isEqualTo(ids(stored));
        List<StreamEvent> more = f.append(1);
        assertThat(c.ids()).hasSize(4).endsWith(more.get(0).deliveryId());
    }

    @Test
    void ackedEventsNeverComeBackAfterARestart() throws Exception {
        Recording c = login(10);
        List<StreamEvent> events = f.append(4);
        eventually(() -> c.count() == 4);
        f.streams.ack(c, events.get(0).deliveryId());
        f.streams.ack(c, events.get(2).deliveryId());
        assertThat(ids(f.pendingInStore())).containsExactly(events.get(1).deliveryId(), events.get(3).deliveryId());

        f.restart();
        Recording again = login(10);
        eventually(() -> again.count() == 2);
        assertThat(again.ids()).containsExactly(events.get(1).deliveryId(), events.get(3).deliveryId());
    }
}
