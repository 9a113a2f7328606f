package io.alarmhub.gateway.device.hemu.platform;

import java.util.Optional;

/**
 * What a camera's {@code MSG_P_THD_ADD_CAMERA_REQ} asks, already checked for form.
 *
 * @param address the address the request came from, for the registration event
 */
public record Registration(String accessKey, String deviceId, String mac, String model, String userMobile,
                           String userToken, String hardware, long features, Optional<String> registMode,
                           Optional<String> address) {

    /** Never the token: this may be logged. */
    @Override
    public String toString() {
        return "Registration[" + deviceId + ", " + model + "]";
    }
}
