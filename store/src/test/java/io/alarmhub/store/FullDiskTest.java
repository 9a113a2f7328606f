package io.alarmhub.store;

import io.alarmhub.core.message.Message;
import io.alarmhub.core.message.Target;
import io.alarmhub.core.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static io.alarmhub.store.StoreFixture.T0;
import static io.alarmhub.store.StoreFixture.pending;
import static io.alarmhub.store.StoreFixture.submitAppend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The store on a real file system that fills up: refusals, nothing ok'd lost, and writes again once there is room. */
class FullDiskTest {

    private static final Target ALICE = new Target.Aliases(List.of("alice"));
    private static final String BODY = "\"" + "x".repeat(2000) + "\"";

    @TempDir
    Path dir;
    private int next;

    @Test
    void refusesWritesWhileTheDiskIsFullKeepsWhatItAcceptedAndAcceptsAgainOnceThereIsRoom() throws Exception {
        try (SmallFileSystem disk = SmallFileSystem.mount(dir.resolve("disk"), "4m")) {
            Path file = disk.dir.resolve("push.db");
            Path filler = disk.dir.resolve("filler");
            List<String> accepted = new ArrayList<>();
            SqlitePushStore store = SqlitePushStore.open(file, new SqlitePushStore.Options(1024, 16));
            try {
                publishAll(store, 20, accepted);
                disk.fill(filler);
                List<Throwable> refusals = new ArrayList<>();
                // What SQLite still has room for in pages it already holds is accepted; then it is full.
                for (int round = 0; round < 200 && refusals.size() < 50; round++) {
                    refusals.addAll(publishAll(store, 20, accepted));
                }
                assertThat(refusals).hasSizeGreaterThanOrEqualTo(50).allSatisfy(refusal -> assertThat(refusal)
                        .isInstanceOf(StoreException.class).hasMessageContaining("disk full"));
                assertThat(store.writeFailures("disk_full")).isGreaterThanOrEqualTo(refusals.size());

                Files.delete(filler);
                await().atMost(Duration.ofSeconds(20)).until(() -> publishAll(store, 1, accepted).isEmpty());
                assertThat(publishAll(store, 20, accepted)).isEmpty();
            } finally {
                store.close();
            }
            SqlitePushStore reopened = SqlitePushStore.open(file);
            try {
                assertThat(pending(reopened, "alice", T0).stream().map(Message::id).toList())
                        .containsExactlyElementsOf(accepted);
            } finally {
                reopened.close();
            }
        }
    }

    /** Publishes {@code count} messages in one group; adds the ids of those answered ok, returns the failures. */
    private List<Throwable> publishAll(SqlitePushStore store, int count, List<String> accepted) {
        List<Message> messages = new ArrayList<>();
        List<CompletableFuture<List<String>>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = new Message(String.format("m%06d", next++), BODY, Optional.empty(), T0,
                    T0.plusSeconds(3600));
            messages.add(message);
            results.add(submitAppend(store, message, ALICE));
        }
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                results.get(i).join();
                accepted.add(messages.get(i).id());
            } catch (CompletionException e) {
                failures.add(e.getCause());
            }
        }
        return failures;
    }
}
