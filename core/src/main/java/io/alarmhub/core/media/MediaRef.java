package io.alarmhub.core.media;

import java.util.Objects;
import java.util.Optional;

/**
 * A picture or clip an event refers to.
 *
 * @param kind picture or video
 * @param name the file name as the device gave it (empty when the device named none)
 * @param key  the media store's key, when alarmhub holds the file itself
 * @param url  where a watcher fetches it: a signed, expiring URL of the media store, or one built from the
 *             vendor's template (Jovision FTP and cloud schemes), or the device's own name passed on as is
 */
public record MediaRef(MediaKind kind, String name, Optional<String> key, String url) {

    public MediaRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(url, "url");
    }
}
