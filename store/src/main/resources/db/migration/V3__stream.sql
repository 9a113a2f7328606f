-- The enterprise event stream: each enterprise's events until it acknowledges them or they expire.
-- delivery_id never repeats, even after the newest rows are deleted (SQLite AUTOINCREMENT; PostgreSQL:
-- BIGINT GENERATED ALWAYS AS IDENTITY): a late ack must never remove a newer event.
CREATE TABLE stream_event (
    delivery_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    enterprise    TEXT NOT NULL,
    available_ms  BIGINT NOT NULL,
    expires_ms    BIGINT NOT NULL,
    body          TEXT NOT NULL
);

-- An enterprise's events in the order they are sent.
CREATE INDEX stream_event_order ON stream_event (enterprise, available_ms, delivery_id);
-- Purge finds expired events by this index.
CREATE INDEX stream_event_expires ON stream_event (expires_ms);
