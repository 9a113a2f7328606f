package io.alarmhub.store;

import io.alarmhub.core.store.StoreOp;
import io.alarmhub.core.store.VendorRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.alarmhub.store.StoreFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Vendor records against a real SQLite file: written, replaced, deleted, and there after a reopen. */
class VendorRecordsTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aRecordIsReplacedByKeyAndSurvivesAReopen() {
        Path file = dir.resolve("push.db");
        try (SqlitePushStore store = SqlitePushStore.open(file)) {
            put(store, record("camera", "110234567894562", Optional.of("alice"), "{\"v\":1}"));
            put(store, record("camera", "110234567894562", Optional.of("bob"), "{\"v\":2}"));
            put(store, record("camera", "110234567894563", Optional.empty(), "{\"v\":3}"));
            put(store, record("grant", "110234567894562", Optional.empty(), "{}"));
        }
        try (SqlitePushStore store = SqlitePushStore.open(file)) {
            List<VendorRecord> cameras = load(store, "camera");
            assertThat(cameras).extracting(VendorRecord::key).containsExactly("110234567894562", "110234567894563");
            assertThat(cameras.get(0).owner()).contains("bob");
            assertThat(cameras.get(0).body()).isEqualTo("{\"v\":2}");
            assertThat(cameras.get(0).updated()).isEqualTo(T);
            assertThat(cameras.get(1).owner()).isEmpty();
            assertThat(load(store, "grant")).hasSize(1);
        }
    }

    @Test
    void deleteSaysWhetherThereWasOne() {
        try (SqlitePushStore store = SqlitePushStore.open(dir.resolve("push.db"))) {
            put(store, record("camera", "k", Optional.empty(), "{}"));
            assertThat(delete(store, "camera", "k")).isTrue();
            assertThat(delete(store, "camera", "k")).isFalse();
            assertThat(load(store, "camera")).isEmpty();
        }
    }

    private static VendorRecord record(String kind, String key, Optional<String> owner, String body) {
        return new VendorRecord("hemu", kind, key, owner, body, T);
    }

    private static void put(SqlitePushStore store, VendorRecord record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        store.submit(new StoreOp.PutRecord(record, done));
        await(done);
    }

    private static boolean delete(SqlitePushStore store, String kind, String key) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        store.submit(new StoreOp.DeleteRecord("hemu", kind, key, done));
        return await(done);
    }

    private static List<VendorRecord> load(SqlitePushStore store, String kind) {
        CompletableFuture<List<VendorRecord>> done = new CompletableFuture<>();
        store.submit(new StoreOp.LoadRecords("hemu", kind, done));
        return await(done);
    }
}
