/**
 * Pictures and clips that devices send: the {@link io.alarmhub.core.media.MediaStore} SPI that keeps them
 * and hands out expiring signed URLs, and {@link io.alarmhub.core.media.MediaRef}, how an event names them.
 * {@link io.alarmhub.core.media.MediaSigner} signs those URLs (HMAC-SHA256 over key and expiry), and
 * {@link io.alarmhub.core.media.MediaFiles} is what the HTTP listener that serves them needs from a store
 * that keeps files on this machine.
 */
package io.alarmhub.core.media;
