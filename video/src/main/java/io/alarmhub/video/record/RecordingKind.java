package io.alarmhub.video.record;

/** What a recorded file is. */
public enum RecordingKind {
    /** A segment of continuous recording. */
    CONTINUOUS,
    /** The clip of one or more alarms, or of an event upload. */
    CLIP,
    /** Video the camera kept on its SD card while cut off, uploaded later ({@code channel_id} 1). */
    SD_CARD
}
