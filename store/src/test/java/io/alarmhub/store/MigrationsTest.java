package io.alarmhub.store;

import io.alarmhub.core.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static io.alarmhub.store.StoreFixture.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void appliesEachScriptOnce() throws SQLException {
        Path file = dir.resolve("push.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(Migrations.SQLITE.migrate(c)).isEqualTo(Migrations.SQLITE.latest());
            assertThat(Migrations.SQLITE.migrate(c)).isEqualTo(Migrations.SQLITE.latest());
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(query(file, "SELECT COUNT(*) FROM schema_version")).isEqualTo(Migrations.SQLITE.latest());
        assertThat(query(file, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                + "('message', 'pending', 'subscription', 'alias')")).isEqualTo(4);
    }

    @Test
    void refusesADatabaseFromANewerBuild() throws SQLException {
        Path file = dir.resolve("push.db");
        SqlitePushStore.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version (version, description, applied_ms) VALUES (999, 'future', 0)");
        }
        assertThatThrownBy(() -> SqlitePushStore.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("999");
    }

    @Test
    void splitsScriptsIntoStatements() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE a (
                    x BIGINT
                );
                CREATE INDEX a_x ON a (x);

                """;
        assertThat(Migrations.statements(script))
                .containsExactly("CREATE TABLE a (\n    x BIGINT\n)", "CREATE INDEX a_x ON a (x)");
    }
}
