package io.alarmhub.store;

import io.alarmhub.core.message.Target;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.core.store.StoreOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import static io.alarmhub.store.StoreFixture.T0;
import static io.alarmhub.store.StoreFixture.await;
import static io.alarmhub.store.StoreFixture.message;
import static io.alarmhub.store.StoreFixture.pending;
import static io.alarmhub.store.StoreFixture.submitAppend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer thread: ordering, grouping, the bounded queue and closing. */
class GroupCommitTest {

    private static final Target ALICE = new Target.Aliases(List.of("alice"));

    @TempDir
    Path dir;
    private SqlitePushStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private SqlitePushStore open(SqlitePushStore.Options options) {
        store = SqlitePushStore.open(dir.resolve("push.db"), options);
        return store;
    }

    @Test
    void completesEveryOperationOnOneThreadInSubmissionOrder() {
        open(SqlitePushStore.Options.DEFAULT);
        Queue<String> completions = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> futures = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int index = i;
            CompletableFuture<Object> result = new CompletableFuture<>();
            // Wait on the continuation, not on result: a thread blocked in result.get() would help run
            // result's dependents itself, off the writer thread.
            futures.add(result.whenComplete((value, failure) ->
                    completions.add(index + "@" + Thread.currentThread().getName())));
            submit(i, result);
        }
        futures.forEach(StoreFixture::await);

        assertThat(completions).hasSize(3000);
        assertThat(completions).map(c -> Integer.parseInt(c.substring(0, c.indexOf('@'))))
                .containsExactlyElementsOf(IntStream.range(0, 3000).boxed().toList());
        assertThat(completions).map(c -> c.substring(c.indexOf('@') + 1)).containsOnly("alarmhub-store-writer");
    }

    /** One of each kind of operation in turn, all completing the same future type for the test's sake. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void submit(int i, CompletableFuture<Object> result) {
        CompletableFuture raw = result;
        String alias = "alias" + (i % 7);
        StoreOp op = switch (i % 6) {
            case 0 -> new StoreOp.Append(message("m" + i, 60), new Target.Aliases(List.of(alias)), raw);
            case 1 -> new StoreOp.Pending(alias, T0, 0, 10, raw);
            case 2 -> new StoreOp.Ack(alias, "m" + (i - 2), raw);
            case 3 -> new StoreOp.Subscribe(alias, List.of("t" + i % 5), raw);
            case 4 -> new StoreOp.Topics(alias, raw);
            default -> new StoreOp.Seen(alias, T0, raw);
        };
        store.submit(op);
    }

    @Test
    void commitsManyOperationsPerTransaction() {
        open(SqlitePushStore.Options.DEFAULT);
        long before = store.commits();
        List<CompletableFuture<List<String>>> appends = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            appends.add(submitAppend(store, message("m" + i, 60), ALICE));
        }
        appends.forEach(StoreFixture::await);

        assertThat(store.commits() - before).isPositive().isLessThan(5000);
        assertThat(pending(store, "alice")).hasSize(1000); // the fixture's limit
    }

    @Test
    void groupsAtMostMaxBatchOperations() throws InterruptedException {
        open(new SqlitePushStore.Options(10_000, 100));
        StoreFixture.Gate gate = StoreFixture.Gate.hold(store);
        long held = store.commits();
        List<CompletableFuture<List<String>>> appends = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            appends.add(submitAppend(store, message("m" + i, 60), ALICE));
        }
        gate.release();
        appends.forEach(StoreFixture::await);

        assertThat(store.commits() - held).isEqualTo(10);
    }

    @Test
    void aBusyWriterGathersWhatArrivesWithinTheCommitDelayIntoOneCommit() {
        open(new SqlitePushStore.Options(10_000, 1024, Duration.ofSeconds(1)));
        await(submitAppend(store, message("first", 60), ALICE)); // the writer has just committed: busy
        long before = store.commits();
        List<CompletableFuture<List<String>>> appends = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // one at a time, as requests trickle in: without gathering, the first would commit alone
            appends.add(submitAppend(store, message("m" + i, 60), ALICE));
        }
        appends.forEach(StoreFixture::await);

        assertThat(store.commits() - before).isEqualTo(1);
        assertThat(store.committedOperations()).isEqualTo(4);
    }

    @Test
    void refusesACommitDelayOverOneSecond() {
        assertThatThrownBy(() -> new SqlitePushStore.Options(10, 10, Duration.ofMillis(1001)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commitDelay");
    }

    @Test
    void refusesOperationsWhileItsQueueIsFullAndCatchesUpAfterwards() throws InterruptedException {
        open(new SqlitePushStore.Options(2, 1024));
        StoreFixture.Gate gate = StoreFixture.Gate.hold(store);
        CompletableFuture<List<String>> first = submitAppend(store, message("1", 60), ALICE);
        CompletableFuture<List<String>> second = submitAppend(store, message("2", 60), ALICE);
        CompletableFuture<List<String>> refused = new CompletableFuture<>();
        assertThatThrownBy(() -> store.submit(new StoreOp.Append(message("3", 60), ALICE, refused)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("full");
        gate.release();

        assertThat(await(first)).containsExactly("alice");
        assertThat(await(second)).containsExactly("alice");
        assertThat(refused).isNotDone();
        assertThat(await(submitAppend(store, message("4", 60), ALICE))).containsExactly("alice");
        assertThat(pending(store, "alice")).extracting(m -> m.id()).containsExactly("1", "2", "4");
    }

    @Test
    void closeFinishesWhatWasQueuedAndTheDataIsStillThereAfterReopening() {
        open(SqlitePushStore.Options.DEFAULT);
        List<CompletableFuture<List<String>>> appends = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            appends.add(submitAppend(store, message("m" + i, 60), ALICE));
        }
        store.close();

        assertThat(appends).allSatisfy(f -> assertThat(f).isCompletedWithValue(List.of("alice")));
        open(SqlitePushStore.Options.DEFAULT);
        assertThat(pending(store, "alice")).hasSize(500);
    }

    @Test
    void closedStoreRefusesOperationsAndClosesOnlyOnce() {
        open(SqlitePushStore.Options.DEFAULT);
        store.close();
        store.close();
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        assertThatThrownBy(() -> store.submit(new StoreOp.Append(message("1", 60), ALICE, result)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
        assertThat(result).isNotDone();
    }

    @Test
    void closingFromAContinuationDoesNotDeadlock() {
        open(SqlitePushStore.Options.DEFAULT);
        CompletableFuture<Void> seen = new CompletableFuture<>();
        CompletableFuture<Void> closedFromWriter = seen.thenRun(store::close);
        store.submit(new StoreOp.Seen("alice", T0, seen));
        await(closedFromWriter);

        assertThatThrownBy(() -> store.submit(new StoreOp.Seen("bob", T0, new CompletableFuture<>())))
                .isInstanceOf(StoreException.class);
        store.close();
    }
}
