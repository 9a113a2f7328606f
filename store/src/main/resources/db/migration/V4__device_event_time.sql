-- Retention deletes a device's events by time alone (devices.event-retention); without this index that
-- delete reads the whole table.
CREATE INDEX device_event_time ON device_event (time_ms);
