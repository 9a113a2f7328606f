package io.alarmhub.core.store;

/** The store could not do what it was asked: the disk, the database or the queue in front of it failed. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
