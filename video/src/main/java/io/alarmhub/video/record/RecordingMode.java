package io.alarmhub.video.record;

/** What a camera's plan ({@code device_status}, 5.2.8) asks the recorder to keep. */
public enum RecordingMode {
    /** Plans 0 (trial) and 1 (cloud): everything, in segments; alarms get clips too. */
    CONTINUOUS,
    /** Plan 3: clips around alarms, and what the camera uploads for an event ({@code control_flag} 1). */
    EVENTS,
    /** Plan 2 (expired) and 44 (deleted): nothing. */
    OFF;

    public static RecordingMode ofPlan(int deviceStatus) {
        return switch (deviceStatus) {
            case 0, 1 -> CONTINUOUS;
            case 3 -> EVENTS;
            default -> OFF;
        };
    }
}
