package io.alarmhub.gateway.device.hemu.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.core.message.Message;
import io.alarmhub.gateway.device.hemu.FirmwareSettings;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.device.hemu.platform.Registration;
import io.alarmhub.store.media.DirectoryMediaStore;
import io.alarmhub.store.media.MediaSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.ACME;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.KEY;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.MODEL;

/**
 * The firmware part as the adapter wires it, over the platform on a real event desk and SQLite store
 * ({@link HemuOnSqlite}), a real directory media store, and cameras' connections the test sets
 * ({@link RecordingLink}), on a clock the test moves.
 */
final class FirmwareOnSqlite implements AutoCloseable {

    static final String BASE = "http://127.0.0.1:9910";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final FirmwareSettings settings;
    final HemuOnSqlite platform;
    final DirectoryMediaStore media;
    final RecordingLink link = new RecordingLink();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final HemuMetrics metrics = new HemuMetrics(registry);
    final ExecutorService io = Executors.newFixedThreadPool(2);
    Firmware firmware;

    private FirmwareOnSqlite(Path dir, Instant now, FirmwareSettings settings) {
        this.dir = dir;
        this.settings = settings;
        this.platform = HemuOnSqlite.open(dir, now, 100);
        this.media = DirectoryMediaStore.open(MediaSettings.defaults(dir.resolve("media"), BASE),
                new MediaSigner(new byte[MediaSigner.SECRET_BYTES]), platform.clock);
        wire();
    }

    static FirmwareOnSqlite open(Path dir, Instant now, FirmwareSettings settings) {
        return new FirmwareOnSqlite(dir, now, settings);
    }

    private void wire() {
        firmware = Firmware.load(settings, platform.store, Optional.of(media), dir.resolve("incoming"),
                platform.directory, Manufacturers.of(ACME), link, platform.desk, metrics, platform.clock, io).join();
        platform.cameras.onVersions(firmware::versionReported);
        platform.directory.onRemoved(firmware::unbound);
    }

    /** As a restart: the store closed and opened again, the platform and the firmware part loaded from it anew. */
    void reopen() {
        platform.reopen();
        wire();
    }

    /** Registers a camera of {@link HemuOnSqlite#MODEL} for the alias; its deviceToken. */
    String register(String deviceId, String mac, String alias, String mobile) {
        String userToken = platform.accounts.grant(alias, mobile).join().userToken();
        return platform.cameras.register(ACME, new Registration(KEY, deviceId, mac, MODEL, mobile, userToken,
                "3RD-X01", 17, Optional.of("0"), Optional.empty())).join().deviceToken();
    }

    /** The camera reports its versions through the OpenAPI. */
    void reportVersions(String deviceId, String deviceToken, String firmwareVersion, String appVersion) {
        platform.cameras.versions(KEY, deviceId, deviceToken, firmwareVersion, appVersion).join();
    }

    /** A package of these bytes, uploaded in pieces of at most {@code pieceBytes}. */
    FirmwarePackage upload(byte[] bytes, int serviceType, String version, int pieceBytes) {
        PackageDraft draft = new PackageDraft(serviceType, version, List.of(MODEL), "fw.bin", Optional.empty());
        String upload = firmware.packages().begin(draft, bytes.length).join().upload();
        PackageShelf.Appended appended = null;
        for (int at = 0; at < bytes.length; at += pieceBytes) {
            appended = firmware.packages().append(upload, at,
                    Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + pieceBytes))).join();
        }
        return ((PackageShelf.Appended.Complete) appended).registered();
    }

    /** The status events the alias was pushed about firmware, their values, oldest first. */
    List<JsonNode> firmwareEvents(String alias) {
        List<JsonNode> values = new ArrayList<>();
        for (Message m : platform.pending(alias)) {
            JsonNode event = read(m.payload());
            if (event.path("event").asText().equals("status") && event.path("values").has("firmware")) {
                values.add(event.path("values"));
            }
        }
        return values;
    }

    double counted(String outcome) {
        return registry.get(HemuMetrics.FIRMWARE_UPDATES).tag("outcome", outcome).counter().count();
    }

    double unmatched() {
        return registry.get(HemuMetrics.FIRMWARE_UNMATCHED).counter().count();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
        platform.close();
    }
}
