package io.alarmhub.gateway.fuzz;

import io.alarmhub.gateway.device.hemu.openapi.CamParam;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.AddCamera;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.GetBindInfo;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.GetChannelAddress;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.GetSettings;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.SetCapacity;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.SetInfo;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.SetSettings;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.WithDeviceToken;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a {@link HemuRequest} that {@code create} returned must be, whatever it was read from; for
 * {@link HemuOpenApiFuzzTest}. A record's {@code toString} must not depend on its secrets: the record with
 * other secrets must print the same.
 */
final class HemuRequestInvariants {

    private static final Map<Class<?>, String> TYPES = Map.of(AddCamera.class, AddCamera.MSG_TYPE,
            GetBindInfo.class, GetBindInfo.MSG_TYPE, SetCapacity.class, SetCapacity.MSG_TYPE,
            GetChannelAddress.class, GetChannelAddress.MSG_TYPE, GetSettings.class, GetSettings.MSG_TYPE,
            SetSettings.class, SetSettings.MSG_TYPE, SetInfo.class, SetInfo.MSG_TYPE);
    private static final String OTHER = "other-secret";

    private HemuRequestInvariants() {
    }

    static void check(HemuRequest request) {
        assertThat(request.msgType()).isEqualTo(TYPES.get(request.getClass()));
        assertThat(request.responseType()).isEqualTo(request.msgType().replaceAll("_REQ$", "_RSP"));
        assertThat(request.deviceId()).matches("[0-9]{15}");
        request.deviceMacAddress().ifPresent(mac -> assertThat(mac).matches("[0-9a-f]{12}"));
        if (request instanceof WithDeviceToken withToken) {
            assertThat(withToken.deviceToken()).isNotBlank().satisfies(HemuRequestInvariants::fits);
        }
        assertThat(request.toString()).isEqualTo(withOtherSecrets(request).toString());
        if (request instanceof AddCamera add) {
            assertThat(add.deviceMacAddress()).isPresent();
            Stream.of(add.userMobile(), add.userToken(), add.deviceModelId())
                    .forEach(text -> assertThat(text).isNotBlank().satisfies(HemuRequestInvariants::fits));
            add.registMode().ifPresent(mode -> assertThat(mode).isIn("0", "1"));
            add.hardware().ifPresent(hw -> assertThat(hw).isNotEmpty().satisfies(HemuRequestInvariants::fits));
            assertThat(add.features()).isNotNegative();
        } else if (request instanceof SetCapacity capacity) {
            assertThat(SetCapacity.SUPPORT_KEYS).containsAll(capacity.supportKey().keySet());
            assertThat(capacity.supportKey().values()).allMatch(bit -> bit == 0 || bit == 1);
        } else if (request instanceof SetSettings settings) {
            check(settings.camParam());
        } else if (request instanceof SetInfo info) {
            Stream.of(info.firmwareVersion(), info.cameraAppVersion())
                    .forEach(text -> assertThat(text).isNotBlank().satisfies(HemuRequestInvariants::fits));
        }
    }

    private static void check(CamParam param) {
        param.status().ifPresent(status -> assertThat(status).isIn("On", "Off"));
        param.personStatus().ifPresent(status -> assertThat(status).isIn("On", "Off"));
        param.sdcardStatus().ifPresent(card -> assertThat(card).isBetween(CamParam.NO_CARD, CamParam.CARD_OK));
        param.deviceAngle().ifPresent(angle -> assertThat(angle.split(":", -1)).hasSize(6));
        Stream.of(param.wifiSSID(), param.binoParam(), param.deviceAngle()).flatMap(Optional::stream)
                .forEach(text -> assertThat(text).isNotBlank().satisfies(HemuRequestInvariants::fits));
    }

    private static void fits(String text) {
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
    }

    private static HemuRequest withOtherSecrets(HemuRequest request) {
        if (request instanceof AddCamera a) {
            return new AddCamera(a.deviceId(), a.deviceMacAddress(), a.userMobile(), OTHER, a.deviceModelId(),
                    a.registMode(), a.hardware(), a.features());
        } else if (request instanceof SetCapacity c) {
            return new SetCapacity(c.deviceId(), c.deviceMacAddress(), OTHER, c.supportKey());
        } else if (request instanceof GetChannelAddress g) {
            return new GetChannelAddress(g.deviceId(), g.deviceMacAddress(), OTHER);
        } else if (request instanceof GetSettings g) {
            return new GetSettings(g.deviceId(), g.deviceMacAddress(), OTHER);
        } else if (request instanceof SetSettings s) {
            CamParam p = s.camParam();
            return new SetSettings(s.deviceId(), s.deviceMacAddress(), OTHER, new CamParam(p.status(),
                    p.personStatus(), p.wifiSSID().map(ssid -> OTHER), p.sdcardStatus(), p.binoParam(),
                    p.deviceAngle()));
        } else if (request instanceof SetInfo i) {
            return new SetInfo(i.deviceId(), i.deviceMacAddress(), OTHER, i.deviceModelId(), i.firmwareVersion(),
                    i.cameraAppVersion());
        }
        return request; // GetBindInfo: no secret
    }
}
