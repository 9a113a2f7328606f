package io.alarmhub.store;

import io.alarmhub.core.message.Message;
import io.alarmhub.core.message.Target;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.core.store.StoreOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static io.alarmhub.store.StoreFixture.T0;
import static io.alarmhub.store.StoreFixture.ack;
import static io.alarmhub.store.StoreFixture.append;
import static io.alarmhub.store.StoreFixture.await;
import static io.alarmhub.store.StoreFixture.message;
import static io.alarmhub.store.StoreFixture.pending;
import static io.alarmhub.store.StoreFixture.publish;
import static io.alarmhub.store.StoreFixture.purge;
import static io.alarmhub.store.StoreFixture.query;
import static io.alarmhub.store.StoreFixture.subscribe;
import static io.alarmhub.store.StoreFixture.submitAppend;
import static io.alarmhub.store.StoreFixture.topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each operation does to the data, against a real SQLite file. */
class SqlitePushStoreTest {

    @TempDir
    Path dir;
    private Path file;
    private SqlitePushStore store;

    @BeforeEach
    void open() {
        file = dir.resolve("data/nested/push.db");
        store = SqlitePushStore.open(file);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void createsItsDirectoriesAndUsesWal() {
        assertThat(file).exists();
        assertThat(query(file, "SELECT COUNT(*) FROM pragma_journal_mode() WHERE journal_mode = 'wal'")).isEqualTo(1);
    }

    @Test
    void pendingReturnsAppendsInPublishOrder() {
        Message first = message("1", 60);
        Message second = message("2", 60);
        Message third = message("3", 60);
        assertThat(append(store, first, "alice", "bob", "alice")).containsExactly("alice", "bob");
        assertThat(append(store, second, "bob")).containsExactly("bob");
        assertThat(append(store, third, "alice")).containsExactly("alice");

        assertThat(pending(store, "alice")).containsExactly(first, third);
        assertThat(pending(store, "bob")).containsExactly(first, second);
        assertThat(pending(store, "carol")).isEmpty();
    }

    @Test
    void pendingHonoursItsLimitAndReadsOnFromAPosition() {
        for (int i = 0; i < 5; i++) {
            append(store, message("m" + i, 60), "alice");
        }
        CompletableFuture<StoreOp.PendingPage> first = new CompletableFuture<>();
        store.submit(new StoreOp.Pending("alice", T0, 0, 3, first));
        StoreOp.PendingPage page = await(first);
        assertThat(page.messages()).extracting(Message::id).containsExactly("m0", "m1", "m2");
        CompletableFuture<StoreOp.PendingPage> rest = new CompletableFuture<>();
        store.submit(new StoreOp.Pending("alice", T0, page.last(), 3, rest));
        assertThat(await(rest).messages()).extracting(Message::id).containsExactly("m3", "m4");
    }

    @Test
    void ackClearsOnlyThatAliasAndTheMessageWithItsLastEntry() {
        Message m = message("1", 60);
        append(store, m, "alice", "bob");

        assertThat(ack(store, "alice", "1")).isTrue();
        assertThat(pending(store, "alice")).isEmpty();
        assertThat(pending(store, "bob")).containsExactly(m);
        assertThat(query(file, "SELECT COUNT(*) FROM message")).isEqualTo(1);

        assertThat(ack(store, "alice", "1")).isFalse();
        assertThat(ack(store, "alice", "no-such-id")).isFalse();
        assertThat(ack(store, "bob", "1")).isTrue();
        assertThat(query(file, "SELECT COUNT(*) FROM message")).isZero();
    }

    @Test
    void topicPublishReachesEverySubscriberOnceInTopicThenRegistrationOrder() {
        subscribe(store, "bob", "door");
        subscribe(store, "alice", "door", "camera");
        subscribe(store, "carol", "camera");
        Message ring = new Message("1", "{}", Optional.of("door"), T0, T0.plusSeconds(60));

        assertThat(publish(store, ring, "door")).containsExactly("bob", "alice");
        assertThat(pending(store, "alice")).containsExactly(ring);
        assertThat(pending(store, "bob")).containsExactly(ring);

        assertThat(publish(store, message("2", 60), "door", "camera")).containsExactly("bob", "alice", "carol");
        assertThat(pending(store, "carol")).extracting(Message::id).containsExactly("2");
    }

    @Test
    void subscribeKeepsEarlierRegistrationsInOrder() {
        subscribe(store, "alice", "door", "camera");
        subscribe(store, "alice", "smoke", "door", "smoke");
        subscribe(store, "alice");
        assertThat(topics(store, "alice")).containsExactly("door", "camera", "smoke");
        assertThat(topics(store, "bob")).isEmpty();
    }

    @Test
    void onlineOnlyMessageIsNotStoredButStillResolvesReceivers() {
        subscribe(store, "bob", "door");
        assertThat(append(store, message("1", 0), "alice")).containsExactly("alice");
        assertThat(publish(store, message("2", 0), "door")).containsExactly("bob");

        assertThat(pending(store, "alice")).isEmpty();
        assertThat(pending(store, "bob")).isEmpty();
        assertThat(query(file, "SELECT COUNT(*) FROM message")).isZero();
        assertThat(query(file, "SELECT COUNT(*) FROM pending")).isZero();
    }

    @Test
    void topicWithoutSubscribersStoresNothing() {
        assertThat(publish(store, message("1", 60), "nobody-listens")).isEmpty();
        assertThat(query(file, "SELECT COUNT(*) FROM message")).isZero();
    }

    @Test
    void expiredMessagesAreHiddenThenPurged() {
        Message shortLived = message("1", 10);
        Message longLived = message("2", 100);
        append(store, shortLived, "alice", "bob");
        append(store, longLived, "alice");

        assertThat(pending(store, "alice", T0.plusSeconds(9))).containsExactly(shortLived, longLived);
        assertThat(pending(store, "alice", T0.plusSeconds(10))).containsExactly(longLived);
        assertThat(pending(store, "bob", T0.plusSeconds(50))).isEmpty();

        assertThat(purge(store, T0.plusSeconds(50))).isEqualTo(1);
        assertThat(query(file, "SELECT COUNT(*) FROM message")).isEqualTo(1);
        assertThat(query(file, "SELECT COUNT(*) FROM pending")).isEqualTo(1);
        assertThat(pending(store, "alice")).containsExactly(longLived);
        assertThat(purge(store, T0.plusSeconds(50))).isZero();
    }

    @Test
    void seenKeepsFirstAndUpdatesLast() {
        seen("alice", 0);
        seen("alice", 60);
        assertThat(query(file, "SELECT first_seen_ms FROM alias WHERE alias = 'alice'")).isEqualTo(T0.toEpochMilli());
        assertThat(query(file, "SELECT last_seen_ms FROM alias WHERE alias = 'alice'"))
                .isEqualTo(T0.plusSeconds(60).toEpochMilli());
    }

    @Test
    void readsSeeEarlierOperationsOfTheSameBatch() throws InterruptedException {
        StoreFixture.Gate gate = StoreFixture.Gate.hold(store);
        CompletableFuture<List<String>> appended = submitAppend(store, message("1", 60),
                new Target.Aliases(List.of("alice")));
        CompletableFuture<StoreOp.PendingPage> read = new CompletableFuture<>();
        store.submit(new StoreOp.Pending("alice", T0, 0, 10, read));
        CompletableFuture<Boolean> acked = new CompletableFuture<>();
        store.submit(new StoreOp.Ack("alice", "1", acked));
        gate.release();

        assertThat(await(appended)).containsExactly("alice");
        assertThat(await(read).messages()).extracting(Message::id).containsExactly("1");
        assertThat(await(acked)).isTrue();
    }

    @Test
    void oneBadOperationFailsAloneAndItsNeighboursComplete() throws InterruptedException {
        StoreFixture.Gate gate = StoreFixture.Gate.hold(store);
        Target alice = new Target.Aliases(List.of("alice"));
        CompletableFuture<List<String>> first = submitAppend(store, message("1", 60), alice);
        CompletableFuture<List<String>> duplicate = submitAppend(store, message("1", 60), alice);
        CompletableFuture<List<String>> third = submitAppend(store, message("3", 60), alice);
        gate.release();

        assertThat(await(first)).containsExactly("alice");
        assertThat(await(third)).containsExactly("alice");
        assertThat(duplicate).failsWithin(Duration.ofSeconds(20))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(StoreException.class);
        assertThat(pending(store, "alice")).extracting(Message::id).containsExactly("1", "3");
    }

    @Test
    void appendedMessagesSurviveAReopen() {
        Message m = message("1", 60);
        append(store, m, "alice");
        subscribe(store, "alice", "door");
        store.close();

        store = SqlitePushStore.open(file);
        assertThat(pending(store, "alice")).containsExactly(m);
        assertThat(topics(store, "alice")).containsExactly("door");
        subscribe(store, "alice", "camera");
        subscribe(store, "bob", "door");
        assertThat(topics(store, "alice")).containsExactly("door", "camera");
        assertThat(publish(store, message("2", 60), "door")).containsExactly("alice", "bob");
    }

    @Test
    void reopeningDoesNotMigrateAgain() {
        store.close();
        store = SqlitePushStore.open(file);
        store.close();
        store = SqlitePushStore.open(file);
        int latest = new SchemaMigrator(file).latest();
        // Each script once; not every version number need have one (changes written side by side take one each).
        assertThat(query(file, "SELECT COUNT(*) FROM flyway_schema_history"))
                .isEqualTo(query(file, "SELECT COUNT(DISTINCT version) FROM flyway_schema_history"));
        assertThat(query(file, "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history")).isEqualTo(latest);
    }

    private void seen(String alias, long secondsAfterT0) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        store.submit(new StoreOp.Seen(alias, T0.plusSeconds(secondsAfterT0), result));
        await(result);
    }
}
