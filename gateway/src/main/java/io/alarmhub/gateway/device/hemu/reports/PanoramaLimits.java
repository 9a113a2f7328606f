package io.alarmhub.gateway.device.hemu.reports;

import java.time.Duration;

/**
 * How much of the cameras' panorama pictures the platform holds while it collects them (5.2.11.7). A set is
 * held in memory until its last picture, so every bound is on memory: pictures per set, bytes per picture,
 * sets at once and bytes in all; and a set whose camera has sent nothing for {@code timeout} is dropped.
 *
 * @param maxPictures     the largest {@code count}: 72 pictures are a turn in steps of 5° ({@code angle}, 5.2.9.23)
 * @param maxPictureBytes the largest picture: the document's pictures are 640×360 thumbnails
 * @param maxSets         how many cameras may be sending a set at once
 * @param maxBytes        how many bytes of pictures all the sets may hold together
 * @param timeout         a set none of whose pictures came for this long is dropped
 */
public record PanoramaLimits(int maxPictures, int maxPictureBytes, int maxSets, long maxBytes, Duration timeout) {

    public static final PanoramaLimits DEFAULT = new PanoramaLimits(72, 1024 * 1024, 64, 64L * 1024 * 1024,
            Duration.ofSeconds(60));

    public PanoramaLimits {
        if (maxPictures < 1 || maxPictureBytes < 1 || maxSets < 1 || maxBytes < maxPictureBytes) {
            throw new IllegalArgumentException("panorama limits must be positive, and maxBytes at least a picture");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a panorama's timeout must be positive, was " + timeout);
        }
    }
}
