package io.alarmhub.store;

import io.alarmhub.core.device.Device;
import io.alarmhub.core.message.Message;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.core.stream.StreamEvent;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.alarmhub.store.StoreFixture.T0;
import static io.alarmhub.store.StoreFixture.append;
import static io.alarmhub.store.StoreFixture.await;
import static io.alarmhub.store.StoreFixture.message;
import static io.alarmhub.store.StoreFixture.pending;
import static io.alarmhub.store.StoreFixture.query;
import static io.alarmhub.store.StoreFixture.subscribe;
import static io.alarmhub.store.StoreFixture.topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fresh files get every script; files of the release before Flyway are adopted in place. */
class SchemaMigratorTest {

    private static final String LEGACY_SCRIPT = "legacy/release-0.1-store.sql";

    @TempDir
    Path dir;

    @Test
    void aFreshFileGetsEveryScriptOnce() {
        Path file = dir.resolve("push.db");
        SqlitePushStore.open(file).close();
        try (SqlitePushStore store = SqlitePushStore.open(file)) {
            append(store, message("1", 60), "alice");
            assertThat(pending(store, "alice")).extracting(Message::id).containsExactly("1");
        }
        int latest = new SchemaMigrator(file).latest();
        assertThat(latest).isGreaterThanOrEqualTo(4);
        assertThat(new SchemaMigrator(file).migrate()).isEqualTo(latest);
        assertThat(query(file, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1"))
                .isEqualTo(scriptVersions(dir.resolve("scratch.db")).size());
        assertThat(query(file, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                + "('message', 'pending', 'subscription', 'alias', 'device', 'device_event', 'stream_event',"
                + " 'recording')"))
                .isEqualTo(8);
        assertThat(tableExists(file, "schema_version")).isFalse();
    }

    @Test
    void aFileOfTheReleaseBeforeFlywayKeepsEveryRowAndTakesNewWrites() throws Exception {
        Path file = dir.resolve("push.db");
        runScript(file, LEGACY_SCRIPT);

        try (SqlitePushStore store = SqlitePushStore.open(file)) {
            assertThat(pending(store, "alice")).extracting(Message::id).containsExactly("m1", "m2");
            assertThat(topics(store, "alice")).containsExactly("door");
            CompletableFuture<List<Device>> devices = new CompletableFuture<>();
            store.submit(new StoreOp.LoadDevices(devices));
            assertThat(await(devices)).extracting(Device::name).containsExactly("Porch");
            CompletableFuture<List<StreamEvent>> stream = new CompletableFuture<>();
            store.submit(new StoreOp.StreamPending("acme", T0, 10, stream));
            assertThat(await(stream)).hasSize(1);

            append(store, message("m3", 60), "alice");
            subscribe(store, "alice", "camera");
        }
        assertThat(query(file, "SELECT COUNT(*) FROM alias")).isEqualTo(1);
        assertThat(query(file, "SELECT COUNT(*) FROM device_event")).isEqualTo(1);
        // None of the scripts the old runner had run ran again; only the ones after it did.
        assertThat(query(file, "SELECT COUNT(*) FROM flyway_schema_history WHERE type = 'BASELINE' AND version = '3'"))
                .isEqualTo(1);
        assertThat(query(file, "SELECT MIN(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE type = 'SQL'"))
                .isEqualTo(4);
        assertThat(query(file, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1"))
                .isEqualTo(1 + scriptVersions(dir.resolve("scratch.db")).stream().filter(v -> v > 3).count());
        assertThat(query(file, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'device_event_time'"))
                .isEqualTo(1);
        assertThat(tableExists(file, "schema_version")).isFalse();

        try (SqlitePushStore store = SqlitePushStore.open(file)) {
            assertThat(pending(store, "alice")).extracting(Message::id).containsExactly("m1", "m2", "m3");
            assertThat(topics(store, "alice")).containsExactly("door", "camera");
        }
    }

    @Test
    void refusesALegacyFileFromANewerBuild() throws Exception {
        Path file = dir.resolve("push.db");
        runScript(file, LEGACY_SCRIPT);
        execute(file, "INSERT INTO schema_version (version, description, applied_ms) VALUES (999, 'future', 0)");
        assertThatThrownBy(() -> SqlitePushStore.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("999");
        assertThat(tableExists(file, "schema_version")).isTrue();
    }

    @Test
    void refusesAFileMigratedByANewerBuild() throws Exception {
        Path file = dir.resolve("push.db");
        SqlitePushStore.open(file).close();
        execute(file, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, installed_on, execution_time, success)"
                + " VALUES (999, '999', 'future', 'SQL', 'V999__future.sql', 0, 'test', CURRENT_TIMESTAMP, 0, 1)");
        assertThatThrownBy(() -> SqlitePushStore.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("999");
    }

    @Test
    void theLegacyScriptHasTheSchemaOfTheScriptsTheOldRunnerRan() throws Exception {
        Path legacy = dir.resolve("legacy.db");
        runScript(legacy, LEGACY_SCRIPT);
        Path scripts = dir.resolve("scripts.db");
        Flyway.configure().dataSource("jdbc:sqlite:" + scripts, null, null).locations(SchemaMigrator.LOCATION)
                .target("3").load().migrate();
        assertThat(schema(legacy)).isNotEmpty().isEqualTo(schema(scripts));
    }

    /**
     * The versions the scripts bring a file to, in order: not every number need have one, as migrations are
     * numbered by the changes that need them, which may be written side by side.
     */
    private static List<Integer> scriptVersions(Path scratch) {
        return Arrays.stream(Flyway.configure().dataSource("jdbc:sqlite:" + scratch, null, null)
                        .locations(SchemaMigrator.LOCATION).load().info().all())
                .filter(m -> m.getVersion() != null)
                .map(m -> Integer.parseInt(m.getVersion().getVersion()))
                .toList();
    }

    /** Every table's columns and every index, without the version tables of either runner. */
    private static List<String> schema(Path file) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT m.type || ' ' || m.name || ' ' || COALESCE(p.name, '') || ' '"
                     + " || COALESCE(p.type, '') || ' ' || COALESCE(p.pk, '') || ' ' || COALESCE(p.\"notnull\", '')"
                     + " FROM sqlite_master m LEFT JOIN pragma_table_info(m.name) p ON m.type = 'table'"
                     + " WHERE m.tbl_name NOT IN ('schema_version', 'flyway_schema_history', 'sqlite_sequence')"
                     + " ORDER BY 1")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static boolean tableExists(Path file, String table) {
        return query(file, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'") == 1;
    }

    private static void runScript(Path file, String resource) throws IOException, SQLException {
        String script;
        try (InputStream in = SchemaMigratorTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\\R")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            sql.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                execute(file, sql.toString());
                sql.setLength(0);
            }
        }
    }

    private static void execute(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
