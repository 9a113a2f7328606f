package io.alarmhub.store.media;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the directory media store keeps files and signs their URLs. The signing secret is not here: it is
 * handed to the store's {@code MediaSigner} apart, so that settings can be logged.
 *
 * @param root          the directory that holds the files, laid out {@code yyyy/MM/dd/<key>}
 * @param publicBaseUrl how watchers reach the media listener, such as {@code https://alarms.example.com:9910};
 *                      URLs are {@code <publicBaseUrl>/media/<key>?expires=…&sig=…}. A trailing slash is dropped.
 * @param urlValidity   how long a URL opens its file; long enough that a pushed alarm's picture still opens
 *                      while the message waits for an offline receiver
 * @param retention     files older than this are deleted by the sweep
 * @param maxBytes      the most bytes the files may take together; past it the oldest files are deleted
 */
public record MediaSettings(Path root, String publicBaseUrl, Duration urlValidity, Duration retention,
                            long maxBytes) {

    public static final Duration DEFAULT_URL_VALIDITY = Duration.ofDays(7);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024 * 1024;

    public MediaSettings {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        Objects.requireNonNull(urlValidity, "urlValidity");
        Objects.requireNonNull(retention, "retention");
        publicBaseUrl = publicBaseUrl.strip();
        while (publicBaseUrl.endsWith("/")) {
            publicBaseUrl = publicBaseUrl.substring(0, publicBaseUrl.length() - 1);
        }
        checkBaseUrl(publicBaseUrl);
        if (urlValidity.toSeconds() < 1) {
            throw new IllegalArgumentException("urlValidity must be at least a second, was " + urlValidity);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
    }

    /** The defaults: URLs valid 7 days, files kept 30 days, at most 10 GiB. */
    public static MediaSettings defaults(Path root, String publicBaseUrl) {
        return new MediaSettings(root, publicBaseUrl, DEFAULT_URL_VALIDITY, DEFAULT_RETENTION, DEFAULT_MAX_BYTES);
    }

    private static void checkBaseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("publicBaseUrl is not a URL: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("publicBaseUrl must be an http or https URL without query, was "
                    + url);
        }
    }
}
