package io.alarmhub.gateway.device.hemu.recordings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.device.hemu.HemuAdapter;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.app.HemuAppApi;
import io.alarmhub.gateway.device.hemu.platform.Registration;
import io.alarmhub.store.media.DirectoryMediaStore;
import io.alarmhub.store.media.MediaSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.ACME;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.KEY;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cameras' thumbnails kept in a real media directory and read by their owners through
 * {@code GET /hemu/thumbnail/{deviceId}/…}: the latest by the camera's time, the one two before it discarded, each
 * bound counted, and nothing left of an unbound camera.
 */
class CameraThumbnailsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String DEVICE = "110234567894562";

    @TempDir
    Path dir;
    private HemuOnSqlite platform;
    private DirectoryMediaStore media;
    private ExecutorService writer;
    private CameraThumbnails thumbnails;
    private HemuAppApi api;
    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        platform = HemuOnSqlite.open(dir, NOW, 10);
        String userToken = platform.accounts.grant("alice", "13888888888").join().userToken();
        platform.cameras.register(ACME, new Registration(KEY, DEVICE, "2059a074e0bc", MODEL, "13888888888",
                userToken, "3RD-X01", 17, Optional.empty(), Optional.empty())).join();
        media = DirectoryMediaStore.open(MediaSettings.defaults(dir.resolve("media"), "http://127.0.0.1:9910"),
                new MediaSigner(new byte[MediaSigner.SECRET_BYTES]), platform.clock);
        writer = CameraThumbnails.writer();
        thumbnails = new CameraThumbnails(media, id -> platform.directory.camera(id).isPresent(), writer,
                dir.resolve("spool"), outcomes::add, platform.clock);
        platform.directory.onRemoved(thumbnails::unbound);
        api = new HemuAppApi(platform.accounts, () -> "https://cams.example.test:8443", Set.of());
        api.registerRoute("thumbnail", new ThumbnailRoute(platform.directory, thumbnails, HemuAdapter.VENDOR));
    }

    @AfterEach
    void close() {
        writer.shutdownNow();
        platform.close();
    }

    /** Returns once the writer has run what it was handed so far. */
    private void drain() throws Exception {
        writer.submit(() -> { }).get();
    }

    private AppAnswer get(String deviceId, String alias) throws Exception {
        return api.answer(new AppRequest("GET", List.of("thumbnail", deviceId), Map.of("alias", alias), "", "app"))
                .get();
    }

    private JsonNode latest() throws Exception {
        AppAnswer answer = get(DEVICE, "alice");
        assertThat(answer.status()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** The picture behind a URL the route gave, read from the media directory by its key. */
    private Optional<byte[]> picture(String url) throws Exception {
        String key = URI.create(url).getPath().substring(URI.create(url).getPath().lastIndexOf('/') + 1);
        Optional<Path> file = media.file(key);
        return file.isPresent() ? Optional.of(Files.readAllBytes(file.get())) : Optional.empty();
    }

    private static byte[] jpeg(int size, int mark) {
        byte[] picture = new byte[size];
        picture[0] = (byte) 0xff;
        picture[1] = (byte) 0xd8;
        picture[2] = (byte) mark;
        return picture;
    }

    @Test
    void theOwnerReadsTheLatestThumbnailWithTheCamerasTimeAndASignedUrlOfIt() throws Exception {
        assertThat(get(DEVICE, "alice").status()).as("none since the start").isEqualTo(404);
        Instant taken = NOW.minusSeconds(30);

        thumbnails.accept(DEVICE, taken.toEpochMilli(), jpeg(40_000, 1));
        drain();

        JsonNode latest = latest();
        assertThat(latest.get("deviceId").asText()).isEqualTo(DEVICE);
        assertThat(latest.get("time").asText()).isEqualTo("2026-12-07T09:59:30Z");
        assertThat(latest.get("url").asText()).startsWith("http://127.0.0.1:9910/");
        assertThat(picture(latest.get("url").asText())).hasValueSatisfying(p -> assertThat(p)
                .isEqualTo(jpeg(40_000, 1)));
        assertThat(get(DEVICE, "bob").status()).as("another alias: as if no such camera").isEqualTo(404);
        assertThat(api.answer(new AppRequest("POST", List.of("thumbnail", DEVICE), Map.of("alias", "alice"), "",
                "app")).get().status()).isEqualTo(404);
        assertThat(outcomes).containsExactly("kept");
    }

    @Test
    void aNewerThumbnailDiscardsTheOneTwoBeforeItAndAnOlderOneChangesNothing() throws Exception {
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            thumbnails.accept(DEVICE, NOW.plusSeconds(60L * i).toEpochMilli(), jpeg(1_000, i));
            drain();
            urls.add(latest().get("url").asText());
        }
        thumbnails.accept(DEVICE, NOW.toEpochMilli(), jpeg(1_000, 9)); // from the SD card, older than the latest
        drain();

        assertThat(latest().get("time").asText()).isEqualTo("2026-12-07T10:03:00Z");
        assertThat(picture(urls.get(0))).as("discarded").isEmpty();
        assertThat(picture(urls.get(1))).as("the one before the latest stays").isPresent();
        assertThat(picture(urls.get(2))).isPresent();
        assertThat(outcomes).containsExactly("kept", "kept", "kept", "stale");
    }

    @Test
    void eachBoundIsCountedAndWhatPassesItIsNotKept() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor busy = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
        CameraThumbnails full = new CameraThumbnails(media, id -> true, busy, dir.resolve("spool"), outcomes::add,
                platform.clock);
        busy.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            full.accept(DEVICE, -1, jpeg(CameraThumbnails.MAX_BYTES + 1, 1));
            full.accept(DEVICE, -1, Arrays.copyOf("GIF89a".getBytes(), 100));
            full.accept(DEVICE, -1, jpeg(CameraThumbnails.MAX_BYTES, 2)); // waits for the writer
            full.accept(DEVICE, -1, jpeg(100, 3)); // the writer's queue is full
        } finally {
            release.countDown();
        }
        busy.shutdown();
        assertThat(busy.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(outcomes).containsExactly("too_large", "not_jpeg", "dropped", "kept");
    }

    @Test
    void anUnboundCamerasThumbnailsGo() throws Exception {
        thumbnails.accept(DEVICE, NOW.toEpochMilli(), jpeg(1_000, 1));
        drain();
        String url = latest().get("url").asText();

        platform.directory.commit(List.of(platform.directory.remove(DEVICE))).join();
        drain();

        assertThat(thumbnails.latest(DEVICE).get()).isEmpty();
        assertThat(picture(url)).isEmpty();
        thumbnails.accept(DEVICE, NOW.plusSeconds(1).toEpochMilli(), jpeg(1_000, 2)); // in flight as it was unbound
        drain();
        assertThat(thumbnails.latest(DEVICE).get()).isEmpty();
        assertThat(outcomes).containsExactly("kept", "dropped");
    }
}
