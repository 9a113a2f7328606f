package io.alarmhub.gateway.device.hemu.openapi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static io.alarmhub.gateway.device.hemu.openapi.HemuRequestTest.DEVICE;
import static io.alarmhub.gateway.device.hemu.openapi.HemuRequestTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each refusal of {@link HemuRequest#create}, with the code and the description the camera gets. */
class HemuRequestRefusalTest {

    private static final String ADD = "MSG_P_THD_ADD_CAMERA_REQ";
    private static final String SETTINGS = "MSG_P_THD_SET_CAMERA_SETTINGS_REQ";
    private static final String CAPACITY = "MSG_P_THD_SET_CAMERA_CAPACITY_REQ";

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\r\n\t"})
    void emptyTextIsEmptyJson(String text) {
        assertRefused(text, ErrorCode.EMPTY_JSON, "jsonObject is empty", Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{a:1,b:2,c:3}", "{\"a\":1} {}", "{\"a\":1,\"a\":2}", "'x'", "{\"a\":\"\\q\"}"})
    void textThatIsNotJsonIsJsonParse(String text) {
        assertRefused(text, ErrorCode.JSON_PARSE, "jsonObject is not JSON", Optional.empty());
    }

    /** Found by HemuOpenApiFuzzTest: Jackson threw NumberFormatException for such a number, not a parse error. */
    @ParameterizedTest
    @ValueSource(strings = {"1102e34567894562", "1e2147483648", "1.5E-34567894562"})
    void aNumberWhoseExponentIsBeyondAnIntIsJsonParse(String number) {
        assertRefused("{\"msgType\":\"MSG_P_THD_GET_CAMERA_BIND_INFO_REQ\",\"deviceId\":" + number + "}",
                ErrorCode.JSON_PARSE, "jsonObject is not JSON", Optional.empty());
    }

    @Test
    void tooDeepIsJsonParse() {
        String deep = "{\"msgType\":" + "[".repeat(17) + "]".repeat(17) + "}";
        assertRefused(deep, ErrorCode.JSON_PARSE, "jsonObject is not JSON", Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "null", "\"MSG_P_THD_ADD_CAMERA_REQ\"", "17"})
    void jsonThatIsNotAnObjectIsBadRequest(String text) {
        assertRefused(text, ErrorCode.BAD_REQUEST, "jsonObject is not a JSON object", Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"msgType\":7}", "{\"msgType\":null}", "{\"msgType\":[\"x\"]}"})
    void noStringMsgTypeIsBadRequest(String text) {
        assertRefused(text, ErrorCode.BAD_REQUEST, "msgType is missing or not a string", Optional.empty());
    }

    @Test
    void anUnknownMsgTypeIsBadRequest() {
        assertRefused("{\"msgType\":\"MSG_P_THD_DEL_CAMERA_REQ\"}", ErrorCode.BAD_REQUEST,
                "unknown msgType MSG_P_THD_DEL_CAMERA_REQ", Optional.empty());
        OpenApiException refused = refused("{\"msgType\":\"" + "\\n".repeat(3) + "X".repeat(5000) + "\"}");
        assertThat(refused.description()).startsWith("unknown msgType ???XXX").endsWith("...").hasSizeLessThan(100);
    }

    @Test
    void namesThatTrimToOneAreBadRequest() {
        assertRefused("{\"msgType\":\"" + ADD + "\",\"deviceId\":\"1\",\"deviceId \":\"2\"}", ErrorCode.BAD_REQUEST,
                "deviceId is given twice", Optional.empty());
    }

    @Test
    void aMissingOrEmptyRequiredFieldIsEmptyValueNamingIt() {
        assertRefused("{\"msgType\":\"" + ADD + "\"," + DEVICE + ",\"userMobile\":\"1\",\"deviceModelId\":\"M\"}",
                ErrorCode.EMPTY_VALUE, "userToken is missing", Optional.of("MSG_P_THD_ADD_CAMERA_RSP"));
        assertRefused("{\"msgType\":\"" + ADD + "\"," + DEVICE
                        + ",\"userMobile\":\"1\",\"userToken\":\" \",\"deviceModelId\":\"M\"}",
                ErrorCode.EMPTY_VALUE, "userToken is empty", Optional.of("MSG_P_THD_ADD_CAMERA_RSP"));
        assertRefused("{\"msgType\":\"" + ADD + "\",\"deviceId\":\"110234567894562\",\"userMobile\":\"1\","
                        + "\"userToken\":\"t\",\"deviceModelId\":\"M\"}",
                ErrorCode.EMPTY_VALUE, "deviceMacAddress is missing", Optional.of("MSG_P_THD_ADD_CAMERA_RSP"));
        assertRefused("{\"msgType\":\"MSG_P_THD_GET_CAMERA_SETTINGS_REQ\"," + DEVICE + "}",
                ErrorCode.EMPTY_VALUE, "deviceToken is missing", Optional.of("MSG_P_THD_GET_CAMERA_SETTINGS_RSP"));
        assertRefused("{\"msgType\":\"MSG_P_THD_GET_CAMERA_CHN_ADDR_REQ\",\"deviceId\":null," + TOKEN + "}",
                ErrorCode.EMPTY_VALUE, "deviceId is missing", Optional.of("MSG_P_THD_GET_CAMERA_CHN_ADDR_RSP"));
        assertRefused(message(SETTINGS, ""), ErrorCode.EMPTY_VALUE, "camParam is missing",
                Optional.of("MSG_P_THD_SET_CAMERA_SETTINGS_RSP"));
        assertRefused(message(CAPACITY, "\"supportKey\":{}"), ErrorCode.EMPTY_VALUE, "supportKey is empty",
                Optional.of("MSG_P_THD_SET_CAMERA_CAPACITY_RSP"));
        assertRefused(message("MSG_P_THD_SET_CAMERA_INFO_REQ", "\"firmwareVersion\":\"1\""), ErrorCode.EMPTY_VALUE,
                "cameraAppVersion is missing", Optional.of("MSG_P_THD_SET_CAMERA_INFO_RSP"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"11023456789456\"", "\"1102345678945620\"", "\"11023456789456a\"",
            "\"\u0661\u0661\u0660\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0664\u0665\u0666\u0662\"",
            "1.10234567894562E14", "{\"a\":1}", "true", "\" 110234567894562\""})
    void aDeviceIdThatIsNot15DigitsIsInvalidDeviceId(String deviceId) {
        assertRefused("{\"msgType\":\"MSG_P_THD_GET_CAMERA_BIND_INFO_REQ\",\"deviceId\":" + deviceId + "}",
                ErrorCode.INVALID_DEVICE_ID, "deviceId is not 15 digits",
                Optional.of("MSG_P_THD_GET_CAMERA_BIND_INFO_RSP"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"00:00:00:30:00:02\"", "\"00000030000\"", "\"00000030000g\"", "300002", "{\"a\":1}"})
    void aMacThatIsNot12HexDigitsIsBadRequest(String mac) {
        assertRefused("{\"msgType\":\"MSG_P_THD_GET_CAMERA_BIND_INFO_REQ\",\"deviceId\":\"110234567894562\","
                        + "\"deviceMacAddress\":" + mac + "}",
                ErrorCode.BAD_REQUEST, "deviceMacAddress is not 12 hex digits",
                Optional.of("MSG_P_THD_GET_CAMERA_BIND_INFO_RSP"));
    }

    @Test
    void aStringOver1024BytesIsBadRequestAnywhere() {
        String fits = "\u6444".repeat(341) + "x";
        String over = "\u6444".repeat(341) + "xy";
        assertThat(HemuRequestTest.message("MSG_P_THD_GET_CAMERA_SETTINGS_REQ", "\"note\":\"" + fits + "\""))
                .isNotNull();
        assertRefused(message("MSG_P_THD_GET_CAMERA_SETTINGS_REQ", "\"note\":[{\"deep\":\"" + over + "\"}]"),
                ErrorCode.BAD_REQUEST, "a string value is over 1024 bytes",
                Optional.of("MSG_P_THD_GET_CAMERA_SETTINGS_RSP"));
    }

    @Test
    void refusesBadAddCameraValues() {
        assertBad(addCamera("\"registMode\":2"), "registMode is not one of [0, 1]");
        assertBad(addCamera("\"comment\":17"), "comment is neither text nor a list of text");
        assertBad(addCamera("\"comment\":[\"'HW':'a'\",1]"), "comment is neither text nor a list of text");
        assertBad(addCamera("\"comment\":\"'FEATURE':0x11\""), "comment's FEATURE is not a decimal number");
        assertBad(addCamera("\"comment\":\"'FEATURE':-1\""), "comment's FEATURE is not a decimal number");
        assertBad(addCamera("\"comment\":\"'FEATURE':" + "9".repeat(19) + "\""),
                "comment's FEATURE is not a decimal number");
        assertBad(addCamera("\"comment\":\"'HW':'a','HW':'b'\""), "comment gives HW twice");
        assertBad(addCamera("\"userMobile\":{\"n\":1}").replace("\"userMobile\":\"13888888888\",", ""),
                "userMobile is not a string");
    }

    @Test
    void refusesBadCapacityValues() {
        assertBad(message(CAPACITY, "\"supportKey\":{\"sdcard\":2}"), "supportKey.sdcard is not one of [0, 1]");
        assertBad(message(CAPACITY, "\"supportKey\":{\"sdcard\":true}"), "supportKey.sdcard is not a string");
        assertBad(message(CAPACITY, "\"supportKey\":[1]"), "supportKey is not an object");
    }

    @Test
    void refusesBadSettings() {
        assertBad(message(SETTINGS, "\"camParam\":{\"sdcardStatus\":4}"),
                "camParam.sdcardStatus is not one of [1, 2, 3]");
        assertBad(message(SETTINGS, "\"camParam\":{\"status\":\"maybe\"}"), "camParam.status is not On or Off");
        assertBad(message(SETTINGS, "\"camParam\":{\"deviceAngle\":\"355:96:69:65:10\"}"),
                "camParam.deviceAngle is not six colon-separated numbers");
        assertBad(message(SETTINGS, "\"camParam\":{\"deviceAngle\":\"355:96:69:65:10:3a\"}"),
                "camParam.deviceAngle is not six colon-separated numbers");
        assertBad(message(SETTINGS, "\"camParam\":{\"binoParam\":\"a\",\"BinoParam\":\"b\"}"),
                "camParam gives both binoParam and BinoParam");
        assertBad(message(SETTINGS, "\"camParam\":\"On\""), "camParam is not an object");
        assertBad(message(SETTINGS, "\"camParam\":{\"wifiSSID\":[\"x\"]}"), "camParam.wifiSSID is not a string");
    }

    @Test
    void refusalsAreCheapAndCarryNoSecret() {
        OpenApiException refused = refused(addCamera("\"registMode\":\"x\"").replace("t0k3n", "secret-token"));

        assertThat(refused.getStackTrace()).isEmpty();
        assertThat(refused.description()).doesNotContain("secret-token");
        assertThat(refused.getMessage()).isEqualTo("400 registMode is not one of [0, 1]");
    }

    private static String addCamera(String more) {
        return "{\"msgType\":\"" + ADD + "\"," + DEVICE + ",\"userMobile\":\"13888888888\",\"userToken\":\"t0k3n\","
                + "\"deviceModelId\":\"M1\"," + more + "}";
    }

    private static String message(String type, String more) {
        return "{\"msgType\":\"" + type + "\"," + DEVICE + "," + TOKEN + (more.isEmpty() ? "" : "," + more) + "}";
    }

    private static void assertBad(String json, String description) {
        OpenApiException refused = refused(json);
        assertThat(refused.description()).isEqualTo(description);
        assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused.responseType()).isPresent();
    }

    private static void assertRefused(String json, ErrorCode code, String description, Optional<String> responseType) {
        OpenApiException refused = refused(json);
        assertThat(refused.code()).as("code of %s", refused.description()).isEqualTo(code);
        assertThat(refused.description()).isEqualTo(description);
        assertThat(refused.responseType()).isEqualTo(responseType);
    }

    private static OpenApiException refused(String json) {
        return assertThrows(OpenApiException.class, () -> HemuRequest.create(json));
    }
}
