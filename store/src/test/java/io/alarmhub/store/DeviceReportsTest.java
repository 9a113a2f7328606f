package io.alarmhub.store;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.message.Target;
import io.alarmhub.core.store.DayReport;
import io.alarmhub.core.store.PeopleCount;
import io.alarmhub.core.store.StoreOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.alarmhub.store.StoreFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What devices report over time, against a real SQLite file: people counts read by range with the range's
 * totals and paged, day reports replaced by day, both deleted per device and by retention, and there after a
 * reopen.
 */
class DeviceReportsTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final DeviceId CAMERA = new DeviceId("hemu", "110234567894562");
    private static final DeviceId OTHER = new DeviceId("hemu", "110234567894563");

    @TempDir
    Path dir;

    @Test
    void countsAreReadByRangeOldestFirstWithTheTotalsOfTheWholeRangeAndPaged() {
        Path file = dir.resolve("alarmhub.db");
        try (SqlitePushStore store = SqlitePushStore.open(file)) {
            for (int i = 0; i < 5; i++) {
                put(store, count(CAMERA, T.plusSeconds(600L * i), i + 1, 10 * i, false));
            }
            put(store, count(OTHER, T, 1000, 1000, false));
        }
        try (SqlitePushStore store = SqlitePushStore.open(file)) {
            StoreOp.PeopleCountPage all = load(store, CAMERA, T, T.plus(Duration.ofHours(1)), 100);
            assertThat(all.counts()).extracting(PeopleCount::up).containsExactly(1, 2, 3, 4, 5);
            assertThat(all.counts().get(2).start()).isEqualTo(T.plusSeconds(1200));
            assertThat(all.counts().get(2).stop()).isEqualTo(T.plusSeconds(1800));
            assertThat(all.counts().get(2).down()).isEqualTo(20);
            assertThat(all.counts().get(2).received()).isEqualTo(T.plusSeconds(1800));
            assertThat(all.up()).isEqualTo(15);
            assertThat(all.down()).isEqualTo(100);
            assertThat(all.total()).isEqualTo(5);
            assertThat(all.next()).isEmpty();

            StoreOp.PeopleCountPage first = load(store, CAMERA, T, T.plus(Duration.ofHours(1)), 2);
            assertThat(first.counts()).extracting(PeopleCount::up).containsExactly(1, 2);
            assertThat(first.up()).as("the whole range's").isEqualTo(15);
            assertThat(first.next()).contains(T.plusSeconds(1200));
            StoreOp.PeopleCountPage rest = load(store, CAMERA, first.next().orElseThrow(), T.plus(Duration.ofHours(1)), 2);
            assertThat(rest.counts()).extracting(PeopleCount::up).containsExactly(3, 4);
            assertThat(rest.next()).contains(T.plusSeconds(2400));

            StoreOp.PeopleCountPage end = load(store, CAMERA, T.plusSeconds(600), T.plusSeconds(1200), 100);
            assertThat(end.counts()).as("from included, to not").extracting(PeopleCount::up).containsExactly(2);
            StoreOp.PeopleCountPage none = load(store, CAMERA, T.minusSeconds(600), T, 100);
            assertThat(none.counts()).isEmpty();
            assertThat(none.up()).isZero();
            assertThat(none.total()).isZero();
        }
    }

    @Test
    void aCountSentAgainForTheSameStartReplacesTheFirst() {
        try (SqlitePushStore store = SqlitePushStore.open(dir.resolve("alarmhub.db"))) {
            put(store, count(CAMERA, T, 1, 1, false));
            put(store, count(CAMERA, T, 7, 8, true));

            StoreOp.PeopleCountPage page = load(store, CAMERA, T, T.plusSeconds(1), 10);
            assertThat(page.counts()).hasSize(1);
            assertThat(page.counts().get(0).up()).isEqualTo(7);
            assertThat(page.counts().get(0).down()).isEqualTo(8);
            assertThat(page.counts().get(0).delayed()).isTrue();
        }
    }

    @Test
    void aDayReportIsReplacedByDayAndSaysWhetherTheDayWasNew() {
        Path file = dir.resolve("alarmhub.db");
        LocalDate day = LocalDate.of(2026, 12, 6);
        try (SqlitePushStore store = SqlitePushStore.open(file)) {
            assertThat(put(store, new DayReport(CAMERA, day, "{\"v\":1}", T))).isTrue();
            assertThat(put(store, new DayReport(CAMERA, day, "{\"v\":2}", T.plusSeconds(1)))).isFalse();
            assertThat(put(store, new DayReport(CAMERA, day.plusDays(1), "{\"v\":3}", T))).isTrue();
            assertThat(put(store, new DayReport(OTHER, day, "{\"v\":4}", T))).isTrue();
        }
        try (SqlitePushStore store = SqlitePushStore.open(file)) {
            StoreOp.DayReportPage page = days(store, CAMERA, day.minusDays(10), day.plusDays(10), 10);
            assertThat(page.reports()).extracting(DayReport::body).containsExactly("{\"v\":2}", "{\"v\":3}");
            assertThat(page.reports().get(0).received()).isEqualTo(T.plusSeconds(1));
            assertThat(page.next()).isEmpty();
            StoreOp.DayReportPage first = days(store, CAMERA, day, day.plusDays(1), 1);
            assertThat(first.reports()).extracting(DayReport::day).containsExactly(day);
            assertThat(first.next()).contains(day.plusDays(1));
            assertThat(days(store, CAMERA, day.plusDays(1), day.plusDays(1), 10).reports())
                    .as("both ends included").extracting(DayReport::day).containsExactly(day.plusDays(1));
        }
    }

    @Test
    void aDevicesReportsAreDeletedWithItAndNoOtherDevices() {
        try (SqlitePushStore store = SqlitePushStore.open(dir.resolve("alarmhub.db"))) {
            put(store, count(CAMERA, T, 1, 1, false));
            put(store, count(CAMERA, T.plusSeconds(600), 1, 1, false));
            put(store, new DayReport(CAMERA, LocalDate.of(2026, 12, 6), "{}", T));
            put(store, count(OTHER, T, 1, 1, false));

            CompletableFuture<Integer> deleted = new CompletableFuture<>();
            store.submit(new StoreOp.DeleteReports(CAMERA, deleted));
            assertThat(await(deleted)).isEqualTo(3);

            assertThat(load(store, CAMERA, T, T.plusSeconds(3600), 10).counts()).isEmpty();
            assertThat(days(store, CAMERA, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 10).reports()).isEmpty();
            assertThat(load(store, OTHER, T, T.plusSeconds(3600), 10).counts()).hasSize(1);
        }
    }

    @Test
    void retentionDeletesCountsThatStartedAndDaysThatEndedBeforeTheLimit() {
        try (SqlitePushStore store = SqlitePushStore.open(dir.resolve("alarmhub.db"))) {
            put(store, count(CAMERA, T.minusSeconds(1), 1, 1, false));
            put(store, count(CAMERA, T, 2, 2, false));
            put(store, new DayReport(CAMERA, LocalDate.of(2026, 12, 6), "{}", T));
            put(store, new DayReport(CAMERA, LocalDate.of(2026, 12, 7), "{}", T));

            CompletableFuture<Integer> purged = new CompletableFuture<>();
            store.submit(new StoreOp.PurgeReports(T, purged));
            assertThat(await(purged)).isEqualTo(2);

            assertThat(load(store, CAMERA, T.minusSeconds(3600), T.plusSeconds(3600), 10).counts())
                    .extracting(PeopleCount::up).containsExactly(2);
            assertThat(days(store, CAMERA, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31), 10).reports())
                    .extracting(DayReport::day).containsExactly(LocalDate.of(2026, 12, 7));
        }
    }

    @Test
    void aCountCommitsWithTheOperationsOfItsTransactionOrNotAtAll() {
        try (SqlitePushStore store = SqlitePushStore.open(dir.resolve("alarmhub.db"))) {
            StoreFixture.append(store, StoreFixture.message("m1", 60), "alice");
            CompletableFuture<Void> counted = new CompletableFuture<>();
            CompletableFuture<Void> together = new CompletableFuture<>();
            // The message is stored already: appending it again breaks the transaction after the count's write.
            store.submit(new StoreOp.Atomic(List.of(new StoreOp.PutPeopleCount(count(CAMERA, T, 1, 1, false), counted),
                    new StoreOp.Append(StoreFixture.message("m1", 60), new Target.Aliases(List.of("alice")),
                            new CompletableFuture<>())), together));
            assertThat(together).failsWithin(Duration.ofSeconds(20));
            assertThat(counted).isCompletedExceptionally();
            assertThat(load(store, CAMERA, T, T.plusSeconds(1), 10).counts()).isEmpty();
        }
    }

    private static PeopleCount count(DeviceId device, Instant start, int up, int down, boolean delayed) {
        return new PeopleCount(device, start, start.plusSeconds(600), up, down, delayed, start.plusSeconds(600));
    }

    private static void put(SqlitePushStore store, PeopleCount count) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        store.submit(new StoreOp.PutPeopleCount(count, done));
        await(done);
    }

    private static boolean put(SqlitePushStore store, DayReport report) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        store.submit(new StoreOp.PutDayReport(report, done));
        return await(done);
    }

    private static StoreOp.PeopleCountPage load(SqlitePushStore store, DeviceId device, Instant from, Instant to,
                                                int limit) {
        CompletableFuture<StoreOp.PeopleCountPage> done = new CompletableFuture<>();
        store.submit(new StoreOp.LoadPeopleCounts(device, from, to, limit, done));
        return await(done);
    }

    private static StoreOp.DayReportPage days(SqlitePushStore store, DeviceId device, LocalDate from, LocalDate to,
                                              int limit) {
        CompletableFuture<StoreOp.DayReportPage> done = new CompletableFuture<>();
        store.submit(new StoreOp.LoadDayReports(device, from, to, limit, done));
        return await(done);
    }
}
