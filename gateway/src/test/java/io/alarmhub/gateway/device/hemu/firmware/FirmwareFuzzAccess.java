package io.alarmhub.gateway.device.hemu.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.device.hemu.FirmwareSettings;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Opens the firmware part's package-private pieces to the fuzz tests ({@code io.alarmhub.gateway.fuzz}): the
 * operators' body readers, and a platform ({@link FirmwareOnSqlite}) on which a camera's rollout is driven by
 * progress reports, version reports and the clock.
 */
public final class FirmwareFuzzAccess {

    public static final String NEW_VERSION = "1.0.0.526";
    public static final String OLD_VERSION = "1.2.300";
    public static final FirmwareSettings SETTINGS = new FirmwareSettings(1_000_000, Duration.ofHours(2),
            Duration.ofHours(1));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Manufacturers MAKERS = Manufacturers.of(HemuOnSqlite.ACME);

    private FirmwareFuzzAccess() {
    }

    /** A package request read from an operator's body, as a string for the test's checks; or a refusal. */
    public static PackageRequestView packageRequest(String body) {
        FirmwareRequests.PackageRequest read = FirmwareRequests.packageRequest(FirmwareRequests.body(body), MAKERS,
                SETTINGS.maxPackageBytes());
        PackageDraft d = read.draft();
        return new PackageRequestView(d.serviceType(), d.version(), d.models(), d.name(), d.checkSum(),
                read.source() instanceof FirmwareRequests.Source.FromUrl url ? Optional.of(url.url().toString())
                        : Optional.empty(),
                read.source() instanceof FirmwareRequests.Source.Upload upload ? upload.size() : 0);
    }

    /** What a package request says. */
    public record PackageRequestView(int serviceType, String version, List<String> models, String name,
                                     Optional<String> checkSum, Optional<String> url, long size) {
    }

    /** A rollout request read from an operator's body: its package and selection (as JSON); or a refusal. */
    public static JsonNode rolloutRequest(String body) {
        FirmwareRequests.RolloutRequest read = FirmwareRequests.rolloutRequest(FirmwareRequests.body(body));
        return read.selection().json().put("package", read.packageId());
    }

    /** Whether a model id is one the test's manufacturer makes. */
    public static boolean made(String model) {
        return MAKERS.anyMakes(model);
    }

    public static Platform open(Path dir, Instant now) {
        return new Platform(FirmwareOnSqlite.open(dir, now, SETTINGS));
    }

    /** A platform with one package; each {@link #begin} registers a new camera and starts a rollout to it. */
    public static final class Platform implements AutoCloseable {

        private final FirmwareOnSqlite f;
        private final FirmwarePackage p;
        private int cameras;
        private String deviceId;
        private String alias;
        private String token;
        private Rollout rollout;

        private Platform(FirmwareOnSqlite f) {
            this.f = f;
            this.p = f.upload(new byte[] {1, 2, 3, 4, 5}, 1, NEW_VERSION, 5);
        }

        /** A new connected camera of the old version, and a rollout to it: the session of the command it got. */
        public long begin() throws IOException {
            cameras++;
            deviceId = Long.toString(110_000_000_000_000L + cameras);
            alias = "fuzz" + cameras;
            token = f.register(deviceId, String.format("%012x", cameras), alias, "13888888888");
            f.reportVersions(deviceId, token, OLD_VERSION, "2.15.200");
            f.link.connected.add(deviceId);
            int sent = f.link.sent.size();
            rollout = f.firmware.rollouts().start(p.id(), new Selection.Devices(List.of(deviceId))).join();
            f.platform.settle();
            if (f.link.sent.size() != sent + 1) {
                throw new IllegalStateException("the command was not sent");
            }
            return JSON.readTree(f.link.sent.get(sent).command().msg()).path("msgSession").asLong();
        }

        /** A progress report of the camera; completes once it is handled. */
        public CompletableFuture<Void> progress(long session, int status, long current, long total, String comment) {
            return f.firmware.progress(deviceId, new IpCamMessage.FirmwareProgress(session, status, current, total,
                    NEW_VERSION, "2.15.200", comment));
        }

        /** A progress report of a camera that has no update. */
        public CompletableFuture<Void> strangerProgress(long session, int status) {
            return f.firmware.progress("110234567890000", new IpCamMessage.FirmwareProgress(session, status, 0, 0,
                    "", "", ""));
        }

        /** The camera reports its firmware version through the OpenAPI; waits until the firmware part has heard. */
        public void reportVersion(String firmwareVersion) {
            f.reportVersions(deviceId, token, firmwareVersion, "2.15.200");
            f.firmware.versionReported(deviceId).join();
        }

        public String firmwareVersion() {
            return f.platform.directory.camera(deviceId).orElseThrow().firmwareVersion();
        }

        /** Moves the clock, then times out what is past its deadline. */
        public void advance(Duration by) {
            f.platform.clock.advance(by);
            f.firmware.sweep().join();
        }

        public Instant now() {
            return f.platform.clock.instant();
        }

        /** The camera's update as stored: its JSON (state, status, sizes, comment, deadline, …). */
        public JsonNode update() {
            for (JsonNode device : f.firmware.rollouts().view(rollout, true).path("devices")) {
                return device;
            }
            throw new IllegalStateException("the rollout has no camera");
        }

        /** The firmware events the camera's owner was pushed, their values, oldest first. */
        public List<JsonNode> events() {
            return f.firmwareEvents(alias);
        }

        public String rolloutId() {
            return rollout.id();
        }

        @Override
        public void close() {
            f.close();
        }
    }
}
