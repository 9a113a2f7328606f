package io.alarmhub.store;

import io.alarmhub.core.store.StoreOp;
import io.alarmhub.core.store.VendorRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of vendor records ({@link StoreOp.PutRecord}, {@link StoreOp.DeleteRecord},
 * {@link StoreOp.LoadRecords}), on the writer's connection like {@link PushSql}.
 */
final class RecordSql implements AutoCloseable {

    private static final String UPSERT =
            "INSERT INTO vendor_record (vendor, kind, record_key, owner, body, updated_ms) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (vendor, kind, record_key) DO UPDATE SET"
                    + " owner = excluded.owner, body = excluded.body, updated_ms = excluded.updated_ms";
    private static final String DELETE = "DELETE FROM vendor_record WHERE vendor = ? AND kind = ? AND record_key = ?";
    private static final String SELECT = "SELECT record_key, owner, body, updated_ms FROM vendor_record"
            + " WHERE vendor = ? AND kind = ? ORDER BY record_key";

    private final Connection connection;
    private PreparedStatement upsert;

    RecordSql(Connection connection) {
        this.connection = connection;
    }

    Runnable apply(StoreOp op) throws SQLException {
        if (op instanceof StoreOp.PutRecord put) {
            put(put.record());
            return () -> put.result().complete(null);
        }
        if (op instanceof StoreOp.DeleteRecord delete) {
            boolean deleted = delete(delete.vendor(), delete.kind(), delete.key());
            return () -> delete.result().complete(deleted);
        }
        if (op instanceof StoreOp.LoadRecords load) {
            List<VendorRecord> records = load(load.vendor(), load.kind());
            return () -> load.result().complete(records);
        }
        throw new IllegalArgumentException("not a record operation: " + op.getClass().getName());
    }

    private void put(VendorRecord record) throws SQLException {
        if (upsert == null) {
            upsert = connection.prepareStatement(UPSERT);
        }
        upsert.setString(1, record.vendor());
        upsert.setString(2, record.kind());
        upsert.setString(3, record.key());
        if (record.owner().isPresent()) {
            upsert.setString(4, record.owner().get());
        } else {
            upsert.setNull(4, Types.VARCHAR);
        }
        upsert.setString(5, record.body());
        upsert.setLong(6, record.updated().toEpochMilli());
        upsert.executeUpdate();
    }

    private boolean delete(String vendor, String kind, String key) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(DELETE)) {
            s.setString(1, vendor);
            s.setString(2, kind);
            s.setString(3, key);
            return s.executeUpdate() > 0;
        }
    }

    private List<VendorRecord> load(String vendor, String kind) throws SQLException {
        List<VendorRecord> records = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(SELECT)) {
            s.setString(1, vendor);
            s.setString(2, kind);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    records.add(new VendorRecord(vendor, kind, rs.getString(1), Optional.ofNullable(rs.getString(2)),
                            rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
        }
        return records;
    }

    @Override
    public void close() throws SQLException {
        if (upsert != null) {
            upsert.close();
        }
    }
}
