-- The index of recorded camera video: one row per file (fragmented MP4) under the media directory, which the
-- video recorder writes. Rows are read by a device's time range, by alarm, and oldest first across devices
-- when the media disk fills; they go with retention (the plan's service days) and when a device changes
-- hands, their files with them. Same portability rule as V1.

CREATE TABLE recording (
    id               TEXT PRIMARY KEY,   -- a UUID the recorder made
    vendor           TEXT NOT NULL,
    device_id        TEXT NOT NULL,
    channel          INTEGER NOT NULL,   -- 0 live, 1 SD card
    kind             TEXT NOT NULL,      -- continuous, clip, sd_card
    video_codec      TEXT NOT NULL,      -- h264, h265
    audio_codec      TEXT NOT NULL,      -- flac, none
    start_ms         BIGINT NOT NULL,    -- server time of the first frame
    end_ms           BIGINT NOT NULL,    -- server time of the last frame (so far, while incomplete)
    camera_start_ms  BIGINT NOT NULL,    -- the camera's clock (ipcam_time) at the first frame
    camera_end_ms    BIGINT NOT NULL,
    bytes            BIGINT NOT NULL,
    alarm_ref        TEXT NULL,          -- the ref of the alarm a clip belongs to
    media_key        TEXT NOT NULL,      -- the file, relative to the media directory
    complete         INTEGER NOT NULL,   -- 0 while the file is written, 1 once closed
    -- One file, one row: deleting a row's file must not take another row's video with it.
    UNIQUE (media_key)
);

-- A device's timeline. A recording lasts at most a day, so a range is read from a day before its start.
CREATE INDEX recording_device_start ON recording (vendor, device_id, start_ms);
-- The oldest recordings, for the media disk's high-watermark, read in the index's order. (Not led by complete:
-- a device's expired recordings are to be read by the device's index, not by every device's that ended
-- before the limit.)
CREATE INDEX recording_end ON recording (end_ms, id);
-- An alarm's clips.
CREATE INDEX recording_alarm ON recording (alarm_ref);
