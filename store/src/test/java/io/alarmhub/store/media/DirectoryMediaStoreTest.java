package io.alarmhub.store.media;

import io.alarmhub.core.media.MediaException;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.alarmhub.core.media.MediaSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class DirectoryMediaStoreTest {

    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07Z");
    private static final String BASE = "https://alarms.example.com:9910";
    private static final Pattern URL = Pattern.compile(Pattern.quote(BASE)
            + "/media/(?<key>[^?]+)\\?expires=(?<expires>\\d+)&sig=(?<sig>[A-Za-z0-9_-]{43})");

    @TempDir
    Path dir;
    private final MovableClock clock = new MovableClock(T0);
    private final MediaSigner signer = new MediaSigner(new byte[MediaSigner.SECRET_BYTES]);

    @Test
    void keepsByMovingTheFileAndSignsItsUrl() throws IOException {
        DirectoryMediaStore store = open(MediaSettings.defaults(dir.resolve("media"), BASE + "/"));
        Path received = received("upload.jpg", 1234);
        byte[] content = Files.readAllBytes(received);

        MediaRef ref = store.keep(received, MediaKind.PICTURE, "JPG", "alarm_0001.jpg");

        String key = ref.key().orElseThrow();
        assertThat(key).matches("20250304-[0-9a-f]{32}\\.jpg");
        assertThat(ref.kind()).isEqualTo(MediaKind.PICTURE);
        assertThat(ref.name()).isEqualTo("alarm_0001.jpg");
        assertThat(received).doesNotExist();
        Path kept = store.file(key).orElseThrow();
        assertThat(kept).isEqualTo(dir.resolve("media/2025/03/04/" + key).toAbsolutePath());
        assertThat(Files.readAllBytes(kept)).isEqualTo(content);
        assertThat(Files.getLastModifiedTime(kept).toInstant()).isEqualTo(T0);
        assertThat(store.storedBytes()).isEqualTo(1234);

        Matcher url = URL.matcher(ref.url());
        assertThat(url.matches()).as(ref.url()).isTrue();
        assertThat(url.group("key")).isEqualTo(key);
        long expires = Long.parseLong(url.group("expires"));
        assertThat(expires).isEqualTo(T0.plus(Duration.ofDays(7)).getEpochSecond());
        assertThat(signer.verify(key, expires, url.group("sig"), T0.getEpochSecond())).isTrue();
        assertThat(URI.create(ref.url()).getPath()).isEqualTo("/media/" + key);
    }

    @Test
    void signsAFreshUrlForAKeptFileOnly() throws IOException {
        DirectoryMediaStore store = open(MediaSettings.defaults(dir.resolve("media"), BASE));
        String key = store.keep(received("a.mp4", 10), MediaKind.VIDEO, "mp4", "a.mp4").key().orElseThrow();
        clock.advance(Duration.ofDays(3));

        Matcher url = URL.matcher(store.url(key).orElseThrow());
        assertThat(url.matches()).isTrue();
        assertThat(Long.parseLong(url.group("expires"))).isEqualTo(clock.instant().plus(Duration.ofDays(7))
                .getEpochSecond());
        assertThat(store.url("20250304-00000000000000000000000000000000.mp4")).isEmpty();
    }

    @Test
    void discardsAFileKeptForAnAlarmThatWasNotStored() throws IOException {
        DirectoryMediaStore store = open(MediaSettings.defaults(dir.resolve("media"), BASE));
        MediaRef kept = store.keep(received("a.jpg", 10), MediaKind.PICTURE, "jpg", "a.jpg");
        MediaRef other = store.keep(received("b.jpg", 20), MediaKind.PICTURE, "jpg", "b.jpg");

        store.discard(kept);
        store.discard(kept);

        assertThat(store.file(kept.key().orElseThrow())).isEmpty();
        assertThat(store.file(other.key().orElseThrow())).isPresent();
        assertThat(store.storedBytes()).isEqualTo(20);
    }

        @Test
    void keepsOnlyPlainExtensions() throws IOException {
        DirectoryMediaStore store = open(MediaSettings.defaults(dir.resolve("media"), BASE));
        Map<String, String> expected = Map.of("Mp4", "mp4", ".png", "png", "", "bin", "tar.gz", "bin",
                "../x", "bin", "jpeg/", "bin", "abcdefghi", "bin", "h264", "h264");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String key = store.keep(received("x", 1), MediaKind.VIDEO, e.getKey(), "x").key().orElseThrow();
            assertThat(key).as(e.getKey()).endsWith("." + e.getValue());
            assertThat(store.file(key)).isPresent();
        }
    }

    @Test
    void refusesKeysThatLookLikePaths() throws IOException {
        DirectoryMediaStore store = open(MediaSettings.defaults(dir.resolve("media"), BASE));
        String key = store.keep(received("a.jpg", 10), MediaKind.PICTURE, "jpg", "a.jpg").key().orElseThrow();
        Files.writeString(dir.resolve("secret.jpg"), "not media");
        String hex = key.substring(9, 41);

        for (String bad : List.of("../secret.jpg", "../../../../secret.jpg", "..", ".", "", "/etc/passwd",
                dir.resolve("secret.jpg").toString(), "2025/03/04/" + key, key + "/../" + key,
                "20250304-" + hex + ".jpg/", "20250304-" + hex + ".jpg\u0000", "20250304-" + hex + ".JPG",
                "20250304-" + hex.toUpperCase() + ".jpg", "20250304-" + hex + "..jpg", "2025034-" + hex + ".jpg",
                "20250304-" + hex + ".jpg\n", "20250304-" + hex + ".%2e%2e", "../media/2025/03/04/" + key)) {
            assertThat(store.file(bad)).as(bad).isEmpty();
            assertThat(store.url(bad)).as(bad).isEmpty();
        }
        assertThat(store.file(null)).isEmpty();
        assertThat(store.file(key)).isPresent();
    }

    @Test
    void sweepDeletesFilesPastRetention() throws IOException {
        DirectoryMediaStore store = open(MediaSettings.defaults(dir.resolve("media"), BASE));
        clock.set(T0.minus(Duration.ofDays(40)));
        String ancient = keep(store, 100);
        clock.set(T0);
        String old = keep(store, 200);
        String young = keep(store, 300);
        Files.setLastModifiedTime(store.file(old).orElseThrow(), FileTime.from(T0.minus(Duration.ofDays(31))));
        Files.setLastModifiedTime(store.file(young).orElseThrow(), FileTime.from(T0.minus(Duration.ofDays(29))));
        Path ancientMonth = store.file(ancient).orElseThrow().getParent().getParent();

        DirectoryMediaStore.Swept swept = store.sweep(T0);

        assertThat(swept).isEqualTo(new DirectoryMediaStore.Swept(2, 0, 300, 300));
        assertThat(store.file(ancient)).isEmpty();
        assertThat(store.file(old)).isEmpty();
        assertThat(store.file(young)).isPresent();
        assertThat(store.storedBytes()).isEqualTo(300);
        assertThat(ancientMonth).as("emptied directories go too").doesNotExist();
        assertThat(dir.resolve("media")).isDirectory();
        assertThat(store.sweep(T0)).isEqualTo(new DirectoryMediaStore.Swept(0, 0, 0, 300));
    }

    @Test
    void makesRoomByDeletingTheOldestFiles() throws IOException {
        DirectoryMediaStore store = open(settings(1000));
        String first = keep(store, 300);
        String second = keep(store, 300);
        String third = keep(store, 300);
        // Modification time decides what is oldest, not the order of the keeps.
        Files.setLastModifiedTime(store.file(second).orElseThrow(), FileTime.from(T0.minusSeconds(30)));

        String fourth = keep(store, 300);

        assertThat(store.file(second)).isEmpty();
        assertThat(List.of(first, third, fourth)).allSatisfy(k -> assertThat(store.file(k)).as(k).isPresent());
        assertThat(store.storedBytes()).isEqualTo(900);
    }

    @Test
    void sweepDeletesTheOldestFilesWhileOverTheCap() throws IOException {
        DirectoryMediaStore big = open(settings(10_000));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            keys.add(keep(big, 200));
        }
        DirectoryMediaStore small = open(settings(700));
        assertThat(small.storedBytes()).isEqualTo(1000);

        DirectoryMediaStore.Swept swept = small.sweep(clock.instant());

        // Down to under the cap less its tenth of headroom: 630 bytes, so three files are left.
        assertThat(swept).isEqualTo(new DirectoryMediaStore.Swept(0, 2, 400, 600));
        assertThat(keys.subList(0, 2)).allSatisfy(k -> assertThat(small.file(k)).as(k).isEmpty());
        assertThat(keys.subList(2, 5)).allSatisfy(k -> assertThat(small.file(k)).as(k).isPresent());
    }

    @Test
    void countsWhatIsAlreadyThereWhenOpened() throws IOException {
        DirectoryMediaStore first = open(MediaSettings.defaults(dir.resolve("media"), BASE));
        String a = keep(first, 1000);
        clock.advance(Duration.ofDays(2));
        keep(first, 2345);
        Path day = first.file(a).orElseThrow().getParent();
        Files.writeString(dir.resolve("media/README"), "not media, not counted");
        Files.writeString(day.resolve("20250304-0123.jpg"), "not a key, not counted");
        Path leftover = day.resolve(".20250304-" + "0".repeat(32) + ".jpg.tmp");
        Files.writeString(leftover, "half a copy");

        DirectoryMediaStore reopened = open(MediaSettings.defaults(dir.resolve("media"), BASE));

        assertThat(reopened.storedBytes()).isEqualTo(3345);
        assertThat(reopened.file(a)).isPresent();
        assertThat(leftover).as("left over from an interrupted copy").doesNotExist();
        assertThat(dir.resolve("media/README")).exists();
    }

    @Test
    void refusesAFileLargerThanTheCap() throws IOException {
        DirectoryMediaStore store = open(settings(1000));
        String kept = keep(store, 600);
        Path huge = received("huge.mp4", 1001);

        assertThatThrownBy(() -> store.keep(huge, MediaKind.VIDEO, "mp4", "huge.mp4"))
                .isInstanceOf(MediaException.class).hasMessageContaining("1001");

        assertThat(huge).exists();
        assertThat(store.file(kept)).isPresent();
        assertThat(store.storedBytes()).isEqualTo(600);
        assertThatThrownBy(() -> store.keep(dir.resolve("missing"), MediaKind.VIDEO, "mp4", "m"))
                .isInstanceOf(MediaException.class);
    }

    @Test
    void copiesAcrossFileSystems() throws IOException {
        Path other = otherFileSystem();
        DirectoryMediaStore store = open(MediaSettings.defaults(dir.resolve("media"), BASE));
        Path received = Files.createTempFile(other, "alarmhub-media-test", ".jpg");
        try {
            byte[] content = bytes(5000);
            Files.write(received, content);

            String key = store.keep(received, MediaKind.PICTURE, "jpg", "x.jpg").key().orElseThrow();

            assertThat(received).doesNotExist();
            assertThat(Files.readAllBytes(store.file(key).orElseThrow())).isEqualTo(content);
            try (Stream<Path> day = Files.list(store.file(key).orElseThrow().getParent())) {
                assertThat(day.map(p -> p.getFileName().toString())).containsExactly(key);
            }
        } finally {
            Files.deleteIfExists(received);
        }
    }

    /**
     * A writable directory on another file system than the test's temporary one, where a received file
     * can only be copied, not renamed, into the store. Linux always mounts /dev/shm as its own tmpfs (so
     * do containers), and the temporary directory is on disk, so this fails rather than skips: a copy
     * path never tested is how a media file gets lost. The other candidates cover a temporary directory
     * moved onto /dev/shm itself.
     */
    private Path otherFileSystem() throws IOException {
        FileStore temp = Files.getFileStore(dir);
        List<Path> candidates = List.of(Path.of("/dev/shm"), Path.of("/var/tmp"), Path.of("/tmp"),
                Path.of(System.getProperty("user.home")));
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate) && Files.isWritable(candidate)
                    && !Files.getFileStore(candidate).equals(temp)) {
                return candidate;
            }
        }
        return fail("none of " + candidates + " is a writable directory on another file system than " + dir
                + " (" + temp + "); this test needs one to check that a received file is copied across"
                + " file systems: mount a tmpfs on /dev/shm, or point java.io.tmpdir at another file system");
    }

    @Test
    void countsConcurrentKeepsExactly() throws Exception {
        DirectoryMediaStore store = open(MediaSettings.defaults(dir.resolve("media"), BASE));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> keys = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int size = 100 + i;
                Path file = received("c" + i, size);
                keys.add(pool.submit(() -> store.keep(file, MediaKind.PICTURE, "jpg", "c").key().orElseThrow()));
                if (i % 10 == 0) {
                    pool.submit(() -> store.sweep());
                }
            }
            long distinct = keys.stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).collect(Collectors.toSet()).size();
            assertThat(distinct).isEqualTo(40);
        } finally {
            pool.shutdown();
        }
        long expected = 40 * 100 + 39 * 40 / 2;
        assertThat(store.storedBytes()).isEqualTo(expected);
        assertThat(store.sweep().storedBytes()).isEqualTo(expected);
    }

    @Test
    void keepsALastingFileThatNeitherRetentionNorTheCapDeletes() throws IOException {
        DirectoryMediaStore store = open(settings(1000));
        Path received = received("pkg.bin", 900);
        byte[] content = Files.readAllBytes(received);

        String key = store.keepLasting(received, "bin");

        assertThat(key).matches("lasting-[0-9a-f]{32}\\.bin");
        assertThat(received).doesNotExist();
        Path kept = store.file(key).orElseThrow();
        assertThat(kept).isEqualTo(dir.resolve("media/lasting/" + key).toAbsolutePath());
        assertThat(Files.readAllBytes(kept)).isEqualTo(content);
        assertThat(store.storedBytes()).as("not counted against the cap").isZero();
        String picture = keep(store, 600);
        keep(store, 600); // over the cap of 1000: the picture goes, the lasting file stays
        assertThat(store.file(picture)).isEmpty();
        assertThat(store.file(key)).isPresent();

        clock.advance(Duration.ofDays(400));
        store.sweep();
        assertThat(store.file(key)).as("past retention").isPresent();
        DirectoryMediaStore reopened = open(settings(1000));
        assertThat(reopened.file(key)).isPresent();
        assertThat(reopened.storedBytes()).isZero();

        reopened.deleteLasting(key);
        assertThat(reopened.file(key)).isEmpty();
        reopened.deleteLasting(key); // gone already: ignored
        reopened.deleteLasting("../../push.db");
        reopened.deleteLasting(picture); // not a lasting key: ignored, and it is gone anyway
    }

    @Test
    void signsALastingFilesUrlForTheValidityAsked() throws IOException {
        DirectoryMediaStore store = open(MediaSettings.defaults(dir.resolve("media"), BASE));
        String key = store.keepLasting(received("pkg.bin", 10), "BIN");

        String signed = store.url(key, Duration.ofHours(2)).orElseThrow();

        Matcher url = URL.matcher(signed);
        assertThat(url.matches()).as(signed).isTrue();
        assertThat(url.group("key")).isEqualTo(key);
        long expires = Long.parseLong(url.group("expires"));
        assertThat(expires).isEqualTo(T0.plus(Duration.ofHours(2)).getEpochSecond());
        assertThat(signer.verify(key, expires, url.group("sig"), expires)).isTrue();
        assertThat(signer.verify(key, expires, url.group("sig"), expires + 1)).as("a second later").isFalse();
        assertThat(store.url("lasting-" + "0".repeat(32) + ".bin", Duration.ofHours(2))).isEmpty();
        assertThatThrownBy(() -> store.url(key, Duration.ofMillis(999))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletesWhatAnInterruptedLastingCopyLeft() throws IOException {
        Path lasting = Files.createDirectories(dir.resolve("media/lasting"));
        Path leftover = Files.writeString(lasting.resolve(".lasting-" + "a".repeat(32) + ".bin.tmp"), "half");

        open(MediaSettings.defaults(dir.resolve("media"), BASE));

        assertThat(leftover).doesNotExist();
    }

    @Test
    void checksItsSettings() {
        Path root = dir.resolve("media");
        assertThat(MediaSettings.defaults(root, " http://h:9910// ").publicBaseUrl()).isEqualTo("http://h:9910");
        assertThat(MediaSettings.defaults(root, "https://h/alarmhub").publicBaseUrl()).isEqualTo("https://h/alarmhub");
        for (String bad : List.of("", "h:9910", "ftp://h", "http://h/?a=b", "/media")) {
            assertThatThrownBy(() -> MediaSettings.defaults(root, bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new MediaSettings(root, BASE, Duration.ZERO, Duration.ofDays(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaSettings(root, BASE, Duration.ofDays(1), Duration.ofDays(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private MediaSettings settings(long maxBytes) {
        return new MediaSettings(dir.resolve("media"), BASE, Duration.ofDays(7), Duration.ofDays(30), maxBytes);
    }

    private DirectoryMediaStore open(MediaSettings settings) {
        return DirectoryMediaStore.open(settings, signer, clock);
    }

    /** Keeps a file of {@code size} bytes, then moves the clock on a minute so that files are ordered. */
    private String keep(DirectoryMediaStore store, int size) throws IOException {
        String key = store.keep(received("r.jpg", size), MediaKind.PICTURE, "jpg", "r.jpg").key().orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        return key;
    }

    private Path received(String name, int size) throws IOException {
        Path incoming = Files.createDirectories(dir.resolve("incoming"));
        return Files.write(Files.createTempFile(incoming, "up", name), bytes(size));
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
