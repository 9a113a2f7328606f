-- A store file exactly as the release before Flyway left it: its runner's schema_version table, the
-- V1-V3 scripts as they were, and rows in every table. Statements end with a ';' at the end of a line.

CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms BIGINT NOT NULL);

CREATE TABLE message (
    id          TEXT PRIMARY KEY,
    payload     TEXT NOT NULL,
    topic       TEXT NULL,
    created_ms  BIGINT NOT NULL,
    expires_ms  BIGINT NOT NULL
);

CREATE INDEX message_expires ON message (expires_ms);

CREATE TABLE pending (
    seq         INTEGER PRIMARY KEY,
    alias       TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    UNIQUE (alias, message_id)
);

CREATE INDEX pending_alias_seq ON pending (alias, seq);
CREATE INDEX pending_message ON pending (message_id);

CREATE TABLE subscription (
    alias  TEXT NOT NULL,
    topic  TEXT NOT NULL,
    seq    BIGINT NOT NULL,
    PRIMARY KEY (alias, topic)
);

CREATE INDEX subscription_topic ON subscription (topic, seq);

CREATE TABLE alias (
    alias          TEXT PRIMARY KEY,
    first_seen_ms  BIGINT NOT NULL,
    last_seen_ms   BIGINT NOT NULL
);

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

CREATE INDEX device_event_device ON device_event (vendor, device_id, time_ms);
CREATE INDEX device_event_ref ON device_event (vendor, device_id, ref);
CREATE TABLE stream_event (
    delivery_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    enterprise    TEXT NOT NULL,
    available_ms  BIGINT NOT NULL,
    expires_ms    BIGINT NOT NULL,
    body          TEXT NOT NULL
);

CREATE INDEX stream_event_order ON stream_event (enterprise, available_ms, delivery_id);
CREATE INDEX stream_event_expires ON stream_event (expires_ms);
INSERT INTO schema_version (version, description, applied_ms) VALUES (1, 'push', 1735689600000);
INSERT INTO schema_version (version, description, applied_ms) VALUES (2, 'devices', 1735689600000);
INSERT INTO schema_version (version, description, applied_ms) VALUES (3, 'stream', 1735689600000);

INSERT INTO message (id, payload, topic, created_ms, expires_ms) VALUES ('m1', '{"n":"m1"}', NULL, 1735689600000, 4102444800000);
INSERT INTO message (id, payload, topic, created_ms, expires_ms) VALUES ('m2', '{"n":"m2"}', 'door', 1735689600000, 4102444800000);
INSERT INTO pending (seq, alias, message_id) VALUES (1, 'alice', 'm1');
INSERT INTO pending (seq, alias, message_id) VALUES (2, 'alice', 'm2');
INSERT INTO subscription (alias, topic, seq) VALUES ('alice', 'door', 1);
INSERT INTO alias (alias, first_seen_ms, last_seen_ms) VALUES ('alice', 1735689600000, 1735689600000);
INSERT INTO device (vendor, device_id, name, owners, online, last_seen_ms, first_alarm_ms, last_alarm_ms) VALUES ('jovision', 'J1', 'Porch', '["alice"]', 1, 1735689600000, 1735689600000, 1735689600000);
INSERT INTO device_event (id, vendor, device_id, kind, type, ref, time_ms, event, raw) VALUES ('e1', 'jovision', 'J1', 'alarm', 'motion', 'g:1', 1735689600000, '{}', '{}');
INSERT INTO stream_event (enterprise, available_ms, expires_ms, body) VALUES ('acme', 1735689600000, 4102444800000, '{"e":1}');
