-- Vendor adapters' own state that the event model has no place for (a Hemu camera's registration, its
-- settings, a binding an app user started), as JSON the store does not read. Same portability rule as V1.
CREATE TABLE vendor_record (
    vendor      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    record_key  TEXT NOT NULL,
    owner       TEXT NULL,          -- the alias the record belongs to, when one does
    body        TEXT NOT NULL,
    updated_ms  BIGINT NOT NULL,
    PRIMARY KEY (vendor, kind, record_key)
);

-- An account's records of one kind (an app user's cameras).
CREATE INDEX vendor_record_owner ON vendor_record (vendor, kind, owner);
