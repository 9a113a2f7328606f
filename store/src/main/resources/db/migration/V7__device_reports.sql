-- What devices report of themselves over time, beside their events: people counts (a time series apps read
-- by range, with totals) and a report per UTC day (a Hemu camera's daily statistics, as JSON the store does
-- not read). Both are deleted with retention (devices.report-retention) and when a device changes hands.
-- Same portability rule as V1.

-- One row per counting period; a count sent again for the same start replaces the first.
CREATE TABLE people_count (
    vendor      TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    start_ms    BIGINT NOT NULL,
    stop_ms     BIGINT NOT NULL,
    up          BIGINT NOT NULL,    -- crossed one way (Hemu: bottom to top)
    down        BIGINT NOT NULL,    -- crossed the other way (Hemu: top to bottom)
    delayed     INTEGER NOT NULL,   -- 1: sent after the fact (Hemu: the SD-card channel)
    received_ms BIGINT NOT NULL,
    PRIMARY KEY (vendor, device_id, start_ms)
);

-- Retention deletes by start.
CREATE INDEX people_count_start ON people_count (start_ms);

-- One row per device and UTC day; a day reported again replaces the first.
CREATE TABLE day_report (
    vendor      TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    day         TEXT NOT NULL,      -- yyyy-mm-dd, UTC: sorts as it reads
    body        TEXT NOT NULL,
    received_ms BIGINT NOT NULL,
    PRIMARY KEY (vendor, device_id, day)
);

-- Retention deletes by day.
CREATE INDEX day_report_day ON day_report (day);
