package io.alarmhub.core.media;

/** A media file could not be kept: the disk failed, or the store is over its cap and cannot make room. */
public class MediaException extends RuntimeException {

    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
