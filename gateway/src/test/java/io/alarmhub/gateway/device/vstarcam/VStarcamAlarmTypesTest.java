package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.event.AlarmType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class VStarcamAlarmTypesTest {

    @ParameterizedTest
    @CsvSource({
            "0x12, MOTION", "18, MOTION",
            "0x14, DOORBELL", "20, DOORBELL",
            "0x26, SMOKE", "38, SMOKE",
            "0x27, ABSENCE", "39, ABSENCE",
            "0x28, BABY_CRYING", "40, BABY_CRYING",
            "0x29, HUMANOID", "41, HUMANOID",
            "0x6d, FIRE", "0x6D, FIRE", "0X6d, FIRE", "109, FIRE",
            "0x6e, SMOKE", "110, SMOKE",
            "12, OTHER", "0x99, OTHER", "0, OTHER", "motion, OTHER", "0x, OTHER"})
    void mapsTheDocumentsTable(String sent, AlarmType expected) {
        assertThat(VStarcamAlarmTypes.of(sent)).isEqualTo(expected);
    }

    @Test
    void readsDecimalAndHexCodes() {
        assertThat(VStarcamAlarmTypes.code("18")).isEqualTo(OptionalInt.of(0x12));
        assertThat(VStarcamAlarmTypes.code(" 0x12 ")).isEqualTo(OptionalInt.of(18));
        assertThat(VStarcamAlarmTypes.code("x12")).isEmpty();
    }
}
