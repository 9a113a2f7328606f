package io.alarmhub.core.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Files a store keeps until they are deleted, whatever its retention and its cap: firmware packages, which
 * cameras download for as long as an operator offers them, at signed URLs that expire when the caller says
 * (the package's download window, not the pictures' week). A directory store offers it beside its pictures
 * and clips, served by the same media listener; a store that keeps nothing for long need not. Calls block on
 * disk I/O: never call them on an event loop.
 */
public interface LastingMedia {

    /**
     * Moves a complete file into the store, durably (flushed to disk) before returning. It is neither swept by
     * retention nor counted against the store's cap: the caller bounds how many it keeps.
     *
     * @param received  a complete temporary file; it is moved or copied, and then no longer the caller's
     * @param extension file extension without the dot, used for the content type ({@code bin}: bytes)
     * @return the file's key
     * @throws MediaException when the file cannot be kept
     */
    String keepLasting(Path received, String extension);

    /**
     * A signed URL for a kept file (lasting or not) that opens it for {@code validity} from now (in whole
     * seconds, at least one), or empty when the key is unknown.
     */
    Optional<String> url(String key, Duration validity);

    /** Deletes a lasting file; an unknown key is ignored. Best effort: a failure is logged, not thrown. */
    void deleteLasting(String key);
}
