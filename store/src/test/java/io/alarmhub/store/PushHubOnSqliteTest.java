package io.alarmhub.store;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.PushException;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The delivery semantics every push face relies on, checked on the real SQLite store. */
class PushHubOnSqliteTest {

    private static final Optional<Duration> HOUR = Optional.of(Duration.ofHours(1));

    @TempDir
    Path dir;
    private SqlitePushStore store;
    private PushHub hub;

    @BeforeEach
    void open() {
        store = SqlitePushStore.open(dir.resolve("push.db"));
        Clock clock = Clock.systemUTC();
        hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anOfflineAliasGetsWhatWasPublishedWhenItAttachesInPublishOrder() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(publishToAlias("alice", "{\"n\":" + i + "}").id());
        }
        Inbox inbox = new Inbox("alice", Face.TCP);
        hub.attach(inbox).join();
        assertThat(inbox.ids()).containsExactlyElementsOf(ids);
    }

    @Test
    void everyConnectionOfAnAliasGetsEachMessageAndOneAckClearsItForAll() {
        Inbox tcp = attach("bob", Face.TCP);
        Inbox socketIo = attach("bob", Face.SOCKET_IO);
        Message message = publishToAlias("bob", "\"hello\"");
        assertThat(tcp.ids()).containsExactly(message.id());
        assertThat(socketIo.ids()).containsExactly(message.id());

        assertThat(hub.ack("bob", message.id()).join()).isTrue();
        assertThat(hub.pending("bob").join()).isEmpty();
        assertThat(attach("bob", Face.WEBSOCKET).ids()).isEmpty();
    }

    @Test
    void aTopicReachesTheAliasesRegisteredOnItWhenItWasPublished() {
        hub.subscribe("carol", List.of("m_2")).join();
        hub.subscribe("dave", List.of("m_2", "c_2")).join();
        Inbox carol = attach("carol", Face.TCP);
        Message message = hub.publish(new Target.Topics(List.of("m_2")), "{\"door\":1}", HOUR).join();
        hub.subscribe("erin", List.of("m_2")).join();

        assertThat(carol.messages()).containsExactly(message);
        assertThat(message.topic()).contains("m_2");
        assertThat(hub.pending("dave").join()).containsExactly(message);
        assertThat(hub.pending("erin").join()).isEmpty();
        assertThat(hub.topics("dave").join()).containsExactly("m_2", "c_2");
    }

    @Test
    void aMessageWithNoTimeToLiveReachesOnlyWhoIsOnline() {
        Inbox online = attach("frank", Face.TCP);
        hub.publish(new Target.Aliases(List.of("frank", "grace")), "1", Optional.of(Duration.ZERO)).join();
        assertThat(online.messages()).hasSize(1);
        assertThat(hub.pending("frank").join()).isEmpty();
        assertThat(hub.pending("grace").join()).isEmpty();
    }

    @Test
    void refusesATimeToLiveBeyondTheMaximum() {
        CompletableFuture<Message> refused = hub.publish(new Target.Aliases(List.of("x")), "1",
                Optional.of(Duration.ofDays(11)));
        assertThatThrownBy(refused::join).hasCauseInstanceOf(PushException.class)
                .hasMessageContaining("time_to_live");
    }

    @Test
    void aConnectionPastItsWatermarkIsSkippedAndCatchesUpOnResume() {
        Inbox slow = attach("henry", Face.TCP);
        slow.writable.set(false);
        Message first = publishToAlias("henry", "1");
        Message second = publishToAlias("henry", "2");
        assertThat(slow.messages()).isEmpty();

        slow.writable.set(true);
        hub.resume(slow).join();
        Message third = publishToAlias("henry", "3");
        assertThat(slow.messages()).containsExactly(first, second, third);
    }

    @Test
    void aConnectionGetsEverythingPendingEvenBeyondOneReplayPageInOrder() {
        PushHub smallPages = new PushHub(store, Clock.systemUTC(), new MessageIds(Clock.systemUTC(), 2),
                new PushHub.Limits(Duration.ofDays(1), Duration.ofDays(10), 3));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(smallPages.publish(new Target.Aliases(List.of("kate")), Integer.toString(i), HOUR).join().id());
        }
        Inbox kate = new Inbox("kate", Face.TCP);
        assertThat(smallPages.attach(kate).join()).isEqualTo(10);
        assertThat(kate.ids()).containsExactlyElementsOf(ids);

        Message live = smallPages.publish(new Target.Aliases(List.of("kate")), "\"live\"", HOUR).join();
        assertThat(kate.messages()).last().isEqualTo(live);
    }

    @Test
    void attachingWhilePublishesRunMissesNothingAndKeepsOrder() throws Exception {
        ExecutorService publishers = Executors.newFixedThreadPool(2);
        List<CompletableFuture<Message>> published = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 400; i++) {
            int n = i;
            publishers.execute(() -> published.add(publishToAliasAsync("ivy", Integer.toString(n))));
        }
        Inbox ivy = new Inbox("ivy", Face.TCP);
        hub.attach(ivy).join();
        publishers.shutdown();
        assertThat(publishers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        List<String> all = published.stream().map(CompletableFuture::join).map(Message::id).toList();

        List<String> pendingOrder = hub.pending("ivy").join().stream().map(Message::id).toList();
        assertThat(pendingOrder).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ivy.ids()).containsExactlyElementsOf(pendingOrder);
    }

    @Test
    void expiredMessagesAreNeitherReplayedNorKeptAfterAPurge() {
        Message gone = hub.publish(new Target.Aliases(List.of("jack")), "1", Optional.of(Duration.ofSeconds(1))).join();
        Message kept = publishToAlias("jack", "2");
        Clock later = Clock.fixed(gone.expires().plusSeconds(1), ZoneOffset.UTC);
        PushHub afterExpiry = new PushHub(store, later, new MessageIds(later, 1), PushHub.Limits.DEFAULT);

        assertThat(afterExpiry.pending("jack").join()).containsExactly(kept);
        assertThat(afterExpiry.purgeExpired().join()).isEqualTo(1);
        assertThat(afterExpiry.pending("jack").join()).containsExactly(kept);
    }

    private Message publishToAlias(String alias, String payload) {
        return publishToAliasAsync(alias, payload).join();
    }

    private CompletableFuture<Message> publishToAliasAsync(String alias, String payload) {
        return hub.publish(new Target.Aliases(List.of(alias)), payload, HOUR);
    }

    private Inbox attach(String alias, Face face) {
        Inbox inbox = new Inbox(alias, face);
        hub.attach(inbox).join();
        return inbox;
    }

    /** A connection that records what it is handed; its writability is the test's to set. */
    private static final class Inbox implements Receiver {
        private final String alias;
        private final Face face;
        private final List<Message> received = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean writable = new AtomicBoolean(true);

        Inbox(String alias, Face face) {
            this.alias = alias;
            this.face = face;
        }

        @Override
        public String alias() {
            return alias;
        }

        @Override
        public Face face() {
            return face;
        }

        @Override
        public boolean deliver(Message message) {
            if (!writable.get()) {
                return false;
            }
            received.add(message);
            return true;
        }

        List<Message> messages() {
            return List.copyOf(received);
        }

        List<String> ids() {
            return messages().stream().map(Message::id).toList();
        }
    }
}
