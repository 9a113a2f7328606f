package io.alarmhub.gateway.device.hemu.plan;

import io.alarmhub.gateway.device.hemu.ThumbnailSettings;
import io.alarmhub.gateway.device.hemu.platform.ServerCommand;

/**
 * The thumbnails a camera is asked for ({@code DevServerCmd} type 9, 5.2.8).
 *
 * @param span   {@code thumbnail_span}: one every this many seconds; 0 asks for none (and stops them)
 * @param width  {@code thumbnail_width} in pixels
 * @param height {@code thumbnail_height} in pixels
 */
public record Thumbnails(int span, int width, int height) {

    public Thumbnails {
        if (span < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("thumbnails of span " + span + " s, " + width + "x" + height);
        }
    }

    /** The configured ones ({@code hemu.thumbnails}). */
    public static Thumbnails of(ThumbnailSettings settings) {
        return new Thumbnails((int) Math.min(Integer.MAX_VALUE, settings.span().toSeconds()), settings.width(),
                settings.height());
    }

    /** Whether the camera is to upload any. */
    public boolean wanted() {
        return span > 0;
    }

    public ServerCommand.Thumbnails command() {
        return new ServerCommand.Thumbnails(span, width, height);
    }
}
