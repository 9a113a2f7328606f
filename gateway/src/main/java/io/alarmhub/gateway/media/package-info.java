/**
 * The media HTTP listener ({@code media-http}, port 9910): watchers fetch the pictures and clips that
 * devices sent at the signed, expiring URLs the media store handed out,
 * {@code /media/<key>?expires=<epoch seconds>&sig=<signature>}.
 *
 * <p>It depends only on core's {@link io.alarmhub.core.media.MediaFiles}: the file behind a key and the
 * signer of the URLs. Answers: 200 or 206 (one {@code Range}) with the file streamed from disk; 403 for a
 * missing, bad or expired signature (checked before the key is looked up); 404 for an unknown key; 405 for
 * other methods; errors as {@code {"error":"…"}}, those of the shared HTTP core ({@link io.alarmhub.gateway.http})
 * too. Meters: {@code alarmhub.media.requests{status}}, {@code alarmhub.media.bytes_sent},
 * {@code alarmhub.media.connections}, {@code alarmhub.media.closed{reason}} ({@code idle}, {@code request_timeout}). The
 * {@code alarmhub.media.stored_bytes} gauge is registered by whoever owns the store.
 */
package io.alarmhub.gateway.media;
