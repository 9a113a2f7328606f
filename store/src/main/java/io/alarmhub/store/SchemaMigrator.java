package io.alarmhub.store;

import io.alarmhub.core.store.StoreException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.pattern.ValidatePattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Brings a store file's schema up to date with Flyway, from the scripts under {@code db/migration}.
 *
 * <p>Releases before Flyway kept their applied versions in a {@code schema_version} table of their own.
 * Such a file is adopted: Flyway's history is baselined at that table's newest version, so none of the
 * scripts it already ran runs again, and the old table is dropped so that only one history remains.
 */
final class SchemaMigrator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    static final String LOCATION = "classpath:db/migration";
    static final String HISTORY_TABLE = "flyway_schema_history";
    /** The version table of the migration runner that came before Flyway. */
    static final String LEGACY_TABLE = "schema_version";

    private final Flyway flyway;
    private final SQLiteDataSource dataSource;

    SchemaMigrator(Path file) {
        dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file);
        flyway = configure(dataSource, null);
    }

    private static Flyway configure(SQLiteDataSource dataSource, MigrationVersion baseline) {
        var config = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                // A file migrated by a newer build must not be opened by this one: its schema may not
                // fit the SQL here. Flyway would otherwise ignore the versions it does not know.
                .ignoreMigrationPatterns(new ValidatePattern[0])
                .validateOnMigrate(true);
        if (baseline != null) {
            config.baselineVersion(baseline).baselineDescription("adopted from " + LEGACY_TABLE);
        }
        return config.load();
    }

    /** The version the newest script brings a database to. */
    int latest() {
        return Arrays.stream(flyway.info().all())
                .filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .mapToInt(v -> Integer.parseInt(v.getVersion()))
                .max().orElse(0);
    }

    /**
     * Applies the scripts the file has not run yet.
     *
     * @return the file's schema version afterwards
     * @throws StoreException if the file was migrated by a newer build, or a script fails
     */
    int migrate() {
        try {
            adoptLegacyHistory();
            // Its result gives the version, sparing a second scan (info()). Flyway's own INFO lines are off
            // in the server's log, so an upgrade is said here, once.
            MigrateResult result = flyway.migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : result.initialSchemaVersion;
            if (result.migrationsExecuted > 0) {
                log.info("Migrated the schema from version {} to {} ({} scripts)",
                        result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion, version,
                        result.migrationsExecuted);
            }
            return version == null ? 0 : Integer.parseInt(version);
        } catch (FlywayException | SQLException e) {
            throw new StoreException("cannot migrate the schema of " + dataSource.getUrl() + ": " + e.getMessage(), e);
        }
    }

    private void adoptLegacyHistory() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!tableExists(c, LEGACY_TABLE)) {
                return;
            }
            if (!tableExists(c, HISTORY_TABLE)) {
                OptionalInt legacy = legacyVersion(c);
                if (legacy.isPresent()) {
                    int version = legacy.getAsInt();
                    if (version > latest()) {
                        throw new StoreException("database schema version " + version
                                + " is newer than this build supports (" + latest() + ")");
                    }
                    configure(dataSource, MigrationVersion.fromVersion(Integer.toString(version))).baseline();
                    log.info("Adopted schema version {} from the {} table", version, LEGACY_TABLE);
                }
            }
            // Only once Flyway's history holds the version (a crash before this just repeats the check).
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + LEGACY_TABLE);
            }
        }
    }

    private static OptionalInt legacyVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + LEGACY_TABLE)) {
            int version = rs.next() ? rs.getInt(1) : 0;
            return version > 0 ? OptionalInt.of(version) : OptionalInt.empty();
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (var s = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
