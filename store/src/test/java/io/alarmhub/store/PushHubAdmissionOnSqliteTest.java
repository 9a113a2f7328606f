package io.alarmhub.store;

import io.alarmhub.core.admission.Admission;
import io.alarmhub.core.admission.FakeHeap;
import io.alarmhub.core.admission.HeapGuard;
import io.alarmhub.core.admission.Overload;
import io.alarmhub.core.admission.ServerBusyException;
import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.delivery.Receiver;
import io.alarmhub.core.message.Message;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.core.message.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The faces' publishes behind the node's gate, on the real store: refused past capacity, the rest untouched. */
class PushHubAdmissionOnSqliteTest {

    private static final Optional<Duration> HOUR = Optional.of(Duration.ofHours(1));
    private static final Target ALICE = new Target.Aliases(List.of("alice"));

    @TempDir
    Path dir;
    private final FakeHeap heap = new FakeHeap(1000);
    private final Admission admission = new Admission(4, HeapGuard.watch(0.8, heap, System::nanoTime));
    private SqlitePushStore store;
    private PushHub hub;

    @BeforeEach
    void open() {
        store = SqlitePushStore.open(dir.resolve("push.db"));
        Clock clock = Clock.systemUTC();
        hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT, admission);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void whileRefusingPublishesAcksPullsAndReplaysStillWork() {
        Message before = hub.publish("tcp", ALICE, "\"before\"", HOUR).join();
        heap.collect(heap.max());

        CompletableFuture<Message> refused = hub.publish("tcp", ALICE, "\"during\"", HOUR);
        assertThatThrownBy(refused::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ServerBusyException.class);
        assertThat(admission.refused(Overload.HEAP, "tcp")).isEqualTo(1);

        Inbox inbox = new Inbox("alice");
        assertThat(hub.attach(inbox).join()).as("the replay").isEqualTo(1);
        assertThat(hub.pending("alice").join()).extracting(Message::id).containsExactly(before.id());
        assertThat(hub.ack("alice", before.id()).join()).isTrue();
        assertThat(hub.pending("alice").join()).isEmpty();

        heap.collect(0);
        Message after = hub.publish("rest", ALICE, "\"after\"", HOUR).join();
        assertThat(inbox.ids()).containsExactly(before.id(), after.id());
        assertThat(admission.inFlight()).isZero();
    }

    @Test
    void pastTheBoundPublishesAreRefusedAndEveryAdmittedOneIsStoredAndReleased() {
        List<CompletableFuture<Message>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(hub.publish("websocket", ALICE, Integer.toString(i), HOUR));
        }
        List<Message> stored = new ArrayList<>();
        int refused = 0;
        for (CompletableFuture<Message> publish : all) {
            try {
                stored.add(publish.join());
            } catch (CompletionException e) {
                assertThat(e).hasCauseInstanceOf(ServerBusyException.class);
                refused++;
            }
        }
        assertThat(stored).isNotEmpty();
        assertThat(refused).isEqualTo(admission.refused(Overload.IN_FLIGHT, "websocket"));
        assertThat(stored.size() + refused).isEqualTo(200);
        assertThat(hub.pending("alice").join()).extracting(Message::id)
                .containsExactlyElementsOf(stored.stream().map(Message::id).toList());
        assertThat(admission.inFlight()).isZero();
    }

    private static final class Inbox implements Receiver {
        private final String alias;
        private final List<Message> received = Collections.synchronizedList(new ArrayList<>());

        Inbox(String alias) {
            this.alias = alias;
        }

        @Override
        public String alias() {
            return alias;
        }

        @Override
        public Face face() {
            return Face.TCP;
        }

        @Override
        public boolean deliver(Message message) {
            received.add(message);
            return true;
        }

        List<String> ids() {
            synchronized (received) {
                return received.stream().map(Message::id).toList();
            }
        }
    }
}
