package io.alarmhub.store;

import io.alarmhub.core.store.StoreOp;
import io.alarmhub.core.stream.StreamEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the enterprise stream's operations, on the writer's connection like {@link PushSql}. */
final class StreamSql implements AutoCloseable {

    private static final String INSERT =
            "INSERT INTO stream_event (enterprise, available_ms, expires_ms, body) VALUES (?, ?, ?, ?)"
                    + " RETURNING delivery_id";
    private static final String PENDING =
            "SELECT delivery_id, available_ms, body FROM stream_event WHERE enterprise = ? AND expires_ms > ?"
                    + " ORDER BY available_ms, delivery_id LIMIT ?";
    private static final String ACK = "DELETE FROM stream_event WHERE enterprise = ? AND delivery_id = ?";
    private static final String PURGE = "DELETE FROM stream_event WHERE expires_ms <= ?";

    private final Connection connection;
    private final List<PreparedStatement> prepared = new ArrayList<>();
    private PreparedStatement insert;
    private PreparedStatement pending;
    private PreparedStatement ack;
    private PreparedStatement purge;

    StreamSql(Connection connection) {
        this.connection = connection;
    }

    Runnable apply(StoreOp op) throws SQLException {
        if (op instanceof StoreOp.StreamAppend a) {
            List<StreamEvent> stored = append(a.enterprise(), a.drafts());
            return () -> a.result().complete(stored);
        }
        if (op instanceof StoreOp.StreamPending p) {
            List<StreamEvent> events = pending(p.enterprise(), p.now(), p.limit());
            return () -> p.result().complete(events);
        }
        if (op instanceof StoreOp.StreamAck a) {
            boolean acked = ack(a.enterprise(), a.deliveryId());
            return () -> a.result().complete(acked);
        }
        throw new IllegalArgumentException("not a stream operation: " + op.getClass().getName());
    }

    /** Deletes events past their retention; part of the store's purge. */
    int purge(Instant now) throws SQLException {
        if (purge == null) {
            purge = prepare(PURGE, Statement.NO_GENERATED_KEYS);
        }
        purge.setLong(1, now.toEpochMilli());
        return purge.executeUpdate();
    }

    private List<StreamEvent> append(String enterprise, List<StreamEvent.Draft> drafts) throws SQLException {
        if (insert == null) {
            insert = prepare(INSERT, Statement.NO_GENERATED_KEYS);
        }
        List<StreamEvent> stored = new ArrayList<>(drafts.size());
        for (StreamEvent.Draft draft : drafts) {
            insert.setString(1, enterprise);
            insert.setLong(2, draft.availableAt().toEpochMilli());
            insert.setLong(3, draft.expiresAt().toEpochMilli());
            insert.setString(4, draft.body());
            // RETURNING, not getGeneratedKeys(): the store's connection asks the driver for no generated keys
            // (a query of its own after every INSERT), see SqlitePushStore.
            try (ResultSet keys = insert.executeQuery()) {
                if (!keys.next()) {
                    throw new SQLException("no delivery id was generated");
                }
                stored.add(new StreamEvent(keys.getLong(1), enterprise,
                        Instant.ofEpochMilli(draft.availableAt().toEpochMilli()), draft.body()));
            }
        }
        return List.copyOf(stored);
    }

    private List<StreamEvent> pending(String enterprise, Instant now, int limit) throws SQLException {
        if (limit <= 0) {
            return List.of(); // a negative LIMIT means "no limit" to SQLite
        }
        if (pending == null) {
            pending = prepare(PENDING, Statement.NO_GENERATED_KEYS);
        }
        pending.setString(1, enterprise);
        pending.setLong(2, now.toEpochMilli());
        pending.setInt(3, limit);
        List<StreamEvent> events = new ArrayList<>();
        try (ResultSet rs = pending.executeQuery()) {
            while (rs.next()) {
                events.add(new StreamEvent(rs.getLong(1), enterprise, Instant.ofEpochMilli(rs.getLong(2)),
                        rs.getString(3)));
            }
        }
        return List.copyOf(events);
    }

    private boolean ack(String enterprise, long deliveryId) throws SQLException {
        if (ack == null) {
            ack = prepare(ACK, Statement.NO_GENERATED_KEYS);
        }
        ack.setString(1, enterprise);
        ack.setLong(2, deliveryId);
        return ack.executeUpdate() > 0;
    }

    private PreparedStatement prepare(String sql, int keys) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, keys);
        prepared.add(statement);
        return statement;
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement statement : prepared) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        prepared.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
