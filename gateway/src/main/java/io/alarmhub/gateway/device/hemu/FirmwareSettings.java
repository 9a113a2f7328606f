package io.alarmhub.gateway.device.hemu;

import io.alarmhub.gateway.device.Sections;

import java.time.Duration;

/**
 * Firmware updates ({@code hemu.firmware}): the packages operators register and the rollouts that send them.
 *
 * @param maxPackageBytes the largest package that may be uploaded
 * @param urlValidity     how long the signed URL a camera is given to download a package stays valid
 * @param deviceTimeout   a device's update that has not ended (installed, or failed) by then is timed out
 */
public record FirmwareSettings(long maxPackageBytes, Duration urlValidity, Duration deviceTimeout) {

    public static final FirmwareSettings DEFAULT = new FirmwareSettings(64L * 1024 * 1024, Duration.ofHours(2),
            Duration.ofHours(1));

    public FirmwareSettings {
        if (maxPackageBytes <= 0) {
            throw new IllegalArgumentException("firmware.max-package-bytes: " + maxPackageBytes + " is not positive");
        }
        Sections.positive("firmware.url-validity", urlValidity);
        Sections.positive("firmware.device-timeout", deviceTimeout);
    }
}
