package io.alarmhub.gateway.device.hemu.recordings;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.store.Recording;
import io.alarmhub.core.store.RecordingKind;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.platform.Registration;
import io.alarmhub.video.record.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.ACME;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.KEY;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recordings' retention on a real SQLite store and a media directory of real files: each camera's expire by its
 * plan's service days (0: the configured retention), the oldest of all go past the disk's bound, what a crash left
 * incomplete is finished from its file at start or forgotten, and an unbound camera's recordings all go.
 */
class RecordingRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String WEEK = "110234567894562";
    private static final String NONE = "110234567894563";

    @TempDir
    Path dir;
    private HemuOnSqlite platform;
    private RecordingDisk disk;
    private ExecutorService worker;

    @BeforeEach
    void open() {
        platform = HemuOnSqlite.open(dir, NOW, 10);
        register(WEEK, "2059a074e0bc");
        register(NONE, "2059a074e0bd");
        disk = new RecordingDisk(dir.resolve("media").resolve("recordings"));
        worker = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void close() {
        worker.shutdownNow();
        platform.close();
    }

    private void register(String deviceId, String mac) {
        String userToken = platform.accounts.grant("alice", "13888888888").join().userToken();
        platform.cameras.register(ACME, new Registration(KEY, deviceId, mac, MODEL, "13888888888", userToken,
                "3RD-X01", 17, Optional.empty(), Optional.empty())).join();
    }

    /** Camera {@link #WEEK} is on a plan of 7 service days, {@link #NONE} on one of 0; the bound is {@code max}. */
    private RecordingRetention retention(long max) {
        Map<String, Integer> days = Map.of(WEEK, 7, NONE, 0);
        return new RecordingRetention(platform.store, disk, platform.directory, id -> days.getOrDefault(id, 0),
                "hemu", new RecordingRetention.Limits(max, Duration.ofDays(30)), platform.clock, worker);
    }

    /** Returns once what was handed to the worker so far has run. */
    private void drain() throws Exception {
        worker.submit(() -> { }).get();
    }

    private Recording put(String id, String deviceId, Instant end, byte[] content, boolean complete) throws Exception {
        return put(id, deviceId, Recording.LIVE, end.minusSeconds(60), end, content, complete);
    }

    private Recording put(String id, String deviceId, int channel, Instant start, Instant end, byte[] content,
                          boolean complete) throws Exception {
        String key = "recordings/" + deviceId + "/" + start.atZone(ZoneOffset.UTC).toLocalDate() + "/"
                + start.toEpochMilli() + "-continuous-" + id + ".mp4";
        Path file = dir.resolve("media").resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Recording r = new Recording(id, new DeviceId("hemu", deviceId), channel,
                channel == Recording.SD_CARD ? RecordingKind.SD_CARD : RecordingKind.CONTINUOUS, "h264", "flac",
                start, end, start.minusSeconds(3), end.minusSeconds(3), content.length, Optional.empty(), key,
                complete);
        CompletableFuture<Void> stored = new CompletableFuture<>();
        platform.store.submit(new StoreOp.PutRecording(r, stored));
        stored.join();
        return r;
    }

    private List<Recording> recordings(String deviceId) {
        CompletableFuture<StoreOp.RecordingPage> page = new CompletableFuture<>();
        platform.store.submit(new StoreOp.LoadRecordings(new DeviceId("hemu", deviceId),
                Instant.parse("2000-01-01T00:00:00Z"), NOW.plus(Duration.ofDays(1)), Optional.empty(), 500, page));
        return page.join().recordings();
    }

    private Path file(Recording r) {
        return dir.resolve("media").resolve(r.mediaKey());
    }

    @Test
    void eachCameraKeepsItsRecordingsForItsPlansServiceDaysAndZeroMeansTheConfiguredRetention() throws Exception {
        Recording weekOld = put("w8", WEEK, NOW.minus(Duration.ofDays(8)), bytes(100), true);
        Recording weekNew = put("w6", WEEK, NOW.minus(Duration.ofDays(6)), bytes(100), true);
        Recording stillWritten = put("w9", WEEK, NOW.minus(Duration.ofDays(9)), bytes(100), false);
        Recording noneNew = put("n8", NONE, NOW.minus(Duration.ofDays(8)), bytes(100), true);
        Recording noneOld = put("n31", NONE, NOW.minus(Duration.ofDays(31)), bytes(100), true);
        RecordingRetention retention = retention(1L << 30);
        disk.measure();
        assertThat(retention.bytes()).isEqualTo(500);

        retention.sweepNow();

        assertThat(recordings(WEEK)).as("one still being written is not expired").containsExactly(stillWritten,
                weekNew);
        assertThat(recordings(NONE)).containsExactly(noneNew);
        assertThat(file(weekOld)).doesNotExist();
        assertThat(file(noneOld)).doesNotExist();
        assertThat(file(weekNew)).exists();
        assertThat(retention.count("expired")).isEqualTo(2);
        assertThat(retention.bytes()).isEqualTo(300);
    }

    @Test
    void pastTheBoundTheOldestRecordingsOfAllCamerasGoUntilTheDirectoryHoldsNoMore() throws Exception {
        Recording oldest = put("a", WEEK, NOW.minus(Duration.ofHours(3)), bytes(400), true);
        Recording older = put("b", NONE, NOW.minus(Duration.ofHours(2)), bytes(400), true);
        Recording newest = put("c", WEEK, NOW.minus(Duration.ofHours(1)), bytes(400), true);
        RecordingRetention retention = retention(1_000);
        retention.start();

        retention.sweepNow();

        assertThat(recordings(WEEK)).containsExactly(newest);
        assertThat(recordings(NONE)).containsExactly(older);
        assertThat(file(oldest)).doesNotExist();
        assertThat(retention.bytes()).isEqualTo(800);
        assertThat(retention.count("disk")).isEqualTo(1);

        retention.closed(closedFile("d", WEEK, 400));
        retention.sweepNow();
        assertThat(recordings(NONE)).as("a file closed since counts").isEmpty();
        assertThat(retention.count("disk")).isEqualTo(2);
    }

    @Test
    void atStartWhatACrashLeftIncompleteIsFinishedFromItsFileOrForgotten() throws Exception {
        Instant start = NOW.minus(Duration.ofMinutes(10));
        Recording cut = put("cut", WEEK, Recording.LIVE, start, start, mp4(5_000), false);
        Files.setLastModifiedTime(file(cut), FileTime.from(start.plusSeconds(42)));
        Recording upload = put("sd", WEEK, Recording.SD_CARD, start.minus(Duration.ofHours(5)),
                start.minus(Duration.ofHours(5)), mp4(3_000), false);
        Recording noFragment = put("init", NONE, Recording.LIVE, start, start, initSegment(), false);
        Recording gone = put("gone", NONE, Recording.LIVE, start.plusSeconds(60), start.plusSeconds(60), mp4(10),
                false);
        Files.delete(file(gone));
        long cutSize = Files.size(file(cut));
        RecordingRetention retention = retention(1L << 30);

        retention.start();

        Recording finished = recordings(WEEK).get(1);
        assertThat(finished.id()).isEqualTo("cut");
        assertThat(finished.complete()).isTrue();
        assertThat(finished.bytes()).isEqualTo(cutSize);
        assertThat(finished.end()).as("its file's last write").isEqualTo(start.plusSeconds(42));
        assertThat(finished.cameraEnd()).isEqualTo(finished.cameraStart().plusSeconds(42));
        Recording sd = recordings(WEEK).get(0);
        assertThat(sd.complete()).isTrue();
        assertThat(sd.end()).as("placed at the camera's times, which the file's says nothing of")
                .isEqualTo(upload.start());
        assertThat(recordings(NONE)).isEmpty();
        assertThat(file(noFragment)).doesNotExist();
        assertThat(retention.count("finished")).isEqualTo(2);
        assertThat(retention.count("forgotten")).isEqualTo(2);
        assertThat(retention.bytes()).isEqualTo(cutSize + Files.size(file(upload)));
    }

    @Test
    void anUnboundCamerasRecordingsAllGoAndSoDoesAFileClosedAfter() throws Exception {
        Recording first = put("a", WEEK, NOW.minus(Duration.ofHours(2)), bytes(100), true);
        put("b", WEEK, NOW.minus(Duration.ofHours(1)), bytes(100), true);
        Path lost = file(first).resolveSibling("1765000000000-clip-lost.mp4");
        Files.write(lost, bytes(100)); // its entry lost in a crash
        Recording other = put("c", NONE, NOW.minus(Duration.ofHours(1)), bytes(100), true);
        RecordingRetention retention = retention(1L << 30);
        retention.start();
        platform.directory.onRemoved(retention::unbound);

        platform.directory.commit(List.of(platform.directory.remove(WEEK))).join();
        drain();

        assertThat(recordings(WEEK)).isEmpty();
        assertThat(dir.resolve("media").resolve("recordings").resolve(WEEK)).doesNotExist();
        assertThat(recordings(NONE)).containsExactly(other);
        assertThat(file(other)).exists();
        assertThat(retention.count("unbound")).isEqualTo(2);

        Recording late = put("late", WEEK, NOW, mp4(100), true);
        assertThat(retention.closed(closedFile(late))).as("a clip of it is announced to nobody").isFalse();
        drain();
        assertThat(recordings(WEEK)).isEmpty();
        assertThat(file(late)).doesNotExist();
        assertThat(retention.count("orphaned")).isEqualTo(1);
        assertThat(retention.closed(closedFile(other))).isTrue();
    }

    private RecordingFile closedFile(String id, String deviceId, int size) throws Exception {
        return closedFile(put(id, deviceId, NOW, bytes(size), true));
    }

    private RecordingFile closedFile(Recording r) {
        return new RecordingFile(r.id(), r.device().id(), io.alarmhub.video.record.RecordingKind.CONTINUOUS, "h264",
                "flac", file(r), r.start().toEpochMilli(), r.end().toEpochMilli(), r.cameraStart().toEpochMilli(),
                r.cameraEnd().toEpochMilli(), r.bytes(), List.of(), true);
    }

    private static byte[] bytes(int size) {
        return new byte[size];
    }

    /** The init segment of a fragmented MP4: {@code ftyp} and {@code moov}, no fragment. */
    private static byte[] initSegment() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        box(out, "ftyp", new byte[8]);
        box(out, "moov", new byte[100]);
        return out.toByteArray();
    }

    /** An init segment and one fragment ({@code moof}, {@code mdat}) of {@code payload} bytes of media. */
    private static byte[] mp4(int payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(initSegment());
        box(out, "moof", new byte[40]);
        box(out, "mdat", new byte[payload]);
        return out.toByteArray();
    }

    private static void box(ByteArrayOutputStream out, String type, byte[] body) {
        out.writeBytes(ByteBuffer.allocate(8).putInt(8 + body.length).put(type.getBytes(StandardCharsets.US_ASCII))
                .array());
        out.writeBytes(body);
    }
}
