package io.alarmhub.store;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.store.Recording;
import io.alarmhub.core.store.RecordingKind;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.core.store.StoreOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static io.alarmhub.store.StoreFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The index of recorded video, against a real SQLite file: recordings read by the range they overlap, paged
 * and by kind, replaced when their file closes, found by alarm, oldest first across devices, expired per
 * device, left incomplete across a reopen, and deleted by id and per device.
 */
class RecordingIndexTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final DeviceId CAMERA = new DeviceId("hemu", "110234567894562");
    private static final DeviceId OTHER = new DeviceId("hemu", "110234567894563");

    @TempDir
    Path dir;

    @Test
    void aRangeHoldsTheRecordingsThatOverlapItAndNoOthers() {
        Instant from = T.minusSeconds(600);
        Instant to = T.plusSeconds(600);
        Recording endsJustBefore = recording("a", CAMERA, RecordingKind.CONTINUOUS, T.minusSeconds(1200),
                from.minusMillis(1));
        Recording endsAtFrom = recording("b", CAMERA, RecordingKind.CONTINUOUS, T.minusSeconds(1200), from);
        Recording spans = recording("c", CAMERA, RecordingKind.CONTINUOUS, T.minusSeconds(900), T.plusSeconds(900));
        Recording inside = ofAlarm(recording("d", CAMERA, RecordingKind.CLIP, T.minusSeconds(300), T), "alarm-1");
        Recording startsJustBefore = recording("e", CAMERA, RecordingKind.CONTINUOUS, to.minusMillis(1),
                to.plusSeconds(60));
        Recording startsAtTo = recording("f", CAMERA, RecordingKind.CONTINUOUS, to, to.plusSeconds(60));
        Recording otherDevice = recording("g", OTHER, RecordingKind.CONTINUOUS, T, T.plusSeconds(60));
        Path file = dir.resolve("alarmhub.db");
        try (SqlitePushStore store = SqlitePushStore.open(file)) {
            for (Recording r : List.of(startsAtTo, spans, endsJustBefore, inside, otherDevice, endsAtFrom,
                    startsJustBefore)) {
                put(store, r);
            }
        }
        try (SqlitePushStore store = SqlitePushStore.open(file)) {
            StoreOp.RecordingPage page = load(store, CAMERA, from, to, Optional.empty(), Optional.empty(), 100);
            assertThat(page.recordings()).as("oldest first; whole, every field as put")
                    .containsExactly(endsAtFrom, spans, inside, startsJustBefore);
            assertThat(page.cursor()).isEmpty();
            assertThat(page.next()).isEmpty();
        }
    }

    @Test
    void pagesReadOnWithoutRepeatingOrMissingARecordingThatRunsAcrossThem() {
        try (SqlitePushStore store = SqlitePushStore.open(dir.resolve("alarmhub.db"))) {
            put(store, recording("hour", CAMERA, RecordingKind.CONTINUOUS, T, T.plusSeconds(3600)));
            for (int i = 0; i < 4; i++) {
                Instant start = T.plusSeconds(600L * i + 60);
                put(store, recording("clip-" + i, CAMERA, RecordingKind.CLIP, start, start.plusSeconds(30)));
            }
            // Two recordings starting together: a page may end between them.
            put(store, recording("sd-x", CAMERA, RecordingKind.SD_CARD, T.plusSeconds(660), T.plusSeconds(700)));
            List<String> whole = ids(load(store, CAMERA, T, T.plusSeconds(3600), Optional.empty(), Optional.empty(),
                    100).recordings());
            assertThat(whole).containsExactly("hour", "clip-0", "clip-1", "sd-x", "clip-2", "clip-3");

            StoreOp.RecordingPage first = load(store, CAMERA, T.plusSeconds(30), T.plusSeconds(3600), Optional.empty(),
                    Optional.empty(), 3);
            assertThat(ids(first.recordings())).containsExactly("hour", "clip-0", "clip-1");
            assertThat(first.next()).contains(T.plusSeconds(660));
            assertThat(first.cursor()).contains(new StoreOp.RecordingCursor(T.plusSeconds(660), "sd-x"));

            for (int limit = 1; limit <= 6; limit++) {
                assertThat(readAll(store, limit)).as("pages of %d", limit).isEqualTo(whole);
            }
        }
    }

    @Test
    void aKindFilterReadsThatKindOnly() {
        try (SqlitePushStore store = SqlitePushStore.open(dir.resolve("alarmhub.db"))) {
            put(store, recording("c", CAMERA, RecordingKind.CONTINUOUS, T, T.plusSeconds(600)));
            put(store, recording("k1", CAMERA, RecordingKind.CLIP, T.plusSeconds(10), T.plusSeconds(40)));
            put(store, recording("s", CAMERA, RecordingKind.SD_CARD, T.plusSeconds(20), T.plusSeconds(50)));
            put(store, recording("k2", CAMERA, RecordingKind.CLIP, T.plusSeconds(30), T.plusSeconds(60)));

            StoreOp.RecordingPage clips = load(store, CAMERA, T, T.plusSeconds(600), Optional.of(RecordingKind.CLIP),
                    Optional.empty(), 1);
            assertThat(ids(clips.recordings())).containsExactly("k1");
            assertThat(clips.cursor()).contains(new StoreOp.RecordingCursor(T.plusSeconds(30), "k2"));
            assertThat(ids(load(store, CAMERA, T, T.plusSeconds(600), Optional.of(RecordingKind.CLIP), clips.cursor(),
                    1).recordings())).containsExactly("k2");
            assertThat(ids(load(store, CAMERA, T, T.plusSeconds(600), Optional.of(RecordingKind.SD_CARD),
                    Optional.empty(), 10).recordings())).containsExactly("s");
        }
    }

    @Test
    void aRecordingPutAgainWhenItsFileClosesReplacesTheOpenOne() {
        Recording open = new Recording("r", CAMERA, Recording.SD_CARD, RecordingKind.SD_CARD, "h265", "none", T, T,
                T.minusSeconds(3), T.minusSeconds(3), 0, Optional.empty(), "2026/12/07/r.mp4", false);
        Recording closed = new Recording("r", CAMERA, Recording.SD_CARD, RecordingKind.SD_CARD, "h265", "none", T,
                T.plusSeconds(600), T.minusSeconds(3), T.plusSeconds(597), 52_428_800L, Optional.empty(),
                "2026/12/07/r.mp4", true);
        try (SqlitePushStore store = SqlitePushStore.open(dir.resolve("alarmhub.db"))) {
            put(store, open);
            assertThat(loadOne(store, "r")).contains(open);
            assertThat(incomplete(store)).containsExactly(open);

            put(store, closed);
            assertThat(loadOne(store, "r")).contains(closed);
            assertThat(load(store, CAMERA, T, T.plusSeconds(3600), Optional.empty(), Optional.empty(), 10)
                    .recordings()).containsExactly(closed);
            assertThat(incomplete(store)).isEmpty();
            assertThat(loadOne(store, "unknown")).isEmpty();
        }
    }

    @Test
    void anAlarmsClipsAreFoundByItsRefOldestFirst() {
        try (SqlitePushStore store = SqlitePushStore.open(dir.resolve("alarmhub.db"))) {
            put(store, ofAlarm(recording("late", CAMERA, RecordingKind.CLIP, T.plusSeconds(60), T.plusSeconds(90)),
                    "alarm-1"));
            put(store, ofAlarm(recording("early", CAMERA, RecordingKind.CLIP, T, T.plusSeconds(30)), "alarm-1"));
            put(store, ofAlarm(recording("other", CAMERA, RecordingKind.CLIP, T, T.plusSeconds(30)), "alarm-2"));
            put(store, recording("none", CAMERA, RecordingKind.CONTINUOUS, T, T.plusSeconds(600)));

            assertThat(ids(ofAlarm(store, "alarm-1"))).containsExactly("early", "late");
            assertThat(ids(ofAlarm(store, "alarm-2"))).containsExactly("other");
            assertThat(ofAlarm(store, "alarm-3")).isEmpty();
        }
    }

    @Test
    void theOldestCompleteRecordingsOfEveryDeviceComeFirst() {
        try (SqlitePushStore store = SqlitePushStore.open(dir.resolve("alarmhub.db"))) {
            put(store, recording("camera-3", CAMERA, RecordingKind.CONTINUOUS, T, T.plusSeconds(3 * 3600)));
            put(store, recording("other-2", OTHER, RecordingKind.CONTINUOUS, T, T.plusSeconds(2 * 3600)));
            put(store, recording("camera-1", CAMERA, RecordingKind.CLIP, T, T.plusSeconds(3600)));
            put(store, incomplete(recording("writing", OTHER, RecordingKind.CONTINUOUS, T, T)));

            assertThat(ids(oldest(store, 2))).containsExactly("camera-1", "other-2");
            assertThat(ids(oldest(store, 10))).containsExactly("camera-1", "other-2", "camera-3");
        }
    }

    @Test
    void aDevicesCompleteRecordingsThatEndedBeforeTheLimitExpireAndNoOthers() {
        try (SqlitePushStore store = SqlitePushStore.open(dir.resolve("alarmhub.db"))) {
            put(store, recording("older", CAMERA, RecordingKind.CONTINUOUS, T.minusSeconds(7200), T.minusSeconds(3600)));
            put(store, recording("old", CAMERA, RecordingKind.CLIP, T.minusSeconds(600), T.minusMillis(1)));
            put(store, recording("at-limit", CAMERA, RecordingKind.CONTINUOUS, T.minusSeconds(600), T));
            put(store, recording("runs-on", CAMERA, RecordingKind.CONTINUOUS, T.minusSeconds(600), T.plusSeconds(1)));
            put(store, incomplete(recording("writing", CAMERA, RecordingKind.CONTINUOUS, T.minusSeconds(600),
                    T.minusSeconds(600))));
            put(store, recording("other", OTHER, RecordingKind.CONTINUOUS, T.minusSeconds(7200), T.minusSeconds(3600)));

            assertThat(ids(expired(store, CAMERA, T, 10))).containsExactly("older", "old");
            assertThat(ids(expired(store, CAMERA, T, 1))).containsExactly("older");
            assertThat(ids(expired(store, OTHER, T, 10))).containsExactly("other");
        }
    }

    @Test
    void recordingsLeftIncompleteAreThereAfterAReopen() {
        Recording a = incomplete(recording("a", CAMERA, RecordingKind.CONTINUOUS, T, T.plusSeconds(40)));
        Recording b = incomplete(recording("b", OTHER, RecordingKind.CLIP, T.minusSeconds(5), T.plusSeconds(10)));
        Path file = dir.resolve("alarmhub.db");
        try (SqlitePushStore store = SqlitePushStore.open(file)) {
            put(store, a);
            put(store, recording("done", CAMERA, RecordingKind.CONTINUOUS, T.minusSeconds(600), T));
            put(store, b);
        }
        try (SqlitePushStore store = SqlitePushStore.open(file)) {
            assertThat(incomplete(store)).containsExactly(b, a);
        }
    }

    @Test
    void deletingByIdSaysHowManyThereWere() {
        try (SqlitePushStore store = SqlitePushStore.open(dir.resolve("alarmhub.db"))) {
            put(store, recording("a", CAMERA, RecordingKind.CONTINUOUS, T, T.plusSeconds(60)));
            put(store, recording("b", CAMERA, RecordingKind.CONTINUOUS, T.plusSeconds(60), T.plusSeconds(120)));
            put(store, recording("c", OTHER, RecordingKind.CONTINUOUS, T, T.plusSeconds(60)));

            CompletableFuture<Integer> deleted = new CompletableFuture<>();
            store.submit(new StoreOp.DeleteRecordings(List.of("a", "c", "unknown"), deleted));
            assertThat(await(deleted)).isEqualTo(2);

            assertThat(loadOne(store, "a")).isEmpty();
            assertThat(loadOne(store, "c")).isEmpty();
            assertThat(loadOne(store, "b")).isPresent();
        }
    }

    @Test
    void aDevicesRecordingsAreDeletedWithItAndHandedBackForTheirFiles() {
        Recording a = recording("a", CAMERA, RecordingKind.CONTINUOUS, T, T.plusSeconds(60));
        Recording b = incomplete(recording("b", CAMERA, RecordingKind.CONTINUOUS, T.plusSeconds(60),
                T.plusSeconds(60)));
        Recording c = recording("c", OTHER, RecordingKind.CONTINUOUS, T, T.plusSeconds(60));
        try (SqlitePushStore store = SqlitePushStore.open(dir.resolve("alarmhub.db"))) {
            put(store, b);
            put(store, c);
            put(store, a);

            CompletableFuture<List<Recording>> deleted = new CompletableFuture<>();
            store.submit(new StoreOp.DeleteDeviceRecordings(CAMERA, deleted));
            assertThat(await(deleted)).containsExactly(a, b);

            assertThat(load(store, CAMERA, T, T.plusSeconds(3600), Optional.empty(), Optional.empty(), 10)
                    .recordings()).isEmpty();
            assertThat(incomplete(store)).isEmpty();
            assertThat(loadOne(store, "c")).contains(c);
        }
    }

    @Test
    void aFileIsIndexedByOneRecordingOnly() {
        Recording first = recording("a", CAMERA, RecordingKind.CONTINUOUS, T, T.plusSeconds(60));
        Recording sameFile = new Recording("b", CAMERA, Recording.LIVE, RecordingKind.CONTINUOUS, "h264", "flac", T,
                T.plusSeconds(60), T, T.plusSeconds(60), 1, Optional.empty(), first.mediaKey(), true);
        try (SqlitePushStore store = SqlitePushStore.open(dir.resolve("alarmhub.db"))) {
            put(store, first);
            CompletableFuture<Void> refused = new CompletableFuture<>();
            store.submit(new StoreOp.PutRecording(sameFile, refused));
            assertThat(refused).failsWithin(Duration.ofSeconds(20))
                    .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(StoreException.class);
            assertThat(loadOne(store, "b")).isEmpty();
            assertThat(loadOne(store, "a")).contains(first);
        }
    }

    @Test
    void aRecordingThatCannotBeOneIsRefusedBeforeTheStore() {
        assertThatThrownBy(() -> recording("a", CAMERA, RecordingKind.CLIP, T, T.minusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
        assertThatThrownBy(() -> recording("a", CAMERA, RecordingKind.CLIP, T,
                T.plus(Recording.MAX_DURATION).plusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than");
        assertThat(recording("a", CAMERA, RecordingKind.CONTINUOUS, T, T.plus(Recording.MAX_DURATION)).end())
                .isEqualTo(T.plus(Recording.MAX_DURATION));
        assertThatThrownBy(() -> recording(" ", CAMERA, RecordingKind.CLIP, T, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> recording("x".repeat(Recording.MAX_TEXT + 1), CAMERA, RecordingKind.CLIP, T, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> withBytes(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative size");
        assertThatThrownBy(() -> withKey("/etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mediaKey");
        assertThatThrownBy(() -> withKey("2026/../../etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mediaKey");
        assertThatThrownBy(() -> withKey("2026//a.mp4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mediaKey");
        assertThat(withKey("2026/12/07/a.mp4").mediaKey()).isEqualTo("2026/12/07/a.mp4");
        assertThatThrownBy(() -> ofAlarm(recording("a", CAMERA, RecordingKind.CLIP, T, T), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alarmRef");
        assertThatThrownBy(() -> new StoreOp.DeleteRecordings(Collections.nCopies(
                StoreOp.DeleteRecordings.MAX_IDS + 1, "a"), new CompletableFuture<>()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoreOp.LoadRecordings(CAMERA, T, T, Optional.empty(), 0,
                new CompletableFuture<>())).isInstanceOf(IllegalArgumentException.class);
    }

    /** Reads the recordings overlapping the hour after T page by page, following each page's cursor. */
    private static List<String> readAll(SqlitePushStore store, int limit) {
        List<String> ids = new ArrayList<>();
        Optional<StoreOp.RecordingCursor> after = Optional.empty();
        for (int pages = 0; pages <= 6; pages++) {
            StoreOp.RecordingPage page = load(store, CAMERA, T, T.plusSeconds(3600), Optional.empty(), after, limit);
            assertThat(page.recordings()).hasSizeLessThanOrEqualTo(limit);
            ids.addAll(ids(page.recordings()));
            after = page.cursor();
            if (after.isEmpty()) {
                return ids;
            }
        }
        throw new AssertionError("pages of " + limit + " did not come to an end: " + ids);
    }

    private static Recording recording(String id, DeviceId device, RecordingKind kind, Instant start, Instant end) {
        return new Recording(id, device, Recording.LIVE, kind, "h264", "flac", start, end, start.minusSeconds(3),
                end.minusSeconds(3), 1_000_000L, Optional.empty(), "2026/12/07/" + id + ".mp4", true);
    }

    private static Recording incomplete(Recording r) {
        return new Recording(r.id(), r.device(), r.channel(), r.kind(), r.videoCodec(), r.audioCodec(), r.start(),
                r.end(), r.cameraStart(), r.cameraEnd(), r.bytes(), r.alarmRef(), r.mediaKey(), false);
    }

    private static Recording ofAlarm(Recording r, String alarmRef) {
        return new Recording(r.id(), r.device(), r.channel(), r.kind(), r.videoCodec(), r.audioCodec(),
                r.start(), r.end(), r.cameraStart(), r.cameraEnd(), r.bytes(), Optional.of(alarmRef), r.mediaKey(),
                r.complete());
    }

    private static Recording withBytes(long bytes) {
        return new Recording("a", CAMERA, Recording.LIVE, RecordingKind.CLIP, "h264", "none", T, T, T, T, bytes,
                Optional.empty(), "a.mp4", true);
    }

    private static Recording withKey(String key) {
        return new Recording("a", CAMERA, Recording.LIVE, RecordingKind.CLIP, "h264", "none", T, T, T, T, 0,
                Optional.empty(), key, true);
    }

    private static List<String> ids(List<Recording> recordings) {
        return recordings.stream().map(Recording::id).toList();
    }

    private static void put(SqlitePushStore store, Recording recording) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        store.submit(new StoreOp.PutRecording(recording, done));
        await(done);
    }

    private static StoreOp.RecordingPage load(SqlitePushStore store, DeviceId device, Instant from, Instant to,
                                              Optional<RecordingKind> kind, Optional<StoreOp.RecordingCursor> after,
                                              int limit) {
        CompletableFuture<StoreOp.RecordingPage> done = new CompletableFuture<>();
        store.submit(new StoreOp.LoadRecordings(device, from, to, kind, after, limit, done));
        return await(done);
    }

    private static Optional<Recording> loadOne(SqlitePushStore store, String id) {
        CompletableFuture<Optional<Recording>> done = new CompletableFuture<>();
        store.submit(new StoreOp.LoadRecording(id, done));
        return await(done);
    }

    private static List<Recording> ofAlarm(SqlitePushStore store, String alarmRef) {
        CompletableFuture<List<Recording>> done = new CompletableFuture<>();
        store.submit(new StoreOp.LoadRecordingsOfAlarm(alarmRef, done));
        return await(done);
    }

    private static List<Recording> oldest(SqlitePushStore store, int limit) {
        CompletableFuture<List<Recording>> done = new CompletableFuture<>();
        store.submit(new StoreOp.OldestRecordings(limit, done));
        return await(done);
    }

    private static List<Recording> expired(SqlitePushStore store, DeviceId device, Instant before, int limit) {
        CompletableFuture<List<Recording>> done = new CompletableFuture<>();
        store.submit(new StoreOp.ExpiredRecordings(device, before, limit, done));
        return await(done);
    }

    private static List<Recording> incomplete(SqlitePushStore store) {
        CompletableFuture<List<Recording>> done = new CompletableFuture<>();
        store.submit(new StoreOp.IncompleteRecordings(done));
        return await(done);
    }
}
