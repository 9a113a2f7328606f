/**
 * The default {@link io.alarmhub.core.media.MediaStore}: media files in a directory of this machine,
 * {@code yyyy/MM/dd/<key>}, each moved in durably, reachable only through expiring signed URLs that the
 * gateway's media listener checks, and deleted after a retention period or when the directory outgrows
 * its cap, oldest first.
 */
package io.alarmhub.store.media;
