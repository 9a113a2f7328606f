-- Devices and everything they said. Same portability rule as V1.

CREATE TABLE device (
    vendor          TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    name            TEXT NOT NULL,
    owners          TEXT NOT NULL,          -- JSON array of aliases
    online          INTEGER NOT NULL,       -- 0 or 1
    last_seen_ms    BIGINT NULL,
    first_alarm_ms  BIGINT NULL,
    last_alarm_ms   BIGINT NULL,
    PRIMARY KEY (vendor, device_id)
);

-- One row per event, normalized JSON (as pushed) beside the vendor's raw message.
CREATE TABLE device_event (
    id         TEXT PRIMARY KEY,
    vendor     TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    kind       TEXT NOT NULL,       -- online, offline, alarm, media, status
    type       TEXT NULL,           -- the normalized alarm type of an alarm
    ref        TEXT NULL,           -- the vendor's correlation of an alarm and its media (Jovision dguid:ats)
    time_ms    BIGINT NOT NULL,
    event      TEXT NOT NULL,
    raw        TEXT NOT NULL
);

-- A device's history, newest last.
CREATE INDEX device_event_device ON device_event (vendor, device_id, time_ms);
-- An alarm and the media that follow it.
CREATE INDEX device_event_ref ON device_event (vendor, device_id, ref);
