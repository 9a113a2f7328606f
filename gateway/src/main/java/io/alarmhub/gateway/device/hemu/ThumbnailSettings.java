package io.alarmhub.gateway.device.hemu;

import io.alarmhub.gateway.device.Sections;

import java.time.Duration;

/**
 * The thumbnails cameras are asked for ({@code DevServerCmd} type 9, 5.2.8) when no plan of their own says
 * otherwise ({@code hemu.thumbnails}).
 *
 * @param span   how often a camera uploads one; 0 asks for none
 * @param width  their width in pixels
 * @param height their height in pixels
 */
public record ThumbnailSettings(Duration span, int width, int height) {

    public static final ThumbnailSettings DEFAULT = new ThumbnailSettings(Duration.ZERO, 640, 360);

    public ThumbnailSettings {
        if (span.isNegative()) {
            throw new IllegalArgumentException("thumbnails.span: " + span + " is negative");
        }
        Sections.positive("thumbnails.width", width);
        Sections.positive("thumbnails.height", height);
    }
}
