package io.alarmhub.store;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Why a transaction of the store failed, as far as an operator can act on it: the disk is full, the disk
 * failed, or something else (an operation the schema refused, a bug). The first two are the disk's and
 * end when it is fixed; the store keeps running through them.
 */
enum WriteFailure {

    /** SQLITE_FULL: the file system has no room for the journal or the database file. */
    DISK_FULL("disk full"),
    /** SQLITE_IOERR and its extended codes: a read, write or fsync of the files failed. */
    IO_ERROR("disk I/O error"),
    OTHER("store failure");

    /** SQLite's primary result codes; the extended ones carry them in their low byte. */
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_FULL = 13;

    private final String description;

    WriteFailure(String description) {
        this.description = description;
    }

    /** The reason tag of {@code alarmhub.store.write_failures}: {@code disk_full}, {@code io_error}, {@code other}. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    String description() {
        return description;
    }

    /** Whether it is the disk's failure: it ends when the disk is fixed, so it is logged once a minute. */
    boolean ofTheDisk() {
        return this != OTHER;
    }

    /** The failure behind {@code failure}: the first SQLite result code found along its causes. */
    static WriteFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getErrorCode() != 0) {
                int primary = e.getErrorCode() & 0xff;
                if (primary == SQLITE_FULL) {
                    return DISK_FULL;
                }
                if (primary == SQLITE_IOERR) {
                    return IO_ERROR;
                }
                return OTHER;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return OTHER;
    }
}
