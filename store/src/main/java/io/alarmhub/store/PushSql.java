package io.alarmhub.store;

import io.alarmhub.core.message.Message;
import io.alarmhub.core.message.Target;
import io.alarmhub.core.store.StoreOp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of each {@link StoreOp}, run on the writer's connection inside its current transaction.
 * Not thread-safe: only the writer thread uses it. Statements are prepared once and kept for the
 * life of the connection.
 *
 * <p>{@link #apply} does not complete the operation's future: it returns the completion, which the
 * writer runs once the transaction is committed.
 *
 * <p>Instants are stored as epoch milliseconds, so messages read back carry millisecond precision.
 */
final class PushSql implements AutoCloseable {

    private static final String INSERT_MESSAGE =
            "INSERT INTO message (id, payload, topic, created_ms, expires_ms) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_PENDING =
            "INSERT INTO pending (alias, message_id) VALUES (?, ?)";
    private static final String SELECT_TOPIC_ALIASES =
            "SELECT alias FROM subscription WHERE topic = ? ORDER BY seq";
    private static final String SELECT_PENDING =
            "SELECT m.id, m.payload, m.topic, m.created_ms, m.expires_ms, p.seq"
                    + " FROM pending p JOIN message m ON m.id = p.message_id"
                    + " WHERE p.alias = ? AND p.seq > ? AND m.expires_ms > ? ORDER BY p.seq LIMIT ?";
    private static final String DELETE_PENDING =
            "DELETE FROM pending WHERE alias = ? AND message_id = ?";
    private static final String DELETE_UNREFERENCED_MESSAGE =
            "DELETE FROM message WHERE id = ? AND NOT EXISTS (SELECT 1 FROM pending WHERE message_id = ?)";
    private static final String INSERT_SUBSCRIPTION =
            "INSERT INTO subscription (alias, topic, seq) VALUES (?, ?, ?) ON CONFLICT (alias, topic) DO NOTHING";
    private static final String SELECT_TOPICS =
            "SELECT topic FROM subscription WHERE alias = ? ORDER BY seq";
    private static final String UPSERT_ALIAS =
            "INSERT INTO alias (alias, first_seen_ms, last_seen_ms) VALUES (?, ?, ?)"
                    + " ON CONFLICT (alias) DO UPDATE SET last_seen_ms = excluded.last_seen_ms";
    private static final String DELETE_EXPIRED_PENDING =
            "DELETE FROM pending WHERE message_id IN (SELECT id FROM message WHERE expires_ms <= ?)";
    private static final String DELETE_EXPIRED_MESSAGES =
            "DELETE FROM message WHERE expires_ms <= ?";

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final EventSql events;
    private final StreamSql stream;
    private final RecordSql records;
    private final ReportSql reports;
    private final RecordingSql recordings;
    /** The last subscription seq handed out; only grows, so a rolled-back batch merely leaves a gap. */
    private long subscriptionSeq;

    PushSql(Connection connection) throws SQLException {
        this.connection = connection;
        this.events = new EventSql(connection);
        this.stream = new StreamSql(connection);
        this.records = new RecordSql(connection);
        this.reports = new ReportSql(connection);
        this.recordings = new RecordingSql(connection);
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM subscription")) {
            rs.next();
            subscriptionSeq = rs.getLong(1);
        }
    }

    /** Runs the operation's SQL and returns what completes its future with the result. */
    Runnable apply(StoreOp op) throws SQLException {
        if (op instanceof StoreOp.Atomic atomic) {
            List<Runnable> members = new ArrayList<>(atomic.ops().size());
            for (StoreOp member : atomic.ops()) {
                members.add(apply(member));
            }
            return () -> {
                members.forEach(Runnable::run);
                atomic.result().complete(null);
            };
        }
        if (op instanceof StoreOp.RecordEvent || op instanceof StoreOp.LoadDevices
                || op instanceof StoreOp.PurgeDeviceEvents) {
            return events.apply(op);
        }
        if (op instanceof StoreOp.StreamAppend || op instanceof StoreOp.StreamPending
                || op instanceof StoreOp.StreamAck) {
            return stream.apply(op);
        }
        if (op instanceof StoreOp.PutRecord || op instanceof StoreOp.DeleteRecord
                || op instanceof StoreOp.LoadRecords) {
            return records.apply(op);
        }
        if (ReportSql.runs(op)) {
            return reports.apply(op);
        }
        if (RecordingSql.runs(op)) {
            return recordings.apply(op);
        }
        if (op instanceof StoreOp.Append a) {
            List<String> receivers = append(a.message(), a.target());
            return () -> a.result().complete(receivers);
        }
        if (op instanceof StoreOp.Pending p) {
            StoreOp.PendingPage page = pending(p.alias(), p.now(), p.after(), p.limit());
            return () -> p.result().complete(page);
        }
        if (op instanceof StoreOp.Ack a) {
            boolean acked = ack(a.alias(), a.messageId());
            return () -> a.result().complete(acked);
        }
        if (op instanceof StoreOp.Subscribe s) {
            subscribe(s.alias(), s.topics());
            return () -> s.result().complete(null);
        }
        if (op instanceof StoreOp.Topics t) {
            List<String> topics = topics(t.alias());
            return () -> t.result().complete(topics);
        }
        if (op instanceof StoreOp.Seen s) {
            seen(s.alias(), s.at());
            return () -> s.result().complete(null);
        }
        if (op instanceof StoreOp.Purge p) {
            int purged = purge(p.now());
            return () -> p.result().complete(purged);
        }
        throw new IllegalArgumentException("unknown store operation " + op.getClass().getName());
    }

    private List<String> append(Message message, Target target) throws SQLException {
        List<String> receivers = List.copyOf(receivers(target));
        if (message.onlineOnly() || receivers.isEmpty()) {
            return receivers;
        }
        PreparedStatement insert = statement(INSERT_MESSAGE);
        insert.setString(1, message.id());
        insert.setString(2, message.payload());
        insert.setString(3, message.topic().orElse(null));
        insert.setLong(4, message.created().toEpochMilli());
        insert.setLong(5, message.expires().toEpochMilli());
        insert.executeUpdate();
        PreparedStatement pending = statement(INSERT_PENDING);
        for (String alias : receivers) {
            pending.setString(1, alias);
            pending.setString(2, message.id());
            pending.addBatch();
        }
        executeBatch(pending);
        return receivers;
    }

    private Set<String> receivers(Target target) throws SQLException {
        Set<String> receivers = new LinkedHashSet<>();
        List<String> topics;
        if (target instanceof Target.Aliases) {
            receivers.addAll(target.names());
            return receivers;
        } else if (target instanceof Target.Route route) {
            receivers.addAll(route.aliases());
            topics = route.topics();
        } else {
            topics = target.names();
        }
        PreparedStatement select = statement(SELECT_TOPIC_ALIASES);
        for (String topic : topics) {
            select.setString(1, topic);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    receivers.add(rs.getString(1));
                }
            }
        }
        return receivers;
    }

    private StoreOp.PendingPage pending(String alias, Instant now, long after, int limit) throws SQLException {
        if (limit <= 0) {
            return new StoreOp.PendingPage(List.of(), after); // a negative LIMIT means "no limit" to SQLite
        }
        PreparedStatement select = statement(SELECT_PENDING);
        select.setString(1, alias);
        select.setLong(2, after);
        select.setLong(3, now.toEpochMilli());
        select.setInt(4, limit);
        List<Message> messages = new ArrayList<>();
        long last = after;
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                messages.add(new Message(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3)),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5))));
                last = rs.getLong(6);
            }
        }
        return new StoreOp.PendingPage(messages, last);
    }

    /** Deletes the pending entry and, when it was the message's last, the message itself. */
    private boolean ack(String alias, String messageId) throws SQLException {
        PreparedStatement delete = statement(DELETE_PENDING);
        delete.setString(1, alias);
        delete.setString(2, messageId);
        if (delete.executeUpdate() == 0) {
            return false;
        }
        PreparedStatement deleteMessage = statement(DELETE_UNREFERENCED_MESSAGE);
        deleteMessage.setString(1, messageId);
        deleteMessage.setString(2, messageId);
        deleteMessage.executeUpdate();
        return true;
    }

    private void subscribe(String alias, List<String> topics) throws SQLException {
        if (topics.isEmpty()) {
            return;
        }
        PreparedStatement insert = statement(INSERT_SUBSCRIPTION);
        for (String topic : topics) {
            insert.setString(1, alias);
            insert.setString(2, topic);
            insert.setLong(3, ++subscriptionSeq);
            insert.addBatch();
        }
        executeBatch(insert);
    }

    private List<String> topics(String alias) throws SQLException {
        PreparedStatement select = statement(SELECT_TOPICS);
        select.setString(1, alias);
        List<String> topics = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                topics.add(rs.getString(1));
            }
        }
        return List.copyOf(topics);
    }

    private void seen(String alias, Instant at) throws SQLException {
        PreparedStatement upsert = statement(UPSERT_ALIAS);
        long millis = at.toEpochMilli();
        upsert.setString(1, alias);
        upsert.setLong(2, millis);
        upsert.setLong(3, millis);
        upsert.executeUpdate();
    }

    /**
     * Deletes expired messages and their pending entries. Messages whose pending entries were all acked
     * are already gone ({@link #ack} deletes them), so expiry is all there is to look for.
     */
    private int purge(Instant now) throws SQLException {
        long millis = now.toEpochMilli();
        PreparedStatement pending = statement(DELETE_EXPIRED_PENDING);
        pending.setLong(1, millis);
        pending.executeUpdate();
        PreparedStatement messages = statement(DELETE_EXPIRED_MESSAGES);
        messages.setLong(1, millis);
        stream.purge(now);
        return messages.executeUpdate();
    }

    /** Runs a batch, never leaving rows of a failed one behind for the statement's next use. */
    private static void executeBatch(PreparedStatement statement) throws SQLException {
        try {
            statement.executeBatch();
        } catch (SQLException | RuntimeException e) {
            statement.clearBatch();
            throw e;
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Closes the prepared statements; the connection is the caller's. */
    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        try (StreamSql s = stream; RecordSql r = records) {
            events.close();
        } catch (SQLException e) {
            failure = e;
        }
        for (PreparedStatement statement : statements.values()) {
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
        statements.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
