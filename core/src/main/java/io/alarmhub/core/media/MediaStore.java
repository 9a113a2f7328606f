package io.alarmhub.core.media;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps media files that devices upload, and signs the URLs watchers fetch them with. Calls block on
 * disk I/O: never call them on an event loop.
 */
public interface MediaStore {

    /**
     * Moves a received file into the store, durably (flushed to disk) before returning.
     *
     * @param received  a complete temporary file; it is moved or copied, and then no longer the caller's
     * @param kind      picture or video
     * @param extension file extension without the dot ({@code jpg}, {@code mp4}), used for the content type
     * @param deviceName the device's own name of the file, kept in the reference
     * @return the reference, with its key and a signed URL
     * @throws MediaException when the file cannot be kept
     */
    MediaRef keep(Path received, MediaKind kind, String extension, String deviceName);

    /**
     * Deletes a file kept a moment ago that nothing will refer to, because the alarm it belongs to could
     * not be stored (a full disk, say): the device is told to send it again, and it would only take room.
     * Best effort; an unknown key is ignored.
     */
    void discard(MediaRef ref);

    /** A fresh signed URL for a kept file, or empty when the key is unknown (expired by retention, say). */
    Optional<String> url(String key);
}
