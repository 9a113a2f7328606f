package io.alarmhub.core.event;

import java.util.Locale;

/** Alarm types as watchers see them, whatever the vendor's code. A code with no match is {@link #OTHER}. */
public enum AlarmType {
    MOTION,
    SOUND,
    HUMANOID,
    FACE,
    DOORBELL,
    SMOKE,
    FIRE,
    BABY_CRYING,
    ABSENCE,
    PEOPLE_COUNT,
    FAULT,
    OTHER;

    /** The name used in pushed JSON and in routing rules: {@code baby_crying}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
