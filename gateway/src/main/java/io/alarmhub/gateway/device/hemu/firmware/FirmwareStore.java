package io.alarmhub.gateway.device.hemu.firmware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.core.store.VendorRecord;
import io.alarmhub.gateway.device.hemu.HemuAdapter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The firmware part's records in the store's {@code vendor_record} table (vendor {@code hemu}): packages,
 * rollouts and the cameras' updates, as JSON. Memory follows the store: each operation made here carries the
 * continuation that changes memory once the operation is durable, on the store's commit thread.
 */
final class FirmwareStore {

    static final String PACKAGE = "firmware_package";
    static final String ROLLOUT = "firmware_rollout";
    static final String UPDATE = "firmware_update";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PushStore store;
    private final Clock clock;

    FirmwareStore(PushStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** Every record of a kind, as JSON, once the store has read them. */
    CompletableFuture<List<JsonNode>> load(String kind) {
        CompletableFuture<List<VendorRecord>> loaded = new CompletableFuture<>();
        CompletableFuture<List<JsonNode>> parsed = loaded.thenApply(records -> records.stream()
                .map(FirmwareStore::parse).toList());
        store.submitOrFail(new StoreOp.LoadRecords(HemuAdapter.VENDOR, kind, loaded));
        return parsed;
    }

    /** Writes a record; {@code then} runs once it is durable. */
    StoreOp put(String kind, String key, Optional<String> owner, JsonNode body, Runnable then) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        stored.thenRun(then);
        return new StoreOp.PutRecord(new VendorRecord(HemuAdapter.VENDOR, kind, key, owner, body.toString(), now()),
                stored);
    }

    /** Deletes a record; {@code then} runs once that is durable. */
    StoreOp delete(String kind, String key, Runnable then) {
        CompletableFuture<Boolean> deleted = new CompletableFuture<>();
        deleted.thenRun(then);
        return new StoreOp.DeleteRecord(HemuAdapter.VENDOR, kind, key, deleted);
    }

    /** Commits operations made here in one transaction; completes once they are durable and memory shows them. */
    CompletableFuture<Void> commit(List<StoreOp> ops) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        store.submitOrFail(new StoreOp.Atomic(ops, all));
        return all;
    }

    private static JsonNode parse(VendorRecord record) {
        try {
            return JSON.readTree(record.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the store's " + record.kind() + " record " + record.key()
                    + " is not JSON", e);
        }
    }
}
