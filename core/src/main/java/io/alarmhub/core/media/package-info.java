/**
 * Pictures and clips that devices send: the {@link io.alarmhub.core.media.MediaStore} SPI that keeps them
 * and hands out expiring signed URLs, and {@link io.alarmhub.core.media.MediaRef}, how an event names them.
 */
package io.alarmhub.core.media;
