package io.alarmhub.gateway.stream;

import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.core.stream.Enterprise;
import io.alarmhub.core.stream.EnterpriseStreams;
import io.alarmhub.core.stream.SecretHash;
import io.alarmhub.core.stream.StreamEvent;
import io.alarmhub.store.SqlitePushStore;
import org.awaitility.Awaitility;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A real SQLite store, one enterprise and a dispatcher over them, for the stream tests. */
final class StreamFixture implements AutoCloseable {

    static final String ENTERPRISE = "ent-1";
    static final String SECRET = "s3cret-of-ent-1";

    final Path file;
    final Clock clock = Clock.systemUTC();
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stream-test-scheduler");
        t.setDaemon(true);
        return t;
    });
    final List<Enterprise> enterprises;
    PushStore store;
    EnterpriseStreams streams;
    private int counter;

    StreamFixture(Path dir) {
        this.file = dir.resolve("stream.db");
        this.enterprises = List.of(
                new Enterprise(ENTERPRISE, fastHash(SECRET), Set.of(), Set.of("acme"), Duration.ofDays(1)),
                new Enterprise("ent-2", fastHash("other"), Set.of(), Set.of("other"), Duration.ofDays(1)));
        this.store = SqlitePushStore.open(file);
        this.streams = new EnterpriseStreams(enterprises, store, clock, scheduler);
    }

    /** A new dispatcher on a reopened store, as after a restart. */
    void restart() {
        store.close();
        store = SqlitePushStore.open(file);
        streams = new EnterpriseStreams(enterprises, store, clock, scheduler);
    }

    /** Stores events available now and tells the dispatcher, as EnterpriseSink does. */
    List<StreamEvent> append(int n) throws Exception {
        Instant now = clock.instant();
        List<StreamEvent.Draft> drafts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            drafts.add(draft(now));
        }
        return append(drafts, true);
    }

    StreamEvent.Draft draft(Instant availableAt) {
        return new StreamEvent.Draft(availableAt, availableAt.plus(Duration.ofDays(1)),
                "{\"event_type\":\"device_online\",\"product_key\":\"acme\",\"did\":\"d" + (++counter) + "\"}");
    }

    List<StreamEvent> append(List<StreamEvent.Draft> drafts, boolean tell) throws Exception {
        CompletableFuture<List<StreamEvent>> result = new CompletableFuture<>();
        CompletableFuture<List<StreamEvent>> done = result.thenApply(events -> {
            if (tell) {
                streams.committed(events);
            }
            return events;
        });
        store.submit(new StoreOp.StreamAppend(ENTERPRISE, drafts, result));
        return done.get(10, TimeUnit.SECONDS);
    }

    /** Waits until every operation submitted so far is durable (the store applies them in order). */
    List<StreamEvent> pendingInStore() throws Exception {
        CompletableFuture<List<StreamEvent>> result = new CompletableFuture<>();
        CompletableFuture<List<StreamEvent>> done = result.thenApply(e -> e);
        store.submit(new StoreOp.StreamPending(ENTERPRISE, clock.instant(), 1000, result));
        return done.get(10, TimeUnit.SECONDS);
    }

    static void eventually(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(condition::getAsBoolean);
    }

    /** Like SecretHash.of, with few iterations so that tests stay fast. */
    static SecretHash fastHash(String secret) {
        try {
            byte[] salt = "0123456789abcdef".getBytes();
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, 1000, 256);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Base64.Encoder b64 = Base64.getEncoder();
            return SecretHash.parse("pbkdf2-sha256$1000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        store.close();
    }
}
