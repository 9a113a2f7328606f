package io.alarmhub.server;

import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.server.config.AlarmhubConfig;
import io.alarmhub.server.config.ConfigException;
import io.alarmhub.server.config.DataSection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token and media keys: configured, or generated once into the data directory and read back. */
class KeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void generatesTheMediaKeyOnceAndKeepsItPrivate() throws Exception {
        byte[] first = MediaKeys.resolve("", dir);
        byte[] again = MediaKeys.resolve("", dir);

        assertThat(first).hasSize(MediaSigner.SECRET_BYTES).isEqualTo(again);
        Path file = dir.resolve(MediaKeys.FILE);
        assertThat(Files.readString(file).trim()).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        new MediaSigner(first);
    }

    @Test
    void prefersAConfiguredMediaKeyAndChecksIt() {
        String hex = "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF";

        assertThat(MediaKeys.resolve(hex, dir)).hasSize(32).startsWith(0x00, 0x11);
        assertThat(dir.resolve(MediaKeys.FILE)).doesNotExist();
        assertThatThrownBy(() -> MediaKeys.resolve("abcd", dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(MediaKeys.ENV);
    }

    @Test
    void refusesAMangledKeyFile() throws Exception {
        Files.writeString(dir.resolve(MediaKeys.FILE), "not hex\n");

        assertThatThrownBy(() -> MediaKeys.resolve("", dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("64 hex characters");
    }

    @Test
    void tokenKeysStillGenerate32HexCharacters() throws Exception {
        AlarmhubConfig config = AlarmhubConfig.DEFAULT.withData(new DataSection(dir));

        String key = TokenKeys.resolve(config);

        assertThat(key).matches("[0-9a-f]{32}").isEqualTo(TokenKeys.resolve(config));
        assertThat(Files.readString(dir.resolve(TokenKeys.FILE)).trim()).isEqualTo(key);
        AlarmhubConfig keyed = config.withTokens(config.tokens().withKey("000102030405060708090a0b0c0d0e0f"));
        assertThat(TokenKeys.resolve(keyed)).isEqualTo("000102030405060708090a0b0c0d0e0f");
    }
    @Test
    void processesStartingAtOnceAllReadTheOneKeyThatWon() throws Exception {
        int starters = 8;
        ExecutorService pool = Executors.newFixedThreadPool(starters);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<byte[]>> keys = new ArrayList<>();
            for (int i = 0; i < starters; i++) {
                keys.add(pool.submit(() -> {
                    go.await();
                    return MediaKeys.resolve("", dir);
                }));
            }
            go.countDown();
            byte[] first = keys.get(0).get();
            for (Future<byte[]> key : keys) {
                assertThat(key.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(MediaKeys.FILE);
        }
    }

    @Test
    void replacesAnEmptyKeyFileLeftByAnInterruptedWrite() throws Exception {
        Files.createFile(dir.resolve(MediaKeys.FILE));

        byte[] key = MediaKeys.resolve("", dir);

        assertThat(key).hasSize(MediaSigner.SECRET_BYTES);
        assertThat(Files.readString(dir.resolve(MediaKeys.FILE)).trim()).matches("[0-9a-f]{64}");
    }
}
