package io.alarmhub.gateway.device.hemu.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.core.store.VendorRecord;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the platform knows of cameras, accounts, registration tokens and wired bindings: in memory, loaded
 * from the store's vendor records at start, and changed only by store operations made here, whose
 * continuations update memory on the store's commit thread, in commit order. So memory never shows what the
 * store does not have, and a change that was refused leaves no trace.
 *
 * <p>Registration tokens and bindings are bounded ({@code capacity} each): past it, expired ones are
 * deleted, and if none has expired a new one is refused ({@link PlatformException} {@code FULL}) rather
 * than growing memory.
 */
public final class CameraDirectory {

    static final String VENDOR = "hemu";
    static final String CAMERA = "camera";
    static final String ACCOUNT = "account";
    static final String GRANT = "grant";
    static final String BINDING = "binding";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PushStore store;
    private final Clock clock;
    private final int capacity;
    private final Map<String, Camera> cameras = new ConcurrentHashMap<>();
    /** The camera each live token hash belongs to: the HEDGW login names a camera by its token alone. */
    private final Map<String, String> byTokenHash = new ConcurrentHashMap<>();
    private final Map<String, String> unifiedIds = new ConcurrentHashMap<>();
    /** The {@code unifiedId}s of accounts whose first registration is not yet durable. */
    private final Map<String, String> creating = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    private final Serial serial = new Serial();
    private final List<Consumer<String>> removals = new CopyOnWriteArrayList<>();

    private CameraDirectory(PushStore store, Clock clock, int capacity) {
        this.store = store;
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Loads every record of the platform; completes once memory holds them all. */
    public static CompletableFuture<CameraDirectory> load(PushStore store, Clock clock, int capacity) {
        CameraDirectory directory = new CameraDirectory(store, clock, capacity);
        return directory.loadKind(CAMERA, r -> directory.remember(Camera.of(parse(r))))
                .thenCompose(x -> directory.loadKind(ACCOUNT,
                        r -> directory.unifiedIds.put(r.key(), parse(r).path("unifiedId").asText())))
                .thenCompose(x -> directory.loadKind(GRANT, r -> directory.grants.put(r.key(), Grant.of(r.key(), parse(r)))))
                .thenCompose(x -> directory.loadKind(BINDING,
                        r -> directory.bindings.put(r.key(), Binding.of(r.key(), parse(r)))))
                .thenApply(x -> directory);
    }

    private CompletableFuture<Void> loadKind(String kind, Consumer<VendorRecord> into) {
        CompletableFuture<List<VendorRecord>> loaded = new CompletableFuture<>();
        CompletableFuture<Void> done = loaded.thenAccept(records -> records.forEach(into));
        store.submitOrFail(new StoreOp.LoadRecords(VENDOR, kind, loaded));
        return done;
    }

    /** The clock's time to the second: expiries are written and answered in whole seconds. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Runs work on one camera after the work asked for it before has finished. */
    public <T> CompletableFuture<T> serially(String deviceId, Supplier<CompletableFuture<T>> work) {
        return serial.run(deviceId, work);
    }

    public Optional<Camera> camera(String deviceId) {
        return Optional.ofNullable(cameras.get(deviceId));
    }

    /** The camera whose live token this is. */
    public Optional<Camera> byToken(String deviceToken) {
        return Optional.ofNullable(byTokenHash.get(Secrets.hash(deviceToken))).flatMap(this::camera);
    }

    private void remember(Camera camera) {
        Camera before = cameras.put(camera.deviceId(), camera);
        if (before != null) {
            byTokenHash.remove(before.tokenHash(), camera.deviceId());
        }
        byTokenHash.put(camera.tokenHash(), camera.deviceId());
    }

    /** The camera, when {@code deviceToken} is the one it was last given. */
    public Optional<Camera> authenticated(String deviceId, String deviceToken) {
        return camera(deviceId).filter(c -> Secrets.matches(deviceToken, c.tokenHash()));
    }

    /** Every registered camera, by {@code deviceId}: what a firmware rollout picks its cameras from. */
    public List<Camera> cameras() {
        return cameras.values().stream().sorted(Comparator.comparing(Camera::deviceId)).toList();
    }

    /** An account's cameras, by {@code deviceId}. */
    public List<Camera> camerasOf(String alias) {
        return cameras.values().stream().filter(c -> c.owner().equals(alias))
                .sorted(Comparator.comparing(Camera::deviceId)).toList();
    }

    /** The account's {@code unifiedId}, when it has one. */
    public Optional<String> unifiedId(String alias) {
        return Optional.ofNullable(unifiedIds.get(alias));
    }

    /** The live registration token with this text. */
    public Optional<Grant> grant(String userToken) {
        Instant now = now();
        return Optional.ofNullable(grants.get(Secrets.hash(userToken))).filter(g -> g.liveAt(now));
    }

    /** The live wired binding for this camera, by its {@code deviceId} first, then by its MAC. */
    public Optional<Binding> binding(String deviceId, Optional<String> mac) {
        Instant now = now();
        return Optional.ofNullable(bindings.get(Binding.byDeviceId(deviceId)))
                .or(() -> mac.map(m -> bindings.get(Binding.byMac(m))))
                .filter(b -> b.liveAt(now));
    }

    /**
     * Commits operations made here together, and completes once they are durable and memory shows them: the
     * members' own continuations (which update memory) run before the transaction's future completes.
     */
    public CompletableFuture<Void> commit(List<StoreOp> ops) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        store.submitOrFail(new StoreOp.Atomic(ops, all));
        return all;
    }

    /**
     * The operation that stores a camera (registered or changed); memory follows once it is durable. Wait on
     * {@link #commit}, or on an event's future, not on the operation's own result: its continuations may
     * run in any order.
     */
    public StoreOp put(Camera camera) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        stored.thenRun(() -> remember(camera));
        return new StoreOp.PutRecord(record(CAMERA, camera.deviceId(), Optional.of(camera.owner()), camera.json()),
                stored);
    }

    /**
     * The operation that forgets a camera (unbound): its token stops working once it is durable, and then
     * whatever watches removals ({@link #onRemoved}) hears of it.
     */
    public StoreOp remove(String deviceId) {
        CompletableFuture<Boolean> removed = new CompletableFuture<>();
        removed.thenRun(() -> {
            Optional.ofNullable(cameras.remove(deviceId)).ifPresent(gone -> byTokenHash.remove(gone.tokenHash(),
                    deviceId));
            removals.forEach(watcher -> watcher.accept(deviceId));
        });
        return new StoreOp.DeleteRecord(VENDOR, CAMERA, deviceId, removed);
    }

    /**
     * Calls {@code watcher} with the {@code deviceId} of each camera forgotten from now on, on the store's
     * commit thread: the HEDGW tells a connected camera it was deleted, and closes its connection.
     */
    public void onRemoved(Consumer<String> watcher) {
        removals.add(watcher);
    }

    /**
     * The account's {@code unifiedId}: the one it has, or a new one with the operation that stores it, to be
     * committed with the registration that needs it.
     */
    public Account account(String alias, String mobile) {
        String known = unifiedIds.get(alias);
        if (known != null) {
            return new Account(known, Optional.empty());
        }
        // Each camera has its own serial, so two of one new account may register at once: until the new id
        // is durable they are all given the same one, else the account would end with two.
        String id = creating.computeIfAbsent(alias,
                a -> Optional.ofNullable(unifiedIds.get(a)).orElseGet(Secrets::unifiedId));
        CompletableFuture<Void> stored = new CompletableFuture<>();
        stored.whenComplete((x, failure) -> {
            if (failure == null) {
                unifiedIds.putIfAbsent(alias, id);
            }
            creating.remove(alias, id);
        });
        return new Account(id, Optional.of(new StoreOp.PutRecord(record(ACCOUNT, alias, Optional.of(alias),
                JSON.createObjectNode().put("unifiedId", id).put("mobile", mobile)), stored)));
    }

    /** An account's {@code unifiedId}, and the operation that stores it when it is new. */
    public record Account(String unifiedId, Optional<StoreOp> create) {
    }

    /** Issues a registration token: completes with the token itself, which is kept nowhere but by the caller. */
    public CompletableFuture<IssuedGrant> issueGrant(String alias, String mobile, Instant expires) {
        String token = Secrets.userToken();
        Grant grant = new Grant(Secrets.hash(token), alias, mobile, expires);
        return room(grants, GRANT).thenCompose(x -> {
            CompletableFuture<Void> stored = new CompletableFuture<>();
            CompletableFuture<IssuedGrant> issued = stored.thenApply(y -> {
                grants.put(grant.tokenHash(), grant);
                return new IssuedGrant(token, grant);
            });
            store.submitOrFail(new StoreOp.PutRecord(record(GRANT, grant.tokenHash(), Optional.of(alias), grant.json()),
                    stored));
            return issued;
        });
    }

    /** Starts (or restarts) a wired binding for a {@code deviceId} or a MAC. */
    public CompletableFuture<Binding> startBinding(String key, String alias, String mobile, Instant expires) {
        Binding binding = new Binding(key, alias, mobile, expires);
        return room(bindings, BINDING).thenCompose(x -> {
            CompletableFuture<Void> stored = new CompletableFuture<>();
            CompletableFuture<Binding> started = stored.thenApply(y -> {
                bindings.put(key, binding);
                return binding;
            });
            store.submitOrFail(new StoreOp.PutRecord(record(BINDING, key, Optional.of(alias), binding.json()), stored));
            return started;
        });
    }

    /** The operations that end the bindings of a camera once it has registered. */
    public List<StoreOp> endBindings(String deviceId, String mac) {
        return List.of(Binding.byDeviceId(deviceId), Binding.byMac(mac)).stream()
                .filter(bindings::containsKey)
                .map(key -> {
                    CompletableFuture<Boolean> removed = new CompletableFuture<>();
                    removed.thenRun(() -> bindings.remove(key));
                    return (StoreOp) new StoreOp.DeleteRecord(VENDOR, BINDING, key, removed);
                }).toList();
    }

    /** Makes room for one more entry, deleting expired ones when full; fails {@code FULL} when none has expired. */
    private <T> CompletableFuture<Void> room(Map<String, T> entries, String kind) {
        if (entries.size() < capacity) {
            return CompletableFuture.completedFuture(null);
        }
        Instant now = now();
        List<String> expired = entries.entrySet().stream()
                .filter(e -> e.getValue() instanceof Grant g ? !g.liveAt(now) : !((Binding) e.getValue()).liveAt(now))
                .map(Map.Entry::getKey).toList();
        if (expired.isEmpty()) {
            return CompletableFuture.failedFuture(new PlatformException(PlatformException.Reason.FULL,
                    "too many " + kind + "s waiting; try again later"));
        }
        CompletableFuture<Void> all = new CompletableFuture<>();
        List<StoreOp> deletes = expired.stream().map(key -> {
            CompletableFuture<Boolean> removed = new CompletableFuture<>();
            removed.thenRun(() -> entries.remove(key));
            return (StoreOp) new StoreOp.DeleteRecord(VENDOR, kind, key, removed);
        }).toList();
        store.submitOrFail(new StoreOp.Atomic(deletes, all));
        return all;
    }

    private VendorRecord record(String kind, String key, Optional<String> owner, JsonNode body) {
        return new VendorRecord(VENDOR, kind, key, owner, body.toString(), now());
    }

    private static JsonNode parse(VendorRecord record) {
        try {
            return JSON.readTree(record.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the store's " + record.kind() + " record " + record.key()
                    + " is not JSON", e);
        }
    }

    /** A registration token as issued: the token itself is in the caller's hands only. */
    public record IssuedGrant(String userToken, Grant grant) {
        @Override
        public String toString() {
            return "IssuedGrant[" + grant.alias() + ", expires " + grant.expires() + "]";
        }
    }
}
