package io.alarmhub.gateway.device.hemu.openapi;

import java.util.Optional;

/**
 * The settings a camera reports in {@code MSG_P_THD_SET_CAMERA_SETTINGS_REQ}, each as sent or absent.
 *
 * @param status       {@code "On"} or {@code "Off"}: whether the camera is on
 * @param personStatus {@code "On"} or {@code "Off"}: whether person detection is on
 * @param wifiSSID     the Wi-Fi network the camera uses; where the camera is, so not to be logged
 * @param sdcardStatus {@link #NO_CARD}, {@link #CARD_FAULT} or {@link #CARD_OK}
 * @param binoParam    the binocular camera's parameters, opaque (sent as {@code binoParam} or {@code BinoParam})
 * @param deviceAngle  six colon-separated decimal numbers, as {@code 355:96:69:65:10:30}
 */
public record CamParam(Optional<String> status, Optional<String> personStatus, Optional<String> wifiSSID,
                       Optional<Integer> sdcardStatus, Optional<String> binoParam, Optional<String> deviceAngle) {

    public static final int NO_CARD = 1;
    public static final int CARD_FAULT = 2;
    public static final int CARD_OK = 3;

    @Override
    public String toString() {
        return "CamParam[status=" + status + ", personStatus=" + personStatus + ", wifiSSID="
                + wifiSSID.map(ssid -> "<hidden>") + ", sdcardStatus=" + sdcardStatus + ", binoParam=" + binoParam
                + ", deviceAngle=" + deviceAngle + "]";
    }
}
