package io.alarmhub.gateway.device.hemu.firmware;

import com.sun.net.httpserver.HttpServer;
import io.alarmhub.gateway.device.hemu.FirmwareSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import static io.alarmhub.gateway.device.hemu.firmware.RolloutsTest.bytes;
import static io.alarmhub.gateway.device.hemu.firmware.RolloutsTest.md5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The package store on a real SQLite store and media directory: pieces of an upload, a fetch from a real HTTP
 * server on loopback, the MD5 of what arrived, the size limit (announced or not), refusals that leave no file
 * behind, and the packages kept across a restart.
 */
class PackageShelfTest {

    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final int MAX = 100_000;
    private static final FirmwareSettings SETTINGS = new FirmwareSettings(MAX, Duration.ofHours(2),
            Duration.ofHours(1));

    @TempDir
    Path dir;
    private FirmwareOnSqlite f;
    private HttpServer http;

    @AfterEach
    void close() {
        if (http != null) {
            http.stop(0);
        }
        f.close();
    }

    @Test
    void anUploadInPiecesIsKeptWithItsMd5AndSurvivesARestart() throws Exception {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        byte[] bytes = bytes(MAX);

        FirmwarePackage p = f.upload(bytes, 1, "1.0.0.526", 7_000);

        assertThat(p.checkSum()).isEqualTo(md5(bytes));
        assertThat(p.size()).isEqualTo(MAX);
        assertThat(p.models()).containsExactly("acme_cam1");
        assertThat(p.id()).matches("[0-9a-f]{12}");
        assertThat(Files.readAllBytes(f.media.file(p.mediaKey()).orElseThrow())).isEqualTo(bytes);
        assertThat(p.view().has("mediaKey")).as("operators are not shown the key").isFalse();
        assertThat(incoming()).isEmpty();
        f.reopen();
        assertThat(shelf().list()).containsExactly(p);
        assertThat(shelf().downloadUrl(p)).hasValueSatisfying(url -> assertThat(url)
                .contains("/media/" + p.mediaKey() + "?expires="
                        + f.platform.clock.instant().plus(Duration.ofHours(2)).getEpochSecond()));
    }

    @Test
    void aPieceMustStartWhereTheUploadIsAndNotGoPastItsSize() throws IOException {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        String upload = shelf().begin(draft(Optional.empty()), 10).join().upload();
        shelf().append(upload, 0, new byte[4]).join();

        assertThat(kind(() -> shelf().append(upload, 0, new byte[4]).join())).as("sent twice")
                .isEqualTo(FirmwareRefusal.Kind.CONFLICT);
        assertThat(kind(() -> shelf().append(upload, 4, new byte[7]).join())).as("past the size")
                .isEqualTo(FirmwareRefusal.Kind.BAD_REQUEST);
        assertThat(kind(() -> shelf().append(upload, 4, new byte[0]).join())).isEqualTo(FirmwareRefusal.Kind.BAD_REQUEST);
        assertThat(kind(() -> shelf().append("0123456789ab", 0, new byte[1]))).isEqualTo(FirmwareRefusal.Kind.NOT_FOUND);
        PackageShelf.Appended last = shelf().append(upload, 4, new byte[6]).join();
        assertThat(last).isInstanceOf(PackageShelf.Appended.Complete.class);
        assertThat(kind(() -> shelf().append(upload, 10, new byte[1]))).as("it has ended")
                .isEqualTo(FirmwareRefusal.Kind.NOT_FOUND);
    }

    @Test
    void aPackageWhoseMd5IsNotTheOneGivenIsRefusedAndLeavesNothing() throws IOException {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        String upload = shelf().begin(draft(Optional.of("0".repeat(32))), 3).join().upload();

        Throwable refused = catchThrowable(() -> shelf().append(upload, 0, new byte[] {1, 2, 3}).join());

        assertThat(PackageShelf.cause(refused)).isInstanceOf(FirmwareRefusal.class).hasMessageContaining("MD5");
        assertThat(shelf().list()).isEmpty();
        assertThat(incoming()).isEmpty();
        assertThat(f.media.settings().root().resolve("lasting")).satisfiesAnyOf(
                lasting -> assertThat(lasting).doesNotExist(), lasting -> assertThat(lasting).isEmptyDirectory());
    }

    @Test
    void aFourthUploadWaitsForAnIdleOneAndAnIdleOneIsGivenUp() throws IOException {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        for (int i = 0; i < PackageShelf.MAX_UPLOADS; i++) {
            shelf().begin(draft(Optional.empty()), 10).join();
        }
        assertThat(kind(() -> shelf().begin(draft(Optional.empty()), 10).join()))
                .isEqualTo(FirmwareRefusal.Kind.UNAVAILABLE);

        f.platform.clock.advance(PackageShelf.UPLOAD_IDLE.plusSeconds(1));
        shelf().begin(draft(Optional.empty()), 10).join();

        assertThat(shelf().uploadsUnderWay()).isEqualTo(1);
        assertThat(incoming()).hasSize(1);
    }

    @Test
    void aPackageIsFetchedFromAUrlWithItsMd5AndItsNameFromThePath() throws Exception {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        byte[] bytes = bytes(MAX);
        URI url = serve("/Device/acme/1.0.0.526/fw.enc", 200, bytes, true);

        FirmwarePackage p = shelf().fetch(draft(Optional.of(md5(bytes)), "package.bin"), url).join();

        assertThat(p.checkSum()).isEqualTo(md5(bytes));
        assertThat(p.size()).isEqualTo(MAX);
        assertThat(Files.readAllBytes(f.media.file(p.mediaKey()).orElseThrow())).isEqualTo(bytes);
        assertThat(incoming()).isEmpty();
    }

    @Test
    void aFetchOverTheLimitIsRefusedWhetherItsLengthIsAnnouncedOrNot() throws Exception {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        URI announced = serve("/big", 200, bytes(MAX + 1), true);
        URI chunked = serve("/chunked", 200, bytes(MAX + 1), false);
        URI missing = serve("/missing", 404, new byte[0], true);

        assertThat(kind(() -> shelf().fetch(draft(Optional.empty()), announced).join()))
                .isEqualTo(FirmwareRefusal.Kind.TOO_LARGE);
        assertThat(kind(() -> shelf().fetch(draft(Optional.empty()), chunked).join()))
                .isEqualTo(FirmwareRefusal.Kind.TOO_LARGE);
        Throwable notFound = catchThrowable(() -> shelf().fetch(draft(Optional.empty()), missing).join());
        assertThat(PackageShelf.cause(notFound)).hasMessageContaining("HTTP 404");
        Throwable refusedConnection = catchThrowable(() -> shelf().fetch(draft(Optional.empty()),
                URI.create("http://127.0.0.1:1/fw.bin")).join());
        assertThat(PackageShelf.cause(refusedConnection)).isInstanceOf(FirmwareRefusal.class)
                .hasMessageContaining("cannot fetch");
        assertThat(shelf().list()).isEmpty();
        assertThat(incoming()).isEmpty();
    }

    @Test
    void withoutLastingMediaNothingCanBeRegistered() {
        f = FirmwareOnSqlite.open(dir, NOW, SETTINGS);
        PackageShelf none = PackageShelf.load(new FirmwareStore(f.platform.store, f.platform.clock), Optional.empty(),
                dir.resolve("other"), SETTINGS, f.io, HttpClient.newHttpClient()).join();

        assertThatThrownBy(() -> none.begin(draft(Optional.empty()), 10)).isInstanceOf(FirmwareRefusal.class)
                .hasMessageContaining("lasting files");
    }

    private PackageShelf shelf() {
        return f.firmware.packages();
    }

    private static PackageDraft draft(Optional<String> checkSum) {
        return draft(checkSum, "fw.bin");
    }

    private static PackageDraft draft(Optional<String> checkSum, String name) {
        return new PackageDraft(1, "1.0.0.526", List.of("acme_cam1"), name, checkSum);
    }

    private List<Path> incoming() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("incoming"))) {
            return files.toList();
        }
    }

    private static FirmwareRefusal.Kind kind(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        Throwable cause = thrown instanceof CompletionException ? PackageShelf.cause(thrown) : thrown;
        assertThat(cause).isInstanceOf(FirmwareRefusal.class);
        return ((FirmwareRefusal) cause).kind();
    }

    /** Serves {@code body} at {@code path}, with its Content-Length or chunked. */
    private URI serve(String path, int status, byte[] body, boolean announced) throws IOException {
        if (http == null) {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.start();
        }
        http.createContext(path, exchange -> {
            exchange.sendResponseHeaders(status, announced ? (body.length == 0 ? -1 : body.length) : 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException closed) {
                // the client gave up on it: what the test wants
            }
        });
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path);
    }
}
