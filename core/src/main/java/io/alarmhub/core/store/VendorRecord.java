package io.alarmhub.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A piece of one vendor adapter's own state that the event model has no place for (a Hemu camera's
 * registration and settings, a binding an app user started), kept by the store as JSON text. The store
 * knows nothing of the body: the vendor's package reads and writes it.
 *
 * @param vendor  the vendor id
 * @param kind    what sort of record it is within the vendor, e.g. {@code camera}
 * @param key     its key within vendor and kind
 * @param owner   the alias it belongs to, when one does
 * @param body    the vendor's JSON
 * @param updated when it was last written
 */
public record VendorRecord(String vendor, String kind, String key, Optional<String> owner, String body,
                           Instant updated) {

    public VendorRecord {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(updated, "updated");
    }
}
