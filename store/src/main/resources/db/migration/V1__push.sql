-- Messages, their pending entries, topic registrations and the aliases the server has seen.
-- Kept to types and syntax that PostgreSQL also accepts (BIGINT, TEXT, ON CONFLICT), except where
-- noted, so that a PostgreSQL variant of this file differs only there.

CREATE TABLE message (
    id          TEXT PRIMARY KEY,
    payload     TEXT NOT NULL,
    topic       TEXT NULL,
    created_ms  BIGINT NOT NULL,
    expires_ms  BIGINT NOT NULL
);

-- Purge finds expired messages by this index.
CREATE INDEX message_expires ON message (expires_ms);

-- seq orders an alias's pending messages by publish order. SQLite-specific: INTEGER PRIMARY KEY is the
-- rowid, which a new row always gets above every live row (PostgreSQL: BIGINT GENERATED ALWAYS AS IDENTITY).
-- Values may be reused after the newest rows are deleted; only the order among live rows matters.
CREATE TABLE pending (
    seq         INTEGER PRIMARY KEY,
    alias       TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    UNIQUE (alias, message_id)
);

-- Replay reads an alias's pending entries in publish order.
CREATE INDEX pending_alias_seq ON pending (alias, seq);
-- Ack and purge find the pending entries of a message.
CREATE INDEX pending_message ON pending (message_id);

-- seq is assigned by the store, increasing across all registrations: it orders an alias's topics and a
-- topic's aliases by registration.
CREATE TABLE subscription (
    alias  TEXT NOT NULL,
    topic  TEXT NOT NULL,
    seq    BIGINT NOT NULL,
    PRIMARY KEY (alias, topic)
);

-- Publishing to a topic reads its aliases in registration order.
CREATE INDEX subscription_topic ON subscription (topic, seq);

CREATE TABLE alias (
    alias          TEXT PRIMARY KEY,
    first_seen_ms  BIGINT NOT NULL,
    last_seen_ms   BIGINT NOT NULL
);
