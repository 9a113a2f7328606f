package io.alarmhub.gateway.media;

import java.util.Locale;
import java.util.Map;

/** The content type of a media file, from its key's extension. */
final class MediaTypes {

    static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "png", "image/png",
            "gif", "image/gif",
            "webp", "image/webp",
            "mp4", "video/mp4",
            "mov", "video/quicktime");

    private MediaTypes() {
    }

    static String of(String key) {
        int dot = key.lastIndexOf('.');
        String extension = dot < 0 ? "" : key.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(extension, OCTET_STREAM);
    }
}
