package io.alarmhub.gateway.device.hemu.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * What alarmhub's registration QR code holds. The document leaves the format to a supplement we do not
 * have, so this one is alarmhub's own: one JSON object,
 * {@code {"hemu":1,"openapi":"https://host:8443","userMobile":"…","userToken":"…","wifiSSID":"…","wifiPassword":"…"}},
 * the Wi-Fi fields only when the app gives them. It is not encrypted: a camera registering with it sends
 * {@code registMode} "0".
 */
public record QrPayload(String openApi, String userMobile, String userToken, Optional<String> wifiSsid,
                        Optional<String> wifiPassword) {

    /** The format's version: a camera that reads a newer one knows to refuse it. */
    public static final int VERSION = 1;

    public String text() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("hemu", VERSION).put("openapi", openApi)
                .put("userMobile", userMobile).put("userToken", userToken);
        wifiSsid.ifPresent(s -> json.put("wifiSSID", s));
        wifiPassword.ifPresent(p -> json.put("wifiPassword", p));
        return json.toString();
    }

    /** Never the token or the Wi-Fi credentials: this may be logged. */
    @Override
    public String toString() {
        return "QrPayload[" + openApi + "]";
    }
}
