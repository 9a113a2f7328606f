package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.event.AlarmType;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The alarm codes of the VStarcam push document ({@code type}), sent as decimal ({@code 18}) or hex text
 * ({@code 0x12}). A code the table does not list, or a {@code type} that is no number, is
 * {@link AlarmType#OTHER}; the alarm keeps the code as sent in {@code vendorType}.
 */
public final class VStarcamAlarmTypes {

    private static final Map<Integer, AlarmType> TABLE = Map.of(
            0x12, AlarmType.MOTION,
            0x14, AlarmType.DOORBELL,
            0x26, AlarmType.SMOKE,
            0x27, AlarmType.ABSENCE,
            0x28, AlarmType.BABY_CRYING,
            0x29, AlarmType.HUMANOID,
            0x6d, AlarmType.FIRE,
            // The document names 0x26 "smoke alarm" and 0x6e "smoke detection alarm": both are smoke.
            0x6e, AlarmType.SMOKE);

    private VStarcamAlarmTypes() {
    }

    /** The normalized type of a {@code type} as sent. */
    public static AlarmType of(String sent) {
        OptionalInt code = code(sent);
        return code.isPresent() ? TABLE.getOrDefault(code.getAsInt(), AlarmType.OTHER) : AlarmType.OTHER;
    }

    /** The code of a {@code type} as sent: {@code 18} and {@code 0x12} are both 18; empty when it is no number. */
    public static OptionalInt code(String sent) {
        String text = sent.strip().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("0x")) {
                return OptionalInt.of(Integer.parseInt(text.substring(2), 16));
            }
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
