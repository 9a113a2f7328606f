package io.alarmhub.gateway.device.hemu.openapi;

import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.AddCamera;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.GetBindInfo;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.GetChannelAddress;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.GetSettings;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.SetCapacity;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.SetInfo;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.SetSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A valid example of each message, the document's where it has one; {@link HemuRequestRefusalTest} refuses. */
class HemuRequestTest {

    static final String DEVICE = "\"deviceId\":\"110234567894562\",\"deviceMacAddress\":\"000000300002\"";
    static final String TOKEN = "\"deviceToken\":\"9f2c0a55d1e84b7f\"";

    @Test
    void readsTheDocumentsAddCamera() {
        AddCamera add = (AddCamera) HemuRequest.create(BatchParametersTest.DOCUMENT_JSON);

        assertThat(add).isEqualTo(new AddCamera("110234567894562", Optional.of("000000300002"), "13888888888",
                "e10adc3949ba59abbe56e057f20f883e", "Zhejiang_zj_cnmobile_001", Optional.empty(),
                Optional.of("3RD-X01"), 0));
        assertThat(add.msgType()).isEqualTo("MSG_P_THD_ADD_CAMERA_REQ");
        assertThat(add.responseType()).isEqualTo("MSG_P_THD_ADD_CAMERA_RSP");
        assertThat(add.wifi() || add.ptz() || add.noMicrophone() || add.fisheye()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"'HW':'3RD-X01','FEATURE':17\"", "\"['HW':'3RD-X01','FEATURE':17]\"",
            "\"'HW':3RD-X01','FEATURE':17\"", "[\"'HW':'3RD-X01','FEATURE':17\"]",
            "[\"['HW':'3RD-X01','FEATURE':17]\"]",
            "[\"'HW':3RD-X01','FEATURE':17\"]", "[\"'HW':'3RD-X01'\", \"'FEATURE':'17'\"]",
            "\"HW:3RD-X01, feature: 17\""})
    void readsTheCommentInEveryShape(String comment) {
        AddCamera add = addCamera("\"comment\":" + comment);

        assertThat(add.hardware()).contains("3RD-X01");
        assertThat(add.features()).isEqualTo(17);
        assertThat(add.wifi()).isTrue();
        assertThat(add.ptz()).isTrue();
        assertThat(add.noMicrophone()).isFalse();
        assertThat(add.fisheye()).isFalse();
    }

    @Test
    void readsTheOtherFeatureBitsAndNoComment() {
        AddCamera fisheye = addCamera("\"comment\":\"'FEATURE':2560\"");
        assertThat(fisheye.noMicrophone()).isTrue();
        assertThat(fisheye.fisheye()).isTrue();
        assertThat(fisheye.hardware()).isEmpty();

        AddCamera none = addCamera("\"registMode\":\"0\"");
        assertThat(none.hardware()).isEmpty();
        assertThat(none.features()).isZero();
        assertThat(none.registMode()).contains("0");
    }

    @Test
    void takesNumbersAsTextTrimsNamesAndLowersTheMac() {
        AddCamera add = (AddCamera) HemuRequest.create("""
                {"msgType":"MSG_P_THD_ADD_CAMERA_REQ", "deviceId":110234567894562, "deviceMacAddress ":"00AB0030FF02",
                 "userMobile":13888888888, "userToken":"t0k3n", "deviceModelId":"M1", "registMode":1,}""");

        assertThat(add.deviceId()).isEqualTo("110234567894562");
        assertThat(add.deviceMacAddress()).contains("00ab0030ff02");
        assertThat(add.userMobile()).isEqualTo("13888888888");
        assertThat(add.registMode()).contains("1");
    }

    @Test
    void readsGetBindInfoWithAndWithoutMac() {
        assertThat(HemuRequest.create("{\"msgType\":\"MSG_P_THD_GET_CAMERA_BIND_INFO_REQ\"," + DEVICE + "}"))
                .isEqualTo(new GetBindInfo("110234567894562", Optional.of("000000300002")));
        assertThat(HemuRequest.create("""
                {"msgType":"MSG_P_THD_GET_CAMERA_BIND_INFO_REQ","deviceId":"110234567894562","deviceMacAddress":""}"""))
                .isEqualTo(new GetBindInfo("110234567894562", Optional.empty()));
    }

    @Test
    void readsTheDocumentsSetCapacity() {
        SetCapacity capacity = (SetCapacity) message("MSG_P_THD_SET_CAMERA_CAPACITY_REQ", """
                "supportKey":{"motionRegion":0,"duplexAudioTalk":1,"faceDetect":0,"personStatistic":1,"sdcard":1,
                "eventRecord":1,"binoCam":1,"motionTrack":1,"peopleDetection":0,"ptzPano":1}""");

        assertThat(capacity.deviceToken()).isEqualTo("9f2c0a55d1e84b7f");
        assertThat(capacity.supportKey()).containsExactly(Map.entry("motionRegion", 0),
                Map.entry("duplexAudioTalk", 1), Map.entry("faceDetect", 0), Map.entry("personStatistic", 1),
                Map.entry("sdcard", 1), Map.entry("eventRecord", 1), Map.entry("binoCam", 1),
                Map.entry("motionTrack", 1), Map.entry("peopleDetection", 0), Map.entry("ptzPano", 1));
        assertThat(capacity.responseType()).isEqualTo("MSG_P_THD_SET_CAMERA_CAPACITY_RSP");
    }

    @Test
    void keepsOnlyTheTenFlagsSent() {
        SetCapacity capacity = (SetCapacity) message("MSG_P_THD_SET_CAMERA_CAPACITY_REQ",
                "\"supportKey\":{\"sdcard\":\"1\",\"laser\":7,\"ptzPano \":0}");

        assertThat(capacity.supportKey()).containsExactly(Map.entry("sdcard", 1), Map.entry("ptzPano", 0));
    }

    @Test
    void readsGetChannelAddressAndGetSettings() {
        assertThat(message("MSG_P_THD_GET_CAMERA_CHN_ADDR_REQ", ""))
                .isEqualTo(new GetChannelAddress("110234567894562", Optional.of("000000300002"), "9f2c0a55d1e84b7f"));
        assertThat(message("MSG_P_THD_GET_CAMERA_SETTINGS_REQ", ""))
                .isEqualTo(new GetSettings("110234567894562", Optional.of("000000300002"), "9f2c0a55d1e84b7f"));
    }

    @Test
    void readsTheDocumentsSetSettings() {
        SetSettings settings = (SetSettings) message("MSG_P_THD_SET_CAMERA_SETTINGS_REQ", """
                "camParam":{"status":"On","personStatus":"On","wifiSSID":"xxxx","sdcardStatus":1,
                "binoParam":"xxxxx","deviceAngle":"355:96:69:65:10:30"}""");

        assertThat(settings.camParam()).isEqualTo(new CamParam(Optional.of("On"), Optional.of("On"),
                Optional.of("xxxx"), Optional.of(CamParam.NO_CARD), Optional.of("xxxxx"),
                Optional.of("355:96:69:65:10:30")));
    }

    @Test
    void readsEitherSpellingOfBinoParamAndOnOffInAnyCase() {
        SetSettings settings = (SetSettings) message("MSG_P_THD_SET_CAMERA_SETTINGS_REQ",
                "\"camParam\":{\"BinoParam\":\"b\",\"status\":\"off\",\"sdcardStatus\":\"3\",\"deviceAngle\":"
                        + "\"-1.5:0:0:0:0:360\"}");

        assertThat(settings.camParam()).isEqualTo(new CamParam(Optional.of("Off"), Optional.empty(), Optional.empty(),
                Optional.of(CamParam.CARD_OK), Optional.of("b"), Optional.of("-1.5:0:0:0:0:360")));
    }

    @Test
    void readsTheDocumentsSetInfo() {
        assertThat(message("MSG_P_THD_SET_CAMERA_INFO_REQ",
                "\"firmwareVersion\":\"1.2.300\",\"cameraAppVersion\":\"2.15.200\""))
                .isEqualTo(new SetInfo("110234567894562", Optional.of("000000300002"), "9f2c0a55d1e84b7f",
                        Optional.empty(), "1.2.300", "2.15.200"));
        assertThat(((SetInfo) message("MSG_P_THD_SET_CAMERA_INFO_REQ",
                "\"deviceModelId\":\"M1\",\"firmwareVersion\":\"1.2.300\",\"cameraAppVersion\":\"2.15.200\""))
                .deviceModelId()).contains("M1");
    }

    @Test
    void noToStringShowsATokenOrTheSsid() {
        String settings = message("MSG_P_THD_SET_CAMERA_SETTINGS_REQ", "\"camParam\":{\"wifiSSID\":\"HomeNet42\"}")
                .toString();
        String add = HemuRequest.create(BatchParametersTest.DOCUMENT_JSON).toString();
        String info = message("MSG_P_THD_SET_CAMERA_INFO_REQ",
                "\"firmwareVersion\":\"1.2.300\",\"cameraAppVersion\":\"2.15.200\"").toString();

        assertThat(settings).doesNotContain("HomeNet42").doesNotContain("9f2c0a55d1e84b7f").contains("110234567894562");
        assertThat(add).doesNotContain("e10adc3949ba59abbe56e057f20f883e").contains("3RD-X01");
        assertThat(info).doesNotContain("9f2c0a55d1e84b7f").contains("2.15.200");
        for (String type : new String[] {"MSG_P_THD_GET_CAMERA_CHN_ADDR_REQ", "MSG_P_THD_GET_CAMERA_SETTINGS_REQ"}) {
            assertThat(message(type, "").toString()).doesNotContain("9f2c0a55d1e84b7f");
        }
        assertThat(message("MSG_P_THD_SET_CAMERA_CAPACITY_REQ", "\"supportKey\":{\"sdcard\":1}").toString())
                .doesNotContain("9f2c0a55d1e84b7f").contains("sdcard=1");
    }

    @Test
    void everyErrorCodeHasItsDocumentCode() {
        assertThat(ErrorCode.values()).extracting(ErrorCode::code).containsExactly("0", "400", "500", "10005",
                "20000", "20005", "20008", "21001", "21113", "70002", "70004", "80000");
        assertThat(ErrorCode.EMPTY_JSON.meaning()).isNotBlank();
    }

    static AddCamera addCamera(String more) {
        return (AddCamera) HemuRequest.create("{\"msgType\":\"MSG_P_THD_ADD_CAMERA_REQ\"," + DEVICE
                + ",\"userMobile\":\"13888888888\",\"userToken\":\"t0k3n\",\"deviceModelId\":\"M1\","
                + more + "}");
    }

    /** A message of {@code type} for the document's camera, with its token and {@code more} fields. */
    static HemuRequest message(String type, String more) {
        return HemuRequest.create("{\"msgType\":\"" + type + "\"," + DEVICE + "," + TOKEN
                + (more.isEmpty() ? "" : "," + more) + "}");
    }
}
