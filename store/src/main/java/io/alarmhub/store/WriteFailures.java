package io.alarmhub.store;

import io.alarmhub.core.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operations the store failed, counted by {@link WriteFailure}, and the log of why. A full or failing
 * disk fails every write until it is fixed, so its cause is logged once a minute (each reason on its own,
 * so that one does not hide another); any other failure is logged every time, as it points at one
 * operation.
 */
final class WriteFailures {

    private static final Logger log = LoggerFactory.getLogger(SqlitePushStore.class);

    private final Map<WriteFailure, AtomicLong> counts = new EnumMap<>(WriteFailure.class);
    private final Map<WriteFailure, RateLimitedLog> logs = new EnumMap<>(WriteFailure.class);

    WriteFailures() {
        for (WriteFailure reason : WriteFailure.values()) {
            counts.put(reason, new AtomicLong());
            logs.put(reason, new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE));
        }
    }

    /** Operations failed for {@code reason} since the store opened. */
    long count(WriteFailure reason) {
        return counts.get(reason).get();
    }

    /** One operation failed with {@code cause}. */
    void count(Throwable cause) {
        counts.get(WriteFailure.of(cause)).incrementAndGet();
    }

    /** A transaction of {@code operations} operations failed with {@code cause}, and {@code failed} of them failed. */
    void log(int operations, int failed, Throwable cause) {
        WriteFailure reason = WriteFailure.of(cause);
        String message = "Store transaction of " + operations + " operation(s) failed (" + reason.description()
                + ") and was rolled back; " + failed + " of them failed"
                + (operations == 1 ? "" : " again when retried alone");
        if (!reason.ofTheDisk()) {
            log.warn(message, cause);
            return;
        }
        // The stack says nothing an operator needs; SQLite's message says what failed.
        logs.get(reason).warn(message + ": " + cause.getMessage()
                + "; writes are refused until the disk is fixed, and accepted again without a restart");
    }
}
