package io.alarmhub.gateway.device.hemu.platform;

import java.util.Optional;

/**
 * What a camera's {@code MSG_P_THD_SET_CAMERA_SETTINGS_REQ} reports in its {@code camParam}, checked for form:
 * {@code status} and {@code personStatus} are switches it turned by schedule, {@code sdcardStatus} 1 (no
 * card), 2 (card fault) or 3 (card fine).
 */
public record CameraReport(Optional<String> status, Optional<String> personStatus, Optional<String> wifiSSID,
                           Optional<Integer> sdcardStatus, Optional<String> binoParam, Optional<String> deviceAngle) {

    /** Never the Wi-Fi name: this may be logged. */
    @Override
    public String toString() {
        return "CameraReport[status=" + status + ", sdcardStatus=" + sdcardStatus + "]";
    }
}
