package io.alarmhub.store;

import io.alarmhub.core.message.Message;
import io.alarmhub.core.message.Target;
import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.StoreOp;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Helpers shared by the store tests: ops submitted and awaited, messages, a gate that holds the writer. */
final class StoreFixture {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private StoreFixture() {
    }

    static Message message(String id, long ttlSeconds) {
        return new Message(id, "{\"n\":\"" + id + "\"}", Optional.empty(), T0, T0.plusSeconds(ttlSeconds));
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("store operation did not complete normally", e);
        }
    }

    static CompletableFuture<List<String>> submitAppend(PushStore store, Message message, Target target) {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        store.submit(new StoreOp.Append(message, target, result));
        return result;
    }

    static List<String> append(PushStore store, Message message, String... aliases) {
        return await(submitAppend(store, message, new Target.Aliases(List.of(aliases))));
    }

    static List<String> publish(PushStore store, Message message, String... topics) {
        return await(submitAppend(store, message, new Target.Topics(List.of(topics))));
    }

    static List<Message> pending(PushStore store, String alias, Instant now) {
        CompletableFuture<StoreOp.PendingPage> result = new CompletableFuture<>();
        store.submit(new StoreOp.Pending(alias, now, 0, 1000, result));
        return await(result).messages();
    }

    static List<Message> pending(PushStore store, String alias) {
        return pending(store, alias, T0);
    }

    static boolean ack(PushStore store, String alias, String messageId) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        store.submit(new StoreOp.Ack(alias, messageId, result));
        return await(result);
    }

    static void subscribe(PushStore store, String alias, String... topics) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        store.submit(new StoreOp.Subscribe(alias, List.of(topics), result));
        await(result);
    }

    static List<String> topics(PushStore store, String alias) {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        store.submit(new StoreOp.Topics(alias, result));
        return await(result);
    }

    static int purge(PushStore store, Instant now) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        store.submit(new StoreOp.Purge(now, result));
        return await(result);
    }

    /** A single value from a query run on a connection of its own, as another reader of the file would. */
    static long query(Path file, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Holds the writer thread inside a continuation until {@link #release()}, so that ops pile up in the queue. */
    static final class Gate {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Submits an op whose continuation blocks, and returns once the writer is blocked in it. */
        static Gate hold(PushStore store) throws InterruptedException {
            Gate gate = new Gate();
            CompletableFuture<Void> seen = new CompletableFuture<>();
            seen.thenRun(() -> {
                gate.entered.countDown();
                try {
                    gate.released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            store.submit(new StoreOp.Seen("gatekeeper", T0, seen));
            if (!gate.entered.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("writer never reached the gate");
            }
            return gate;
        }

        void release() {
            released.countDown();
        }
    }
}
