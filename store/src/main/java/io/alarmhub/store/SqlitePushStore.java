package io.alarmhub.store;

import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.core.store.StoreOp;
import org.slf4j.Logger;
import org.sqlite.SQLiteConfig;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link PushStore} in one SQLite file, with group commit.
 *
 * <p>{@link #submit} puts an operation on a bounded queue. One writer thread takes whatever has queued
 * up (at most {@link Options#maxBatch()} operations), runs them in order in one transaction on its
 * single connection, commits, and only then completes their futures, in order, on itself. Reads run in
 * the same stream, so they see every operation submitted before them. With {@code synchronous=FULL}
 * the commit is on disk before anyone hears of it; grouping is what pays for that fsync.
 *
 * <p>If a group fails, it is rolled back and its operations are retried one per transaction, so that
 * one bad operation fails alone with a {@link StoreException} while the others complete normally. A full
 * or failing disk fails them all, each with a {@link StoreException} naming the cause (none is completed
 * normally unless its own commit succeeded); the writer carries on, and the operations submitted once
 * there is room again are committed as usual. Failures are counted by reason ({@link #writeFailures}),
 * and those of the disk logged once a minute rather than per transaction.
 *
 * <p>An operation the store cannot take, because its queue is full or it is closed, makes
 * {@link #submit} throw {@link StoreException}; the operation is not applied and its future is left
 * alone (the caller completes it, as {@code PushHub} does).
 */
public final class SqlitePushStore implements PushStore {

    private static final Logger log = LoggerFactory.getLogger(SqlitePushStore.class);
    private static final int BUSY_TIMEOUT_MS = 5_000;
    private static final long IDLE_POLL_MS = 50;

    /**
     * @param queueCapacity how many operations may wait for the writer before {@link #submit} refuses more
     * @param maxBatch      the most operations committed in one transaction
     * @param commitDelay   how long a busy writer gathers operations before it commits (see {@link #gather})
     */
    public record Options(int queueCapacity, int maxBatch, Duration commitDelay) {
        public static final Duration DEFAULT_COMMIT_DELAY = Duration.ofMillis(1);
        public static final Options DEFAULT = new Options(65_536, 1_024, DEFAULT_COMMIT_DELAY);

        public Options {
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
            }
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
            }
            if (commitDelay.isNegative() || commitDelay.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("commitDelay must be within 0..1s, was " + commitDelay);
            }
        }

        /** With the default commit delay. */
        public Options(int queueCapacity, int maxBatch) {
            this(queueCapacity, maxBatch, DEFAULT_COMMIT_DELAY);
        }
    }

    private final Path file;
    private final Connection connection;
    private final PushSql sql;
    private final int maxBatch;
    private final long commitDelayNanos;
    /** When the writer last finished a commit, by {@link System#nanoTime()}; the writer's own. */
    private long lastCommitEnd;
    private final BlockingQueue<StoreOp> queue;
    /** Submitters hold it shared, close exclusively: nothing is queued once {@link #closed} is set. */
    private final ReadWriteLock gate = new ReentrantReadWriteLock();
    private final Thread writer;
    private volatile boolean closed;
    /** Written by the writer only. */
    private volatile long commits;
    /** Operations committed, written by the writer only: with {@link #commits}, the mean batch. */
    private volatile long committedOps;
    private final WriteFailures failures = new WriteFailures();

    private SqlitePushStore(Path file, Connection connection, PushSql sql, Options options) {
        this.file = file;
        this.connection = connection;
        this.sql = sql;
        this.maxBatch = options.maxBatch();
        this.commitDelayNanos = options.commitDelay().toNanos();
        this.lastCommitEnd = System.nanoTime() - TimeUnit.MINUTES.toNanos(1); // idle since ever
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.writer = new Thread(this::run, "alarmhub-store-writer");
        this.writer.setDaemon(true);
    }

    public static SqlitePushStore open(Path file) {
        return open(file, Options.DEFAULT);
    }

    /**
     * Opens the database file, creating it and its directories if need be, and brings its schema up to date.
     *
     * @throws StoreException if the file cannot be opened or migrated
     */
    public static SqlitePushStore open(Path file, Options options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        Path path = file.toAbsolutePath();
        Connection connection = null;
        try {
            Path directory = path.getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
            // Flyway works on connections of its own, closed again before the store's one is opened.
            int version = new SchemaMigrator(path).migrate();
            connection = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + path, connectionProperties());
            String journalMode = configure(connection);
            connection.setAutoCommit(false);
            PushSql sql = new PushSql(connection);
            log.info("Store open: {} (schema version {}, journal mode {})", path, version, journalMode);
            SqlitePushStore store = new SqlitePushStore(path, connection, sql, options);
            store.writer.start();
            return store;
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open store " + path, e);
        }
    }

    /**
     * The driver's settings for the writer's connection. Generated keys are off: with them on, the driver
     * matches every statement against a pattern and, after each INSERT, prepares and runs a
     * {@code SELECT last_insert_rowid()} of its own, which was the largest single cost of an alarm's
     * transaction in the profile (docs/performance.md). The one insert that needs its key says
     * {@code RETURNING}.
     */
    private static Properties connectionProperties() {
        SQLiteConfig config = new SQLiteConfig();
        config.setGetGeneratedKeys(false);
        return config.toProperties();
    }

    private static String configure(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            s.execute("PRAGMA synchronous = FULL");
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                String mode = rs.next() ? rs.getString(1) : "unknown";
                if (!"wal".equalsIgnoreCase(mode)) {
                    // Still durable (synchronous=FULL), only readers and writers block each other.
                    log.warn("Store could not switch to WAL journal mode, staying in {}", mode);
                }
                return mode;
            }
        }
    }

    /**
     * Queues an operation for the writer.
     *
     * @throws StoreException if the queue is full or the store is closed; the operation is then not applied
     *                        and its future not completed
     */
    @Override
    public void submit(StoreOp op) {
        Objects.requireNonNull(op, "op");
        gate.readLock().lock();
        try {
            if (closed) {
                throw new StoreException("store is closed");
            }
            if (!queue.offer(op)) {
                throw new StoreException("store queue is full (" + (queue.size() + queue.remainingCapacity())
                        + " operations waiting)");
            }
        } finally {
            gate.readLock().unlock();
        }
    }

    /** Operations waiting for the writer now. */
    public int queued() {
        return queue.size();
    }

    /** How many transactions the writer has committed since open: at most one per operation, usually far fewer. */
    public long commits() {
        return commits;
    }

    /** How many operations those transactions held. */
    public long committedOperations() {
        return committedOps;
    }

    /**
     * Operations failed since open because of {@code reason}: {@code disk_full}, {@code io_error} or
     * {@code other}, the tags of {@code alarmhub.store.write_failures}.
     */
    public long writeFailures(String reason) {
        for (WriteFailure failure : WriteFailure.values()) {
            if (failure.tag().equals(reason)) {
                return failures.count(failure);
            }
        }
        throw new IllegalArgumentException("no store write failure reason " + reason);
    }

    /** The reasons {@link #writeFailures} counts by. */
    public static List<String> writeFailureReasons() {
        return Arrays.stream(WriteFailure.values()).map(WriteFailure::tag).toList();
    }

    /**
     * Refuses further operations, waits until those already queued are committed and completed, and
     * closes the database. Idempotent. Called from the writer thread itself (from a continuation), it
     * returns without waiting, and the writer closes the database once the queue is empty.
     */
    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            closed = true;
        } finally {
            gate.writeLock().unlock();
        }
        if (Thread.currentThread() == writer) {
            return;
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<StoreOp> batch = new ArrayList<>(maxBatch);
        try {
            while (true) {
                StoreOp first;
                try {
                    first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    continue; // only close() stops the writer
                }
                if (first == null) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                gather(batch);
                execute(batch);
                lastCommitEnd = System.nanoTime();
                batch.clear();
            }
        } catch (Throwable t) {
            log.error("Store writer died; closing the store", t);
            batch.forEach(op -> refuse(op, t));
        } finally {
            shutDown();
        }
    }

    /**
     * Waits up to the commit delay for more operations, but only while the writer is busy: when it
     * committed less than a commit delay ago. Each commit costs a WAL write and an fsync whatever it holds,
     * and at a steady few thousand alarms a second each commit used to hold one or two operations, so
     * commits were most of an alarm's CPU (docs/performance.md). Gathering for a millisecond makes the
     * batches several times larger; a writer that was idle commits at once, so a lone operation is not
     * delayed.
     */
    private void gather(List<StoreOp> batch) {
        long start = System.nanoTime();
        if (commitDelayNanos == 0 || start - lastCommitEnd > commitDelayNanos) {
            return;
        }
        long deadline = start + commitDelayNanos;
        while (batch.size() < maxBatch) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            StoreOp next;
            try {
                next = queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return; // commits what it has; only close() stops the writer
            }
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    private void execute(List<StoreOp> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        try {
            for (StoreOp op : batch) {
                completions.add(sql.apply(op));
            }
            connection.commit();
            commits++;
            committedOps += batch.size();
        } catch (SQLException | RuntimeException e) {
            rollback();
            int failed = batch.size() == 1 ? failAll(batch, e) : retryOneByOne(batch);
            failures.log(batch.size(), failed, e);
            return;
        }
        completions.forEach(SqlitePushStore::complete);
    }

    /** Applies each operation in its own transaction; returns how many failed. */
    private int retryOneByOne(List<StoreOp> batch) {
        int failed = 0;
        for (StoreOp op : batch) {
            Runnable completion;
            try {
                completion = sql.apply(op);
                connection.commit();
                commits++;
                committedOps++;
            } catch (SQLException | RuntimeException e) {
                rollback();
                fail(op, e);
                failed++;
                continue;
            }
            complete(completion);
        }
        return failed;
    }

    private int failAll(List<StoreOp> batch, Throwable cause) {
        batch.forEach(op -> fail(op, cause));
        return batch.size();
    }

    private static void complete(Runnable completion) {
        try {
            completion.run();
        } catch (RuntimeException e) {
            log.warn("Store operation continuation threw", e);
        }
    }

    /** Fails an operation the writer took, and counts it. */
    private void fail(StoreOp op, Throwable cause) {
        failures.count(cause);
        refuse(op, cause);
    }

    private static void refuse(StoreOp op, Throwable cause) {
        StoreException failure = cause instanceof StoreException se ? se
                : new StoreException("store could not apply " + op.getClass().getSimpleName() + ": "
                        + WriteFailure.of(cause).description() + " (" + cause.getMessage() + ")", cause);
        try {
            if (op instanceof StoreOp.Atomic atomic) {
                atomic.ops().forEach(member -> member.result().completeExceptionally(failure));
            }
            op.result().completeExceptionally(failure);
        } catch (RuntimeException e) {
            log.warn("Store operation continuation threw", e);
        }
    }

    /**
     * Ends the failed transaction and opens the next one. SQLite itself rolls a transaction back on some
     * errors (SQLITE_FULL, SQLITE_IOERR), and then the ROLLBACK fails; the driver then begins no new
     * transaction, so later statements would run outside any group and their commit() fail, and the
     * store would not recover once the disk has room again (FullDiskTest). So a failed ROLLBACK is tried
     * once more (it fails harmlessly when there is nothing to roll back) and followed by a BEGIN of the
     * store's own.
     */
    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailed) {
            try (Statement s = connection.createStatement()) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException nothingToRollBack) {
                    // SQLite rolled it back already, as it does on SQLITE_FULL and SQLITE_IOERR.
                }
                s.execute("BEGIN");
            } catch (SQLException stillOpen) {
                log.error("Store rollback failed ({}), and so did beginning a new transaction",
                        rollbackFailed.getMessage(), stillOpen);
            }
        }
    }

    /** On the writer, last: refuses new operations, fails any left behind, releases the database. */
    private void shutDown() {
        gate.writeLock().lock();
        try {
            closed = true;
        } finally {
            gate.writeLock().unlock();
        }
        StoreException refused = new StoreException("store is closed");
        for (StoreOp op; (op = queue.poll()) != null; ) {
            refuse(op, refused);
        }
        try {
            sql.close();
        } catch (SQLException e) {
            log.warn("Store could not close its statements", e);
        }
        closeQuietly(connection);
        log.info("Store closed: {} ({} commits of {} operations)", file, commits, committedOps);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Store could not close its database connection", e);
        }
    }
}
