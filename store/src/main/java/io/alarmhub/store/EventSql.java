package io.alarmhub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.device.Device;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.store.StoreOp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the device operations ({@link StoreOp.RecordEvent}, {@link StoreOp.LoadDevices},
 * {@link StoreOp.PurgeDeviceEvents}), on the
 * writer's connection like {@link PushSql}. The device upsert merges rather than overwrites, so that two
 * events of one device in one batch leave the later last-seen and last-alarm times and the first alarm.
 */
final class EventSql implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String INSERT_EVENT =
            "INSERT INTO device_event (id, vendor, device_id, kind, type, ref, time_ms, event, raw)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPSERT_DEVICE =
            "INSERT INTO device (vendor, device_id, name, owners, online, last_seen_ms, first_alarm_ms, last_alarm_ms,"
                    + " mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (vendor, device_id) DO UPDATE SET"
                    + " name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE device.name END,"
                    + " owners = excluded.owners,"
                    + " online = excluded.online,"
                    + " last_seen_ms = " + later("last_seen_ms") + ","
                    + " first_alarm_ms = COALESCE(device.first_alarm_ms, excluded.first_alarm_ms),"
                    + " last_alarm_ms = " + later("last_alarm_ms") + ","
                    + " mac = COALESCE(excluded.mac, device.mac)";
    private static final String SELECT_DEVICES =
            "SELECT vendor, device_id, name, owners, online, last_seen_ms, first_alarm_ms, last_alarm_ms, mac FROM device"
                    + " ORDER BY vendor, device_id";

    private static final String DELETE_EVENTS_BEFORE = "DELETE FROM device_event WHERE time_ms < ?";

    private final Connection connection;
    private PreparedStatement insertEvent;
    private PreparedStatement upsertDevice;

    EventSql(Connection connection) {
        this.connection = connection;
    }

    /** The later of the stored and the new value, either of which may be NULL (portable: no MAX/GREATEST). */
    private static String later(String column) {
        return "CASE WHEN excluded." + column + " IS NULL THEN device." + column
                + " WHEN device." + column + " IS NULL OR excluded." + column + " > device." + column
                + " THEN excluded." + column + " ELSE device." + column + " END";
    }

    Runnable apply(StoreOp op) throws SQLException {
        if (op instanceof StoreOp.RecordEvent r) {
            record(r.event(), r.json(), r.device());
            return () -> r.result().complete(null);
        }
        if (op instanceof StoreOp.LoadDevices l) {
            List<Device> devices = devices();
            return () -> l.result().complete(devices);
        }
        if (op instanceof StoreOp.PurgeDeviceEvents p) {
            int purged = purge(p.before());
            return () -> p.result().complete(purged);
        }
        throw new IllegalArgumentException("not a device operation: " + op.getClass().getName());
    }

    private void record(DeviceEvent event, String json, Device device) throws SQLException {
        if (insertEvent == null) {
            insertEvent = connection.prepareStatement(INSERT_EVENT);
            upsertDevice = connection.prepareStatement(UPSERT_DEVICE);
        }
        insertEvent.setString(1, event.id());
        insertEvent.setString(2, event.device().vendor());
        insertEvent.setString(3, event.device().id());
        insertEvent.setString(4, event.kind());
        setOptional(insertEvent, 5, type(event));
        setOptional(insertEvent, 6, ref(event));
        insertEvent.setLong(7, event.time().toEpochMilli());
        insertEvent.setString(8, json);
        insertEvent.setString(9, event.raw());
        insertEvent.executeUpdate();

        upsertDevice.setString(1, device.id().vendor());
        upsertDevice.setString(2, device.id().id());
        upsertDevice.setString(3, device.name());
        upsertDevice.setString(4, owners(device.owners()));
        upsertDevice.setInt(5, device.online() ? 1 : 0);
        setMillis(upsertDevice, 6, device.lastSeen());
        setMillis(upsertDevice, 7, device.firstAlarm());
        setMillis(upsertDevice, 8, device.lastAlarm());
        setOptional(upsertDevice, 9, device.mac());
        upsertDevice.executeUpdate();
    }

    /** Rare (housekeeping), so prepared per call rather than kept. */
    private int purge(Instant before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE_EVENTS_BEFORE)) {
            delete.setLong(1, before.toEpochMilli());
            return delete.executeUpdate();
        }
    }

    private List<Device> devices() throws SQLException {
        List<Device> devices = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_DEVICES);
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                devices.add(new Device(new DeviceId(rs.getString(1), rs.getString(2)), rs.getString(3),
                        parseOwners(rs.getString(4)), rs.getInt(5) != 0, millis(rs, 6), millis(rs, 7),
                        millis(rs, 8), Optional.ofNullable(rs.getString(9))));
            }
        }
        return List.copyOf(devices);
    }

    private static Optional<String> type(DeviceEvent event) {
        if (event instanceof DeviceEvent.AlarmEnd e) {
            return Optional.of(e.type().wireName());
        }
        return event instanceof DeviceEvent.Alarm a ? Optional.of(a.type().wireName()) : Optional.empty();
    }

    private static Optional<String> ref(DeviceEvent event) {
        if (event instanceof DeviceEvent.Alarm a) {
            return a.ref();
        }
        if (event instanceof DeviceEvent.AlarmEnd e) {
            return Optional.of(e.ref());
        }
        return event instanceof DeviceEvent.AlarmMediaReady m ? Optional.of(m.ref()) : Optional.empty();
    }

    private static void setOptional(PreparedStatement s, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            s.setString(index, value.get());
        } else {
            s.setNull(index, Types.VARCHAR);
        }
    }

    private static void setMillis(PreparedStatement s, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            s.setLong(index, value.get().toEpochMilli());
        } else {
            s.setNull(index, Types.BIGINT);
        }
    }

    private static Optional<Instant> millis(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }

    private static String owners(List<String> owners) {
        try {
            return JSON.writeValueAsString(owners);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    private static List<String> parseOwners(String json) throws SQLException {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("device owners are not a JSON array: " + json, e);
        }
    }

    @Override
    public void close() throws SQLException {
        try (PreparedStatement a = insertEvent; PreparedStatement b = upsertDevice) {
            insertEvent = null;
            upsertDevice = null;
        }
    }
}
