package io.alarmhub.gateway.device.hemu.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.log.RateLimitedLog;
import io.alarmhub.core.media.MediaException;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.alarmhub.core.media.MediaStore;
import io.alarmhub.gateway.device.hemu.ReportMeters;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The panoramas cameras send (5.2.11.7), collected by a {@link PanoramaAssembler}: once a set is whole, its
 * pictures are kept in the media store and one {@code status} event goes to the camera's owners, with
 * {@code values} {@code {"panorama":"3","picture_1":"<url>",…,"picture_3":"<url>","app":"<dst_device_id>"}}
 * (signed URLs, in sequence order; {@code app} when the camera named the app that asked). If the media store or
 * the event store fails, the pictures kept are deleted again and the set is lost: the protocol has no answer
 * to ask for it again, the app asks for a new panorama.
 */
public final class Panoramas {

    private static final Logger log = LoggerFactory.getLogger(Panoramas.class);
    private static final String SPOOLED = ".part";

    private final PanoramaAssembler assembler;
    private final MediaStore media;
    private final DeviceEvents events;
    private final Executor blocking;
    private final Path spool;
    private final ReportMeters meters;
    private final Clock clock;
    private final RateLimitedLog refusals = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);
    private final RateLimitedLog failures = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);

    /**
     * @param blocking runs the media store's calls, never an event loop's thread
     * @param spool    where pictures are written before the media store takes them; created, and emptied of
     *                 what an earlier run left
     */
    public Panoramas(PanoramaLimits limits, MediaStore media, DeviceEvents events, Executor blocking, Path spool,
                     ReportMeters meters, Clock clock) throws IOException {
        this.assembler = new PanoramaAssembler(limits, meters::panorama);
        this.media = media;
        this.events = events;
        this.blocking = blocking;
        this.spool = Files.createDirectories(spool);
        this.meters = meters;
        this.clock = clock;
        try (var left = Files.newDirectoryStream(spool, "*" + SPOOLED)) {
            for (Path file : left) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** One picture of a camera's; does not block. */
    public void accept(String deviceId, IpCamMessage.PanoramaPicture picture) {
        PanoramaAssembler.Outcome outcome = assembler.offer(deviceId, picture, clock.instant());
        if (outcome instanceof PanoramaAssembler.Refused refused) {
            meters.pictureRefused(refused.reason());
            refusals.warn("hemu: a panorama picture of camera " + deviceId + " was refused: " + refused.why());
        } else if (outcome instanceof PanoramaAssembler.Complete complete) {
            try {
                blocking.execute(() -> push(complete.panorama()));
            } catch (RejectedExecutionException e) {
                meters.panorama("failed");
                failures.warn("hemu: the panorama of camera " + deviceId + " was dropped: too many are being stored");
            }
        }
    }

    /** Drops the sets that timed out; for a periodic sweep, so that a set that stops short does not stay. */
    public void expire() {
        assembler.expire(clock.instant());
    }

    /** Keeps the pictures and sends the event. Blocks on the disk: runs on {@code blocking}. */
    private void push(PanoramaAssembler.Panorama panorama) {
        List<MediaRef> kept = new ArrayList<>();
        try {
            for (int i = 0; i < panorama.pictures().size(); i++) {
                byte[] picture = panorama.pictures().get(i);
                String extension = extension(picture);
                Path file = Files.createTempFile(spool, "panorama-", SPOOLED);
                try {
                    Files.write(file, picture);
                    kept.add(media.keep(file, MediaKind.PICTURE, extension,
                            "panorama-" + (i + 1) + "." + extension));
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | MediaException e) {
            kept.forEach(media::discard);
            meters.panorama("failed");
            failures.warn("hemu: the panorama of camera " + panorama.deviceId() + " was not kept: " + e.getMessage());
            return;
        }
        events.accept(event(panorama, kept)).whenComplete((stored, failure) -> {
            if (failure == null) {
                meters.panorama("pushed");
                return;
            }
            meters.panorama("failed");
            failures.warn("hemu: the panorama of camera " + panorama.deviceId() + " was not stored: "
                    + failure.getMessage());
            try {
                blocking.execute(() -> kept.forEach(media::discard));
            } catch (RejectedExecutionException stopping) {
                log.debug("hemu: stopping; the pictures of a panorama not stored stay until the media sweep");
            }
        });
    }

    private DeviceEvent.Status event(PanoramaAssembler.Panorama panorama, List<MediaRef> pictures) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("panorama", Integer.toString(pictures.size()));
        for (int i = 0; i < pictures.size(); i++) {
            values.put("picture_" + (i + 1), pictures.get(i).url());
        }
        panorama.app().ifPresent(app -> values.put("app", app));
        ObjectNode raw = JsonNodeFactory.instance.objectNode().put("message", "DevIpCamCmd").put("type", 4)
                .put("cmdtype", IpCamMessage.PANORAMA).put("count", pictures.size())
                .put("started", panorama.started().toString());
        panorama.app().ifPresent(app -> raw.put("dst_device_id", app));
        ArrayNode sizes = raw.putArray("sizes");
        panorama.pictures().forEach(p -> sizes.add(p.length));
        return new DeviceEvent.Status(events.nextId(), new DeviceId(CameraReports.VENDOR, panorama.deviceId()),
                clock.instant(), values, raw.toString());
    }

    /** {@code png} for a PNG, else {@code jpg}: the document's pictures are thumbnails, JPEG as a rule. */
    static String extension(byte[] picture) {
        return picture.length >= 4 && (picture[0] & 0xff) == 0x89 && picture[1] == 'P' && picture[2] == 'N'
                && picture[3] == 'G' ? "png" : "jpg";
    }
}
