package io.alarmhub.store;

import io.alarmhub.core.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a database's schema up to date by running, in version order, the SQL scripts it has not run
 * yet, each in its own transaction together with its row in {@code schema_version}.
 *
 * <p>Scripts are class path resources named {@code V<version>__<description>.sql}. Because a class path
 * directory cannot be listed portably (inside a jar), the scripts are named in {@link #SQLITE}: adding a
 * migration means adding its file and its name there. A script is split into statements at each
 * {@code ;} that ends a line; lines starting with {@code --} are comments. Scripts must therefore not
 * contain such a {@code ;} inside a literal or a trigger body.
 */
final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    /** The scripts of the SQLite schema, under {@code db/migration/}. */
    static final Migrations SQLITE = new Migrations("db/migration/", List.of("V1__push.sql", "V2__devices.sql", "V3__stream.sql"));

    private record Script(int version, String description, String resource) {
    }

    private final List<Script> scripts;

    Migrations(String location, List<String> names) {
        List<Script> parsed = new ArrayList<>();
        for (String name : names) {
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a migration script name: " + name);
            }
            parsed.add(new Script(Integer.parseInt(m.group(1)), m.group(2), location + name));
        }
        parsed.sort(Comparator.comparingInt(Script::version));
        this.scripts = List.copyOf(parsed);
    }

    /** The version the newest script brings a database to. */
    int latest() {
        return scripts.isEmpty() ? 0 : scripts.get(scripts.size() - 1).version();
    }

    /**
     * Applies the scripts the database has not run yet, leaving the connection's auto-commit as it was.
     *
     * @return the database's schema version afterwards
     * @throws StoreException if the database was migrated by a newer build than this one
     */
    int migrate(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
            }
            connection.commit();
            TreeSet<Integer> applied = applied(connection);
            int current = applied.isEmpty() ? 0 : applied.last();
            if (current > latest()) {
                throw new StoreException("database schema version " + current
                        + " is newer than this build supports (" + latest() + ")");
            }
            for (Script script : scripts) {
                if (!applied.contains(script.version())) {
                    apply(connection, script);
                    current = Math.max(current, script.version());
                }
            }
            return current;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static TreeSet<Integer> applied(Connection connection) throws SQLException {
        TreeSet<Integer> versions = new TreeSet<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    private static void apply(Connection connection, Script script) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : statements(read(script.resource()))) {
                s.execute(sql);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_ms) VALUES (?, ?, ?)")) {
            insert.setInt(1, script.version());
            insert.setString(2, script.description());
            insert.setLong(3, System.currentTimeMillis());
            insert.executeUpdate();
        }
        connection.commit();
        log.info("Applied schema migration {} ({})", script.version(), script.description());
    }

    static List<String> statements(String script) {
        StringBuilder current = new StringBuilder();
        List<String> statements = new ArrayList<>();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new StoreException("migration script missing from the class path: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration script " + resource, e);
        }
    }
}
