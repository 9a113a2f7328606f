package io.alarmhub.gateway.device.hemu.reports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.log.RateLimitedLog;
import io.alarmhub.core.store.DayReport;
import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.gateway.device.hemu.HemuAdapter;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.platform.IpCamInbox;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What cameras report of themselves in {@code DevIpCamCmd}: daily statistics (5.2.12), kept per camera and UTC
 * day and added to the metrics' summary; a change of resolution (5.2.11.3), a {@code status} event to the
 * owners with {@code values} {@code {"resolution":"1280x720","width":"1280","height":"720"}}; and panorama
 * pictures (5.2.11.7), handed to {@link Panoramas}. The protocol answers none of them; what is refused or not
 * stored is counted, and logged at most once a minute.
 */
public final class CameraReports implements IpCamInbox {

    static final String VENDOR = HemuAdapter.VENDOR;

    private static final Logger log = LoggerFactory.getLogger(CameraReports.class);
    /** {@code 1280x720}, also with {@code X} or {@code *}, or spaces around the sign. */
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,5})\\s*[xX*]\\s*([0-9]{1,5})");

    private final PushStore store;
    private final DeviceEvents events;
    private final Panoramas panoramas;
    private final HemuMetrics metrics;
    private final Clock clock;
    private final RateLimitedLog refusals = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);
    private final RateLimitedLog failures = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);

    public CameraReports(PushStore store, DeviceEvents events, Panoramas panoramas, HemuMetrics metrics, Clock clock) {
        this.store = store;
        this.events = events;
        this.panoramas = panoramas;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void accept(String deviceId, IpCamMessage message) {
        if (message instanceof IpCamMessage.Statistics statistics) {
            statistics(deviceId, statistics);
        } else if (message instanceof IpCamMessage.Resolution resolution) {
            resolution(deviceId, resolution.resolution());
        } else if (message instanceof IpCamMessage.PanoramaPicture picture) {
            panoramas.accept(deviceId, picture);
        } else {
            throw new IllegalArgumentException("not a camera report: " + message.getClass().getSimpleName());
        }
    }

    /**
     * Checks the statistics and keeps them under their day, replacing those of the same day; a new day is
     * added to the metrics' summary once it is stored (a day sent again is not added twice).
     */
    private void statistics(String deviceId, IpCamMessage.Statistics message) {
        DailyStatistics statistics;
        try {
            statistics = DailyStatistics.read(message.statistics(), clock.instant());
        } catch (DailyStatistics.Invalid e) {
            metrics.reports().statistics("refused");
            refusals.warn("hemu: the daily statistics of camera " + deviceId + " were refused: " + e.getMessage());
            return;
        }
        CompletableFuture<Boolean> stored = new CompletableFuture<>();
        stored.whenComplete((added, failure) -> {
            if (failure != null) {
                metrics.reports().statistics("failed");
                failures.warn("hemu: the daily statistics of camera " + deviceId + " were not stored: "
                        + failure.getMessage());
            } else if (added) {
                metrics.reports().statistics("stored");
                metrics.reports().summarize(statistics.counters());
            } else {
                metrics.reports().statistics("replaced");
            }
        });
        store.submitOrFail(new StoreOp.PutDayReport(new DayReport(new DeviceId(VENDOR, deviceId), statistics.day(),
                statistics.json().toString(), clock.instant()), stored));
    }

    private void resolution(String deviceId, String text) {
        String resolution = text.strip();
        if (resolution.isEmpty() || resolution.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            metrics.badInput("ipcam_unreadable");
            refusals.warn("hemu: camera " + deviceId + " sent a resolution that is not text (5.2.11.3)");
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("resolution", resolution);
        Matcher size = SIZE.matcher(resolution);
        if (size.matches()) {
            values.put("resolution", size.group(1) + "x" + size.group(2));
            values.put("width", size.group(1));
            values.put("height", size.group(2));
        }
        String raw = JsonNodeFactory.instance.objectNode().put("message", "DevIpCamCmd").put("type", 3)
                .put("msg", text).toString();
        events.accept(new DeviceEvent.Status(events.nextId(), new DeviceId(VENDOR, deviceId), clock.instant(), values,
                raw)).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        failures.warn("hemu: the resolution change of camera " + deviceId + " was not stored: "
                                + failure.getMessage());
                    }
                });
    }
}
