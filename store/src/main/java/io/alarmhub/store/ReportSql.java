package io.alarmhub.store;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.store.DayReport;
import io.alarmhub.core.store.PeopleCount;
import io.alarmhub.core.store.StoreOp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of what devices report over time: people counts and day reports ({@link StoreOp.PutPeopleCount},
 * {@link StoreOp.LoadPeopleCounts}, {@link StoreOp.PutDayReport}, {@link StoreOp.LoadDayReports},
 * {@link StoreOp.DeleteReports}, {@link StoreOp.PurgeReports}), on the writer's connection like {@link PushSql}.
 * A page is read one row longer than asked, so that the row after it names where the next page starts.
 */
final class ReportSql {

    private static final String UPSERT_COUNT =
            "INSERT INTO people_count (vendor, device_id, start_ms, stop_ms, up, down, delayed, received_ms)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (vendor, device_id, start_ms) DO UPDATE SET"
                    + " stop_ms = excluded.stop_ms, up = excluded.up, down = excluded.down,"
                    + " delayed = excluded.delayed, received_ms = excluded.received_ms";
    private static final String RANGE = " FROM people_count WHERE vendor = ? AND device_id = ?"
            + " AND start_ms >= ? AND start_ms < ?";
    private static final String SELECT_COUNTS = "SELECT start_ms, stop_ms, up, down, delayed, received_ms" + RANGE
            + " ORDER BY start_ms LIMIT ?";
    private static final String SUM_COUNTS = "SELECT COUNT(*), COALESCE(SUM(up), 0), COALESCE(SUM(down), 0)" + RANGE;
    private static final String DAY_EXISTS =
            "SELECT 1 FROM day_report WHERE vendor = ? AND device_id = ? AND day = ?";
    private static final String UPSERT_DAY =
            "INSERT INTO day_report (vendor, device_id, day, body, received_ms) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (vendor, device_id, day) DO UPDATE SET"
                    + " body = excluded.body, received_ms = excluded.received_ms";
    private static final String SELECT_DAYS = "SELECT day, body, received_ms FROM day_report"
            + " WHERE vendor = ? AND device_id = ? AND day >= ? AND day <= ? ORDER BY day LIMIT ?";
    private static final String DELETE_DEVICE_COUNTS = "DELETE FROM people_count WHERE vendor = ? AND device_id = ?";
    private static final String DELETE_DEVICE_DAYS = "DELETE FROM day_report WHERE vendor = ? AND device_id = ?";
    private static final String PURGE_COUNTS = "DELETE FROM people_count WHERE start_ms < ?";
    private static final String PURGE_DAYS = "DELETE FROM day_report WHERE day < ?";

    private final Connection connection;

    ReportSql(Connection connection) {
        this.connection = connection;
    }

    /** Whether this class runs the operation. */
    static boolean runs(StoreOp op) {
        return op instanceof StoreOp.PutPeopleCount || op instanceof StoreOp.LoadPeopleCounts
                || op instanceof StoreOp.PutDayReport || op instanceof StoreOp.LoadDayReports
                || op instanceof StoreOp.DeleteReports || op instanceof StoreOp.PurgeReports;
    }

    Runnable apply(StoreOp op) throws SQLException {
        if (op instanceof StoreOp.PutPeopleCount put) {
            put(put.count());
            return () -> put.result().complete(null);
        }
        if (op instanceof StoreOp.LoadPeopleCounts load) {
            StoreOp.PeopleCountPage page = counts(load);
            return () -> load.result().complete(page);
        }
        if (op instanceof StoreOp.PutDayReport put) {
            boolean added = put(put.report());
            return () -> put.result().complete(added);
        }
        if (op instanceof StoreOp.LoadDayReports load) {
            StoreOp.DayReportPage page = days(load);
            return () -> load.result().complete(page);
        }
        if (op instanceof StoreOp.DeleteReports delete) {
            int deleted = update(DELETE_DEVICE_COUNTS, delete.device()) + update(DELETE_DEVICE_DAYS, delete.device());
            return () -> delete.result().complete(deleted);
        }
        if (op instanceof StoreOp.PurgeReports purge) {
            int purged = purge(purge.before());
            return () -> purge.result().complete(purged);
        }
        throw new IllegalArgumentException("not a report operation: " + op.getClass().getName());
    }

    private void put(PeopleCount count) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(UPSERT_COUNT)) {
            s.setString(1, count.device().vendor());
            s.setString(2, count.device().id());
            s.setLong(3, count.start().toEpochMilli());
            s.setLong(4, count.stop().toEpochMilli());
            s.setLong(5, count.up());
            s.setLong(6, count.down());
            s.setInt(7, count.delayed() ? 1 : 0);
            s.setLong(8, count.received().toEpochMilli());
            s.executeUpdate();
        }
    }

    private StoreOp.PeopleCountPage counts(StoreOp.LoadPeopleCounts load) throws SQLException {
        List<PeopleCount> counts = new ArrayList<>();
        Optional<Instant> next = Optional.empty();
        try (PreparedStatement s = connection.prepareStatement(SELECT_COUNTS)) {
            range(s, load);
            s.setInt(5, load.limit() + 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Instant start = Instant.ofEpochMilli(rs.getLong(1));
                    if (counts.size() == load.limit()) {
                        next = Optional.of(start);
                        break;
                    }
                    counts.add(new PeopleCount(load.device(), start, Instant.ofEpochMilli(rs.getLong(2)),
                            (int) rs.getLong(3), (int) rs.getLong(4), rs.getInt(5) != 0,
                            Instant.ofEpochMilli(rs.getLong(6))));
                }
            }
        }
        try (PreparedStatement s = connection.prepareStatement(SUM_COUNTS)) {
            range(s, load);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new StoreOp.PeopleCountPage(counts, rs.getLong(2), rs.getLong(3), rs.getLong(1), next);
            }
        }
    }

    private static void range(PreparedStatement s, StoreOp.LoadPeopleCounts load) throws SQLException {
        s.setString(1, load.device().vendor());
        s.setString(2, load.device().id());
        s.setLong(3, millis(load.from()));
        s.setLong(4, millis(load.to()));
    }

    private boolean put(DayReport report) throws SQLException {
        boolean existed;
        try (PreparedStatement s = connection.prepareStatement(DAY_EXISTS)) {
            s.setString(1, report.device().vendor());
            s.setString(2, report.device().id());
            s.setString(3, report.day().toString());
            try (ResultSet rs = s.executeQuery()) {
                existed = rs.next();
            }
        }
        try (PreparedStatement s = connection.prepareStatement(UPSERT_DAY)) {
            s.setString(1, report.device().vendor());
            s.setString(2, report.device().id());
            s.setString(3, report.day().toString());
            s.setString(4, report.body());
            s.setLong(5, report.received().toEpochMilli());
            s.executeUpdate();
        }
        return !existed;
    }

    private StoreOp.DayReportPage days(StoreOp.LoadDayReports load) throws SQLException {
        List<DayReport> reports = new ArrayList<>();
        Optional<LocalDate> next = Optional.empty();
        try (PreparedStatement s = connection.prepareStatement(SELECT_DAYS)) {
            s.setString(1, load.device().vendor());
            s.setString(2, load.device().id());
            s.setString(3, load.from().toString());
            s.setString(4, load.to().toString());
            s.setInt(5, load.limit() + 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LocalDate day = LocalDate.parse(rs.getString(1));
                    if (reports.size() == load.limit()) {
                        next = Optional.of(day);
                        break;
                    }
                    reports.add(new DayReport(load.device(), day, rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3))));
                }
            }
        }
        return new StoreOp.DayReportPage(reports, next);
    }

    private int update(String sql, DeviceId device) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, device.vendor());
            s.setString(2, device.id());
            return s.executeUpdate();
        }
    }

    private int purge(Instant before) throws SQLException {
        int purged;
        try (PreparedStatement s = connection.prepareStatement(PURGE_COUNTS)) {
            s.setLong(1, millis(before));
            purged = s.executeUpdate();
        }
        try (PreparedStatement s = connection.prepareStatement(PURGE_DAYS)) {
            s.setString(1, LocalDate.ofInstant(before, ZoneOffset.UTC).toString());
            purged += s.executeUpdate();
        }
        return purged;
    }

    /** Epoch milliseconds, saturated: a range may be given as far as {@link Instant}'s own ends. */
    private static long millis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
