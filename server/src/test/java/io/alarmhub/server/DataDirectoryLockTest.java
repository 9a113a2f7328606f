package io.alarmhub.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirectoryLockTest {

    @TempDir
    Path dir;

    @Test
    void aHeldDirectoryIsRefusedNamingItAndTheHoldersPid() {
        try (DataDirectoryLock held = DataDirectoryLock.acquire(dir.resolve("data"))) {
            assertThatThrownBy(() -> DataDirectoryLock.acquire(dir.resolve("data")))
                    .isInstanceOf(StartupException.class)
                    .hasMessage("data.dir: " + dir.resolve("data") + " is in use by another alarmhub (pid "
                            + ProcessHandle.current().pid() + "); stop it, or give this server a data.dir of its own");
        }
    }

    @Test
    void aReleasedDirectoryCanBeTakenAgain() throws Exception {
        DataDirectoryLock.acquire(dir).close();
        try (DataDirectoryLock again = DataDirectoryLock.acquire(dir)) {
            assertThat(Files.readString(dir.resolve(DataDirectoryLock.FILE)).strip())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void theDirectoryIsMadeIfMissing() {
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(dir.resolve("a/b"))) {
            assertThat(dir.resolve("a/b").resolve(DataDirectoryLock.FILE)).exists();
        }
    }
}
