package io.alarmhub.gateway.device.hemu.openapi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One message of the OpenAPI, the {@code jsonObject} of a batch request, told apart by its {@code msgType}.
 * Field names and values are the document's. Every request names its camera by {@code deviceId}, 15 ASCII
 * digits, and may give its MAC address, 12 hex digits (lower case here, however sent); the requests of a
 * registered camera also carry the {@code deviceToken} the platform gave it ({@link WithDeviceToken}).
 *
 * <p>Tokens and the Wi-Fi SSID are not to be logged: no {@code toString} here prints them.
 */
public sealed interface HemuRequest {

    /** {@code msgType}, a {@code _REQ} name. */
    String msgType();

    /** The {@code msgType} of the answer: the request's with {@code _REQ} made {@code _RSP}. */
    default String responseType() {
        return responseTypeOf(msgType());
    }

    String deviceId();

    /** The MAC address in lower case; always present in {@link AddCamera}. */
    Optional<String> deviceMacAddress();

    /**
     * Reads a message; throws {@link OpenApiException}, and nothing else, when it cannot. Checks in this order:
     * empty or blank text is EMPTY_JSON; text that is not JSON is JSON_PARSE; JSON that is not an object or
     * has no string {@code msgType} is BAD_REQUEST, as is an unknown {@code msgType}; a required field
     * missing or empty is EMPTY_VALUE naming it; a {@code deviceId} that is not 15 ASCII digits is
     * INVALID_DEVICE_ID; a {@code deviceMacAddress} that is not 12 hex digits is BAD_REQUEST, as is any
     * string value over 1,024 bytes of UTF-8, and then any other value the type does not allow. Once the
     * {@code msgType} is known, the exception carries its {@code _RSP} type.
     *
     * <p>Field names are matched after trimming whitespace (the document writes {@code "deviceMacAddress "});
     * two names that trim to one are BAD_REQUEST. A number where the document shows a string is taken as its
     * text ({@code "registMode": 1}). An optional field that is {@code null}, empty or blank is absent.
     */
    static HemuRequest create(String jsonObject) {
        return HemuRequestReader.read(jsonObject);
    }

    /** {@code msgType} with a trailing {@code _REQ} made {@code _RSP}. */
    static String responseTypeOf(String msgType) {
        return msgType.endsWith("_REQ") ? msgType.substring(0, msgType.length() - 4) + "_RSP" : msgType;
    }

    /** The requests of a camera the platform already registered, which prove it with their token. */
    sealed interface WithDeviceToken extends HemuRequest {

        /** The token the platform gave the camera when it registered; not to be logged. */
        String deviceToken();
    }

    /**
     * A camera asks to be registered to the account of {@code userMobile}, whose app gave it {@code userToken}.
     * {@code comment} carries the hardware model ({@code HW}) and the feature bits ({@code FEATURE}, decimal).
     *
     * @param registMode {@code "0"} or {@code "1"}, when sent
     * @param hardware   the comment's {@code HW}, when given
     * @param features   the comment's {@code FEATURE}; 0 when not given
     */
    record AddCamera(String deviceId, Optional<String> deviceMacAddress, String userMobile, String userToken,
                     String deviceModelId, Optional<String> registMode, Optional<String> hardware, long features)
            implements HemuRequest {

        public static final String MSG_TYPE = "MSG_P_THD_ADD_CAMERA_REQ";

        @Override
        public String msgType() {
            return MSG_TYPE;
        }

        /** Feature bit {@code 0x1}: the camera has Wi-Fi. */
        public boolean wifi() {
            return (features & 0x1) != 0;
        }

        /** Feature bit {@code 0x10}: the camera can pan and tilt. */
        public boolean ptz() {
            return (features & 0x10) != 0;
        }

        /** Feature bit {@code 0x200}: the camera has no microphone. */
        public boolean noMicrophone() {
            return (features & 0x200) != 0;
        }

        /** Feature bit {@code 0x800}: the camera has a fisheye lens. */
        public boolean fisheye() {
            return (features & 0x800) != 0;
        }

        @Override
        public String toString() {
            return "AddCamera[deviceId=" + deviceId + ", deviceMacAddress=" + deviceMacAddress + ", userMobile="
                    + userMobile + ", userToken=<hidden>, deviceModelId=" + deviceModelId + ", registMode="
                    + registMode + ", hardware=" + hardware + ", features=" + features + "]";
        }
    }

    /** A camera asks whether, and to whom, it is bound. */
    record GetBindInfo(String deviceId, Optional<String> deviceMacAddress) implements HemuRequest {

        public static final String MSG_TYPE = "MSG_P_THD_GET_CAMERA_BIND_INFO_REQ";

        @Override
        public String msgType() {
            return MSG_TYPE;
        }
    }

    /**
     * A camera says what it can do: {@code supportKey}'s flags, each 0 or 1, of {@link #SUPPORT_KEYS} only;
     * a flag not sent is not in the map.
     */
    record SetCapacity(String deviceId, Optional<String> deviceMacAddress, String deviceToken,
                       Map<String, Integer> supportKey) implements WithDeviceToken {

        public static final String MSG_TYPE = "MSG_P_THD_SET_CAMERA_CAPACITY_REQ";

        /** The {@code supportKey} flags the document defines, in its order. */
        public static final List<String> SUPPORT_KEYS = List.of("motionRegion",
                "duplexAudioTalk", "faceDetect", "personStatistic", "sdcard", "eventRecord", "binoCam",
                "motionTrack", "peopleDetection", "ptzPano");

        @Override
        public String msgType() {
            return MSG_TYPE;
        }

        @Override
        public String toString() {
            return "SetCapacity[deviceId=" + deviceId + ", deviceMacAddress=" + deviceMacAddress
                    + ", deviceToken=<hidden>, supportKey=" + supportKey + "]";
        }
    }

    /** A camera asks where to send its media (its channel addresses). */
    record GetChannelAddress(String deviceId, Optional<String> deviceMacAddress, String deviceToken)
            implements WithDeviceToken {

        public static final String MSG_TYPE = "MSG_P_THD_GET_CAMERA_CHN_ADDR_REQ";

        @Override
        public String msgType() {
            return MSG_TYPE;
        }

        @Override
        public String toString() {
            return "GetChannelAddress[deviceId=" + deviceId + ", deviceMacAddress=" + deviceMacAddress
                    + ", deviceToken=<hidden>]";
        }
    }

    /** A camera asks for the settings the platform keeps for it. */
    record GetSettings(String deviceId, Optional<String> deviceMacAddress, String deviceToken)
            implements WithDeviceToken {

        public static final String MSG_TYPE = "MSG_P_THD_GET_CAMERA_SETTINGS_REQ";

        @Override
        public String msgType() {
            return MSG_TYPE;
        }

        @Override
        public String toString() {
            return "GetSettings[deviceId=" + deviceId + ", deviceMacAddress=" + deviceMacAddress
                    + ", deviceToken=<hidden>]";
        }
    }

    /** A camera reports its settings. */
    record SetSettings(String deviceId, Optional<String> deviceMacAddress, String deviceToken, CamParam camParam)
            implements WithDeviceToken {

        public static final String MSG_TYPE = "MSG_P_THD_SET_CAMERA_SETTINGS_REQ";

        @Override
        public String msgType() {
            return MSG_TYPE;
        }

        @Override
        public String toString() {
            return "SetSettings[deviceId=" + deviceId + ", deviceMacAddress=" + deviceMacAddress
                    + ", deviceToken=<hidden>, camParam=" + camParam + "]";
        }
    }

    /** A camera reports what it is: model and software versions. */
    record SetInfo(String deviceId, Optional<String> deviceMacAddress, String deviceToken,
                   Optional<String> deviceModelId, String firmwareVersion, String cameraAppVersion)
            implements WithDeviceToken {

        public static final String MSG_TYPE = "MSG_P_THD_SET_CAMERA_INFO_REQ";

        @Override
        public String msgType() {
            return MSG_TYPE;
        }

        @Override
        public String toString() {
            return "SetInfo[deviceId=" + deviceId + ", deviceMacAddress=" + deviceMacAddress
                    + ", deviceToken=<hidden>, deviceModelId=" + deviceModelId + ", firmwareVersion="
                    + firmwareVersion + ", cameraAppVersion=" + cameraAppVersion + "]";
        }
    }
}
