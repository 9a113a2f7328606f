package io.alarmhub.gateway.device.jovision;

import io.alarmhub.core.event.AlarmType;

import java.util.Map;

/**
 * Jovision's alarm type codes ({@code atype}) as alarmhub's {@link AlarmType}. The vendor's document gives
 * no table. The codes below are the device firmware's own enum {@code ALARM_TYPEs} (header
 * {@code jv_common.h} of the public Jovision IPC firmware source on GitHub, {@code linuxmap/wstv}, whose
 * {@code module/include/malarmout.h} types the pushed alarm's {@code alarmType} with it). Codes 0 to 10 are
 * the same in the CloudSEE app's {@code alarmtype_t} ({@code heisall/Cloudsee-ios},
 * {@code CloudSEE_II/JVCAlarmMacro.h}) and in the alarm server's own header; from 11 on the sources
 * disagree (11 is a 433 MHz sensor in the firmware, PIR in one app version, "no alarm" in the server), so
 * 11 stays {@link AlarmType#OTHER} and only the firmware's 13 and 15 are mapped beyond 10.
 *
 * <pre>
 *  0 ALARM_DISKERROR     storage error         FAULT
 *  1 ALARM_DISKFULL      storage full          FAULT
 *  2 ALARM_DISCONN       connection lost       FAULT
 *  3 ALARM_UPGRADE       firmware upgrade      OTHER
 *  4 ALARM_GPIN          external alarm input  OTHER  (no normalized type for a wired input)
 *  5 ALARM_VIDEOLOSE     video lost            FAULT
 *  6 ALARM_HIDEDETECT    lens covered          OTHER  (tampering, no normalized type)
 *  7 ALARM_MOTIONDETECT  motion detection      MOTION
 *  8 ALARM_POWER_OFF     power cut             FAULT
 *  9 ALARM_MANUALALARM   manual alarm          OTHER  (the document's debug example uses it)
 * 10 ALARM_GPS           GPS                   OTHER
 * 13 ALARM_BABYCRY       baby crying           BABY_CRYING
 * 15 ALARM_PIR           passive infrared      MOTION (a PIR sensor detects moving warm bodies, it does
 *                                                      not recognize a person the way HUMANOID means)
 * anything else (11 433 MHz sensor, 12 video analytics, 17-19 recording pushes, 22 cat-eye cover, codes
 * that are not numbers)                         OTHER
 * </pre>
 *
 * The code itself is always kept in the alarm's {@code vendorType}.
 */
public final class JovisionAlarmTypes {

    private static final Map<Integer, AlarmType> TYPES = Map.of(
            0, AlarmType.FAULT,
            1, AlarmType.FAULT,
            2, AlarmType.FAULT,
            5, AlarmType.FAULT,
            7, AlarmType.MOTION,
            8, AlarmType.FAULT,
            13, AlarmType.BABY_CRYING,
            15, AlarmType.MOTION);

    private JovisionAlarmTypes() {
    }

    /** The normalized type of an {@code atype} code. */
    public static AlarmType of(int atype) {
        return TYPES.getOrDefault(atype, AlarmType.OTHER);
    }

    /** The normalized type of an {@code atype} given as text ({@code "7"}); not a number is {@code OTHER}. */
    public static AlarmType of(String atype) {
        try {
            return of(Integer.parseInt(atype.trim()));
        } catch (NumberFormatException e) {
            return AlarmType.OTHER;
        }
    }
}
