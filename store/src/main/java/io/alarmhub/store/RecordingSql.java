package io.alarmhub.store;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.store.Recording;
import io.alarmhub.core.store.RecordingKind;
import io.alarmhub.core.store.StoreOp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL of the recording index ({@link StoreOp.PutRecording}, {@link StoreOp.LoadRecordings} and the other
 * recording operations), on the writer's connection like {@link PushSql}. Recordings are ordered by start then
 * id, so that a page ends between two rows even when recordings start together; a page is read one row
 * longer than asked, so that the row after it names where the next page starts.
 */
final class RecordingSql {

    private static final String COLUMNS = "id, vendor, device_id, channel, kind, video_codec, audio_codec,"
            + " start_ms, end_ms, camera_start_ms, camera_end_ms, bytes, alarm_ref, media_key, complete";
    private static final String UPSERT = "INSERT INTO recording (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            + " vendor = excluded.vendor, device_id = excluded.device_id, channel = excluded.channel,"
            + " kind = excluded.kind, video_codec = excluded.video_codec, audio_codec = excluded.audio_codec,"
            + " start_ms = excluded.start_ms, end_ms = excluded.end_ms, camera_start_ms = excluded.camera_start_ms,"
            + " camera_end_ms = excluded.camera_end_ms, bytes = excluded.bytes, alarm_ref = excluded.alarm_ref,"
            + " media_key = excluded.media_key, complete = excluded.complete";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM recording WHERE ";
    private static final String DEVICE = "vendor = ? AND device_id = ?";
    private static final String BY_START = " ORDER BY start_ms, id";
    private static final String BY_END = " ORDER BY end_ms, id";
    // start_ms has a lower bound too, a recording's longest before the range, so that the index is read from there.
    private static final String RANGE = SELECT + DEVICE + " AND start_ms >= ? AND start_ms < ? AND end_ms >= ?";
    private static final String OF_KIND = " AND kind = ?";
    private static final String AFTER = " AND (start_ms > ? OR (start_ms = ? AND id >= ?))";
    private static final String BY_ID = SELECT + "id = ?";
    private static final String OF_ALARM = SELECT + "alarm_ref = ?" + BY_START + " LIMIT ?";
    private static final String OLDEST = SELECT + "complete = 1" + BY_END + " LIMIT ?";
    // Whatever ended before the limit started before it: start_ms keeps the read to the index's old end.
    private static final String EXPIRED = SELECT + DEVICE + " AND start_ms < ? AND end_ms < ? AND complete = 1"
            + BY_END + " LIMIT ?";
    private static final String INCOMPLETE = SELECT + "complete = 0" + BY_START;
    private static final String OF_DEVICE = SELECT + DEVICE + BY_START;
    private static final String DELETE = "DELETE FROM recording WHERE id = ?";
    private static final String DELETE_DEVICE = "DELETE FROM recording WHERE " + DEVICE;

    private final Connection connection;

    RecordingSql(Connection connection) {
        this.connection = connection;
    }

    /** Whether this class runs the operation. */
    static boolean runs(StoreOp op) {
        return op instanceof StoreOp.PutRecording || op instanceof StoreOp.LoadRecordings
                || op instanceof StoreOp.LoadRecording || op instanceof StoreOp.LoadRecordingsOfAlarm
                || op instanceof StoreOp.OldestRecordings || op instanceof StoreOp.ExpiredRecordings
                || op instanceof StoreOp.DeleteRecordings || op instanceof StoreOp.IncompleteRecordings
                || op instanceof StoreOp.DeleteDeviceRecordings;
    }

    Runnable apply(StoreOp op) throws SQLException {
        if (op instanceof StoreOp.PutRecording put) {
            put(put.recording());
            return () -> put.result().complete(null);
        }
        if (op instanceof StoreOp.LoadRecordings load) {
            StoreOp.RecordingPage page = page(load);
            return () -> load.result().complete(page);
        }
        if (op instanceof StoreOp.LoadRecording load) {
            Optional<Recording> recording = select(BY_ID, s -> s.setString(1, load.id())).stream().findFirst();
            return () -> load.result().complete(recording);
        }
        if (op instanceof StoreOp.LoadRecordingsOfAlarm load) {
            List<Recording> recordings = select(OF_ALARM, s -> {
                s.setString(1, load.alarmRef());
                s.setInt(2, StoreOp.LoadRecordingsOfAlarm.MAX);
            });
            return () -> load.result().complete(recordings);
        }
        if (op instanceof StoreOp.OldestRecordings oldest) {
            List<Recording> recordings = select(OLDEST, s -> s.setInt(1, oldest.limit()));
            return () -> oldest.result().complete(recordings);
        }
        if (op instanceof StoreOp.ExpiredRecordings expired) {
            List<Recording> recordings = expired(expired);
            return () -> expired.result().complete(recordings);
        }
        if (op instanceof StoreOp.DeleteRecordings delete) {
            int deleted = delete(delete.ids());
            return () -> delete.result().complete(deleted);
        }
        if (op instanceof StoreOp.IncompleteRecordings incomplete) {
            List<Recording> recordings = select(INCOMPLETE, s -> { });
            return () -> incomplete.result().complete(recordings);
        }
        if (op instanceof StoreOp.DeleteDeviceRecordings delete) {
            List<Recording> deleted = delete(delete.device());
            return () -> delete.result().complete(deleted);
        }
        throw new IllegalArgumentException("not a recording operation: " + op.getClass().getName());
    }

    private void put(Recording r) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(UPSERT)) {
            s.setString(1, r.id());
            s.setString(2, r.device().vendor());
            s.setString(3, r.device().id());
            s.setInt(4, r.channel());
            s.setString(5, r.kind().name().toLowerCase(Locale.ROOT));
            s.setString(6, r.videoCodec());
            s.setString(7, r.audioCodec());
            s.setLong(8, r.start().toEpochMilli());
            s.setLong(9, r.end().toEpochMilli());
            s.setLong(10, r.cameraStart().toEpochMilli());
            s.setLong(11, r.cameraEnd().toEpochMilli());
            s.setLong(12, r.bytes());
            if (r.alarmRef().isPresent()) {
                s.setString(13, r.alarmRef().get());
            } else {
                s.setNull(13, Types.VARCHAR);
            }
            s.setString(14, r.mediaKey());
            s.setInt(15, r.complete() ? 1 : 0);
            s.executeUpdate();
        }
    }

    private StoreOp.RecordingPage page(StoreOp.LoadRecordings load) throws SQLException {
        String sql = RANGE + (load.kind().isPresent() ? OF_KIND : "") + (load.after().isPresent() ? AFTER : "")
                + BY_START + " LIMIT ?";
        List<Recording> recordings = select(sql, s -> {
            long from = millis(load.from());
            int i = bind(s, load.device());
            s.setLong(++i, minus(from, Recording.MAX_DURATION.toMillis()));
            s.setLong(++i, millis(load.to()));
            s.setLong(++i, from);
            if (load.kind().isPresent()) {
                s.setString(++i, load.kind().get().name().toLowerCase(Locale.ROOT));
            }
            if (load.after().isPresent()) {
                long start = millis(load.after().get().start());
                s.setLong(++i, start);
                s.setLong(++i, start);
                s.setString(++i, load.after().get().id());
            }
            s.setInt(++i, load.limit() + 1);
        });
        if (recordings.size() <= load.limit()) {
            return new StoreOp.RecordingPage(recordings, Optional.empty());
        }
        Recording next = recordings.get(load.limit());
        return new StoreOp.RecordingPage(recordings.subList(0, load.limit()),
                Optional.of(new StoreOp.RecordingCursor(next.start(), next.id())));
    }

    private List<Recording> expired(StoreOp.ExpiredRecordings expired) throws SQLException {
        return select(EXPIRED, s -> {
            int i = bind(s, expired.device());
            s.setLong(++i, millis(expired.before()));
            s.setLong(++i, millis(expired.before()));
            s.setInt(++i, expired.limit());
        });
    }

    private int delete(List<String> ids) throws SQLException {
        int deleted = 0;
        try (PreparedStatement s = connection.prepareStatement(DELETE)) {
            for (String id : ids) {
                s.setString(1, id);
                deleted += s.executeUpdate();
            }
        }
        return deleted;
    }

    private List<Recording> delete(DeviceId device) throws SQLException {
        List<Recording> recordings = select(OF_DEVICE, s -> bind(s, device));
        try (PreparedStatement s = connection.prepareStatement(DELETE_DEVICE)) {
            bind(s, device);
            s.executeUpdate();
        }
        return recordings;
    }

    /** Binds a device to the first two parameters; returns the index of the last one bound. */
    private static int bind(PreparedStatement s, DeviceId device) throws SQLException {
        s.setString(1, device.vendor());
        s.setString(2, device.id());
        return 2;
    }

    private List<Recording> select(String sql, Binder binder) throws SQLException {
        List<Recording> recordings = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    recordings.add(recording(rs));
                }
            }
        }
        return recordings;
    }

    private static Recording recording(ResultSet rs) throws SQLException {
        return new Recording(rs.getString(1), new DeviceId(rs.getString(2), rs.getString(3)), rs.getInt(4),
                RecordingKind.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)), rs.getString(6), rs.getString(7),
                Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)),
                Instant.ofEpochMilli(rs.getLong(10)), Instant.ofEpochMilli(rs.getLong(11)), rs.getLong(12),
                Optional.ofNullable(rs.getString(13)), rs.getString(14), rs.getInt(15) != 0);
    }

    /** Epoch milliseconds, saturated: a range may be given as far as {@link Instant}'s own ends. */
    private static long millis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long minus(long millis, long less) {
        return millis < Long.MIN_VALUE + less ? Long.MIN_VALUE : millis - less;
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
