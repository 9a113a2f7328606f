package io.alarmhub.core.media;

/** What a media file is. */
public enum MediaKind {
    PICTURE,
    VIDEO;

    /** The name used in pushed JSON. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
