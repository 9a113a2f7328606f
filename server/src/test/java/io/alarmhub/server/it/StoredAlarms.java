package io.alarmhub.server.it;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/** The alarms in a stopped server's SQLite file, read directly, as keys ({@link AlarmTally#key}). */
final class StoredAlarms {

    private StoredAlarms() {
    }

    static Set<String> in(Path sqliteFile) throws SQLException, IOException {
        Set<String> keys = new HashSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile);
             Statement query = db.createStatement();
             ResultSet rows = query.executeQuery(
                     "SELECT vendor, device_id, raw FROM device_event WHERE kind = 'alarm'")) {
            while (rows.next()) {
                keys.add(AlarmSubscriber.keyOf(rows.getString(1), rows.getString(2), JsonLines.parse(rows.getString(3))));
            }
        }
        return keys;
    }
}
