package io.alarmhub.core.store;

/** Why a {@link Recording} was made, which decides how long it is kept and who reads it. */
public enum RecordingKind {

    /** A segment of a camera's continuous recording, kept for its plan's service days. */
    CONTINUOUS,

    /** The video of one alarm (pre-roll and all), found from the alarm's ref. */
    CLIP,

    /** Video the camera played back from its SD card on request, recorded as it came. */
    SD_CARD
}
