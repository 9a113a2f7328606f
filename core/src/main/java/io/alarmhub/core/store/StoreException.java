package io.alarmhub.core.store;

/** The store could not do what it was asked: the disk, the database or the queue in front of it failed. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * For a refusal that is no fault of the code: it happens thousands of times a second under overload, so
     * its subclass may leave out the stack trace, which says nothing there.
     */
    protected StoreException(String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
    }
}
