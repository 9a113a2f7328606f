package io.alarmhub.core.media;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the media HTTP listener needs from a store that keeps files on this machine: the file behind a key,
 * and the signer its URLs were made with. A directory store offers it; a remote one (S3) serves its own URLs.
 */
public interface MediaFiles {

    /**
     * The file kept under {@code key}, or empty when the key is malformed or unknown. Never a path outside
     * the store: a key that could name one is malformed. The file may still vanish (retention) before the
     * caller opens it.
     */
    Optional<Path> file(String key);

    /** The signer of this store's URLs. */
    MediaSigner signer();

    /**
     * The directory where recorded video is written, inside the store: its files are served by their path under
     * the store's root, like any key, and the recordings' own retention deletes them.
     */
    Path recordings();
}
