package io.alarmhub.gateway.device.hemu.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.media.MediaException;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.core.media.MediaStore;
import io.alarmhub.core.message.Message;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.device.hemu.platform.GatewayCalls;
import io.alarmhub.gateway.device.hemu.platform.IpCamDesk;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;
import io.alarmhub.gateway.device.hemu.platform.Registration;
import io.alarmhub.gateway.json.NetworkJson;
import io.alarmhub.store.media.DirectoryMediaStore;
import io.alarmhub.store.media.MediaSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.ACME;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.KEY;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a camera reports of itself, handed to the platform as the HEDGW handler does, on a real store and a real
 * media directory: people counts in the time series with their event, statistics kept by day and summarised in
 * the metrics, a resolution change and a panorama pushed to the owner.
 */
class CameraReportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2017-01-22T02:00:00Z");
    private static final String DEVICE = "110234567894562";
    private static final String MOBILE = "13888888888";
    private static final DeviceId CAMERA = new DeviceId("hemu", DEVICE);

    @TempDir
    Path dir;
    private HemuOnSqlite platform;
    private DirectoryMediaStore media;
    private SimpleMeterRegistry meters;
    private HemuMetrics metrics;
    private IpCamDesk desk;

    @BeforeEach
    void open() throws Exception {
        platform = HemuOnSqlite.open(dir, NOW, 10);
        String userToken = platform.accounts.grant("alice", MOBILE).join().userToken();
        platform.cameras.register(ACME, new Registration(KEY, DEVICE, "2059a074e0bc", MODEL, MOBILE, userToken,
                "3RD-X01", 17, Optional.empty(), Optional.empty())).join();
        media = DirectoryMediaStore.open(MediaSettings.defaults(dir.resolve("media"), "http://127.0.0.1:9910"),
                new MediaSigner(new byte[MediaSigner.SECRET_BYTES]));
        meters = new SimpleMeterRegistry();
        metrics = new HemuMetrics(meters);
        desk = desk(media);
    }

    private IpCamDesk desk(MediaStore store) throws Exception {
        Panoramas panoramas = new Panoramas(PanoramaLimits.DEFAULT, store, platform.desk, Runnable::run,
                dir.resolve("uploads"), metrics.reports(), platform.clock);
        return new IpCamDesk((deviceId, answer) -> { }, new CameraReports(platform.store, platform.desk, panoramas, metrics,
                platform.clock), (deviceId, progress) -> { });
    }

    @AfterEach
    void close() {
        platform.close();
    }

    @Test
    void aPeopleCountIsAStatusEventAndARowOfTheSeriesInOneTransaction() throws Exception {
        GatewayCalls gateway = new GatewayCalls(platform.directory, Manufacturers.of(ACME), platform.desk);
        int before = pushed().size();

        gateway.event(DEVICE, 4, 1, 1_485_050_000_000L, Optional.of("{\"start\":1485049400,\"stop\":1485050000,"
                + "\"count\":" + ((3 << 16) | 5) + "}"), false, Optional.empty()).join();
        gateway.event(DEVICE, 4, 1, 1_485_050_600_000L, Optional.of("{\"start\":1485050000,\"stop\":1485050600,"
                + "\"count\":-65536}"), true, Optional.empty()).join();
        gateway.event(DEVICE, 4, 1, 1_485_051_200_000L, Optional.of("{\"start\":1485050600,\"count\":1}"), false,
                Optional.empty()).join();

        List<JsonNode> events = pushed().subList(before, before + 3);
        assertThat(events.get(0).get("values")).isEqualTo(JSON.readTree(
                "{\"people_up\":\"3\",\"people_down\":\"5\",\"start\":\"1485049400\",\"stop\":\"1485050000\"}"));
        assertThat(events.get(1).get("values").get("people_up").asText()).as("a signed int's high bits")
                .isEqualTo("65535");
        assertThat(events.get(1).get("values").get("delayed").asText()).isEqualTo("true");
        assertThat(events.get(2).get("values")).isEqualTo(JSON.readTree("{\"people_count\":\"unreadable\"}"));

        StoreOp.PeopleCountPage page = counts(Instant.ofEpochSecond(1485049400), Instant.ofEpochSecond(1485052000));
        assertThat(page.counts()).hasSize(2);
        assertThat(page.counts().get(0).up()).isEqualTo(3);
        assertThat(page.counts().get(0).down()).isEqualTo(5);
        assertThat(page.counts().get(1).delayed()).isTrue();
        assertThat(page.up()).isEqualTo(3 + 65535);
        assertThat(page.down()).isEqualTo(5);
    }

    @Test
    void statisticsAreKeptByTheirUtcDayAndANewDayIsAddedToTheMetricsOnce() throws Exception {
        desk.accept(DEVICE, statistics(DailyStatisticsTest.EXAMPLE));
        platform.settle();
        desk.accept(DEVICE, statistics(DailyStatisticsTest.EXAMPLE.replace("\"rebootTimes\":2", "\"rebootTimes\":3")));
        platform.settle();

        StoreOp.DayReportPage days = days();
        assertThat(days.reports()).hasSize(1);
        assertThat(days.reports().get(0).day()).isEqualTo(LocalDate.of(2017, 1, 21));
        assertThat(DailyStatistics.stored(days.reports().get(0).body()).counters()).as("the later one")
                .containsEntry("rebootTimes", 3L);
        assertThat(count("alarmhub.hemu.statistics", "result", "stored")).isEqualTo(1);
        assertThat(count("alarmhub.hemu.statistics", "result", "replaced")).isEqualTo(1);
        assertThat(count("alarmhub.hemu.camera.frames", "frames", "dropped", "media", "video")).isEqualTo(23445);
        assertThat(count("alarmhub.hemu.camera.frames", "frames", "total", "media", "audio")).isEqualTo(200000);
        assertThat(count("alarmhub.hemu.camera.incidents", "kind", "reboot")).as("a day sent again is not added twice")
                .isEqualTo(2);
        assertThat(count("alarmhub.hemu.camera.incidents", "kind", "hedgw_lookup")).isEqualTo(5);
        assertThat(meters.get("alarmhub.hemu.camera.online").counter().count()).isEqualTo(36000);
        assertThat(meters.get("alarmhub.hemu.camera.data").counter().count()).isEqualTo(233312342);
        assertThat(meters.get("alarmhub.hemu.camera.delay").summary().count()).isEqualTo(1);
        assertThat(meters.get("alarmhub.hemu.camera.delay").summary().totalAmount()).isEqualTo(500);

        desk.accept(DEVICE, statistics("{\"startTime\":1485011708000,\"endTime\":1485098108000,\"rebootTimes\":-1}"));
        platform.settle();
        assertThat(count("alarmhub.hemu.statistics", "result", "refused")).isEqualTo(1);
        assertThat(days().reports()).hasSize(1);
    }

    @Test
    void aResolutionChangeIsAStatusEventToTheOwner() throws Exception {
        int before = pushed().size();
        desk.accept(DEVICE, new IpCamMessage.Resolution("1280x720"));
        desk.accept(DEVICE, new IpCamMessage.Resolution(" HD "));
        desk.accept(DEVICE, new IpCamMessage.Resolution("12\u00000"));
        platform.settle();

        List<JsonNode> events = pushed().subList(before, pushed().size());
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("event").asText()).isEqualTo("status");
        assertThat(events.get(0).get("values")).isEqualTo(JSON.readTree(
                "{\"resolution\":\"1280x720\",\"width\":\"1280\",\"height\":\"720\"}"));
        assertThat(events.get(0).get("raw").get("msg").asText()).isEqualTo("1280x720");
        assertThat(events.get(1).get("values")).isEqualTo(JSON.readTree("{\"resolution\":\"HD\"}"));
        assertThat(count("alarmhub.device.bad_input", "reason", "ipcam_unreadable")).isEqualTo(1);
    }

    @Test
    void aWholePanoramaIsKeptAsMediaAndOneEventToTheOwnerListsItsPicturesInOrder() throws Exception {
        int before = pushed().size();
        List<byte[]> pictures = List.of(jpeg(1), jpeg(2), jpeg(3));
        desk.accept(DEVICE, picture(2, pictures));
        desk.accept(DEVICE, picture(1, pictures));
        platform.settle();
        assertThat(pushed()).as("nothing before the set is whole").hasSize(before);

        desk.accept(DEVICE, picture(3, pictures));
        platform.settle();

        List<JsonNode> events = pushed().subList(before, pushed().size());
        assertThat(events).hasSize(1);
        JsonNode values = events.get(0).get("values");
        assertThat(values.get("panorama").asText()).isEqualTo("3");
        assertThat(values.get("app").asText()).isEqualTo("app-7");
        for (int i = 1; i <= 3; i++) {
            String url = values.get("picture_" + i).asText();
            assertThat(url).startsWith("http://127.0.0.1:9910/media/").contains(".jpg?expires=");
            String key = url.substring(url.indexOf("/media/") + 7, url.indexOf('?'));
            assertThat(Files.readAllBytes(media.file(key).orElseThrow())).isEqualTo(pictures.get(i - 1));
        }
        assertThat(events.get(0).get("raw").get("sizes")).hasSize(3);
        assertThat(count("alarmhub.hemu.panoramas", "result", "pushed")).isEqualTo(1);
        try (var left = Files.list(dir.resolve("uploads"))) {
            assertThat(left).as("nothing left in the spool").isEmpty();
        }
    }

    @Test
    void aPanoramaTheMediaStoreCannotTakeIsDroppedAndWhatItTookDeleted() throws Exception {
        List<MediaRef> discarded = new ArrayList<>();
        AtomicInteger kept = new AtomicInteger();
        IpCamDesk failing = desk(new MediaStore() {
            @Override
            public MediaRef keep(Path received, MediaKind kind, String extension, String deviceName) {
                if (kept.incrementAndGet() == 2) {
                    throw new MediaException("disk full");
                }
                return media.keep(received, kind, extension, deviceName);
            }

            @Override
            public void discard(MediaRef ref) {
                discarded.add(ref);
                media.discard(ref);
            }

            @Override
            public Optional<String> url(String key) {
                return media.url(key);
            }
        });
        int before = pushed().size();
        List<byte[]> pictures = List.of(jpeg(1), jpeg(2));

        failing.accept(DEVICE, picture(1, pictures));
        failing.accept(DEVICE, picture(2, pictures));
        platform.settle();

        assertThat(pushed()).hasSize(before);
        assertThat(discarded).hasSize(1);
        assertThat(media.file(discarded.get(0).key().orElseThrow())).isEmpty();
        assertThat(count("alarmhub.hemu.panoramas", "result", "failed")).isEqualTo(1);
    }

    @Test
    void aPictureOverTheLimitIsRefusedAndCounted() {
        byte[] big = new byte[PanoramaLimits.DEFAULT.maxPictureBytes() + 1];
        desk.accept(DEVICE, new IpCamMessage.PanoramaPicture(Optional.empty(), 1, 2, big));
        assertThat(count("alarmhub.hemu.panorama.pictures.refused", "reason", "too_large")).isEqualTo(1);
    }

    private IpCamMessage.PanoramaPicture picture(int sequence, List<byte[]> pictures) {
        return new IpCamMessage.PanoramaPicture(Optional.of("app-7"), sequence, pictures.size(),
                pictures.get(sequence - 1));
    }

    /** Enough of a JPEG for its extension: the start-of-image marker, then bytes of its own. */
    private static byte[] jpeg(int n) {
        byte[] picture = new byte[64 + n];
        picture[0] = (byte) 0xFF;
        picture[1] = (byte) 0xD8;
        for (int i = 2; i < picture.length; i++) {
            picture[i] = (byte) (n * 31 + i);
        }
        return picture;
    }

    private static IpCamMessage.Statistics statistics(String json) throws Exception {
        return new IpCamMessage.Statistics((ObjectNode) NetworkJson.standard().reader().readTree(json));
    }

    private double count(String name, String... tags) {
        return meters.get(name).tag("vendor", "hemu").tags(tags).counter().count();
    }

    private List<JsonNode> pushed() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (Message m : platform.pending("alice")) {
            events.add(JSON.readTree(m.payload()));
        }
        return events;
    }

    private StoreOp.PeopleCountPage counts(Instant from, Instant to) {
        CompletableFuture<StoreOp.PeopleCountPage> page = new CompletableFuture<>();
        platform.store.submit(new StoreOp.LoadPeopleCounts(CAMERA, from, to, 100, page));
        return page.join();
    }

    private StoreOp.DayReportPage days() {
        CompletableFuture<StoreOp.DayReportPage> page = new CompletableFuture<>();
        platform.store.submit(new StoreOp.LoadDayReports(CAMERA, LocalDate.of(2017, 1, 1), LocalDate.of(2017, 12, 31),
                100, page));
        return page.join();
    }
}
