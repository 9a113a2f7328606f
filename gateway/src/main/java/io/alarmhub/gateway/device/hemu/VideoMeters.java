package io.alarmhub.gateway.device.hemu;

import io.alarmhub.gateway.device.hemu.recordings.RecordingRetention;
import io.alarmhub.video.hub.VideoHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The meters of cameras' video (tagged {@code vendor=hemu}), every series created up front:
 * <ul>
 *   <li>{@value #PACKAGES}, {@code kind}: {@code TDMediaPackage}s read ({@code video}, {@code audio},
 *       {@code sets}, {@code thumbnail}), and {@code unreadable} ones (counted, dropped, the connection kept)</li>
 *   <li>{@value #LOST}: packages lost on the way, by their {@code seq_num}</li>
 *   <li>{@value #RECORDER_DROPPED}: frames dropped because recording fell behind the disk</li>
 *   <li>{@value #CAMERAS} and {@value #RING_BYTES}: cameras sending video, and the bytes their rings hold</li>
 *   <li>{@value #LIVE_REQUESTS}, {@code type}: {@code DevAppCmd} 8 (start) and 9 (stop) sent to cameras that
 *       upload only while watched</li>
 *   <li>{@value #THUMBNAILS}, {@code outcome}: thumbnails {@code kept} in the media store, or not: {@code stale}
 *       (older than the camera's latest), {@code too_large}, {@code not_jpeg}, {@code dropped} (the writer was
 *       full), {@code failed} (the media store refused it)</li>
 *   <li>{@value #RECORDINGS_DELETED}, {@code reason}: recordings deleted, file and index entry, because their plan's
 *       days ran out ({@code expired}), for room ({@code disk}), their camera was unbound ({@code unbound}), or it
 *       was unbound while they were being written ({@code orphaned})</li>
 *   <li>{@value #RECORDINGS_RECOVERED}, {@code outcome}: recordings a crash left incomplete, {@code finished} at
 *       start from their file, or {@code forgotten} when it was gone</li>
 *   <li>{@value #RECORDING_BYTES}: what the recordings directory holds, as counted</li>
 * </ul>
 */
public final class VideoMeters {

    public static final String PACKAGES = "alarmhub.hemu.media.packages";
    public static final String LOST = "alarmhub.hemu.media.lost";
    public static final String RECORDER_DROPPED = "alarmhub.hemu.recorder.dropped";
    public static final String CAMERAS = "alarmhub.hemu.video.cameras";
    public static final String RING_BYTES = "alarmhub.hemu.video.ring.bytes";
    public static final String LIVE_REQUESTS = "alarmhub.hemu.live.requests";
    public static final String THUMBNAILS = "alarmhub.hemu.thumbnails";
    public static final String RECORDINGS_DELETED = "alarmhub.hemu.recordings.deleted";
    public static final String RECORDINGS_RECOVERED = "alarmhub.hemu.recordings.recovered";
    public static final String RECORDING_BYTES = "alarmhub.hemu.recordings.bytes";
    /** Every name above, for {@code meterNames}. */
    public static final List<String> NAMES = List.of(PACKAGES, LOST, RECORDER_DROPPED, CAMERAS, RING_BYTES,
            LIVE_REQUESTS, THUMBNAILS, RECORDINGS_DELETED, RECORDINGS_RECOVERED, RECORDING_BYTES);

    private final Map<String, Counter> packages;
    private final Counter lost;
    private final Counter recorderDropped;
    private final Map<Integer, Counter> liveRequests;
    private final Map<String, Counter> thumbnails;

    /** @param retention what deletes recordings, and counts them and the recordings' bytes */
    public VideoMeters(MeterRegistry registry, VideoHub hub, RecordingRetention retention) {
        packages = List.of("video", "audio", "sets", "thumbnail", "unreadable").stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), kind -> Counter.builder(PACKAGES)
                        .description("Hemu cameras' media packages, by kind; unreadable ones are dropped")
                        .tag("vendor", HemuAdapter.VENDOR).tag("kind", kind).register(registry)));
        lost = Counter.builder(LOST).description("Hemu media packages lost on the way, by their seq_num")
                .tag("vendor", HemuAdapter.VENDOR).register(registry);
        recorderDropped = Counter.builder(RECORDER_DROPPED)
                .description("Hemu video frames not recorded because recording fell behind the disk")
                .tag("vendor", HemuAdapter.VENDOR).register(registry);
        liveRequests = List.of(8, 9).stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                type -> Counter.builder(LIVE_REQUESTS)
                        .description("DevAppCmd sent to Hemu cameras that upload only while watched: 8 start, 9 stop")
                        .tag("vendor", HemuAdapter.VENDOR).tag("type", Integer.toString(type)).register(registry)));
        Gauge.builder(CAMERAS, hub, VideoHub::cameras).description("Hemu cameras connected for video")
                .tag("vendor", HemuAdapter.VENDOR).register(registry);
        Gauge.builder(RING_BYTES, hub, VideoHub::ringBytes).description("bytes the cameras' video rings hold")
                .tag("vendor", HemuAdapter.VENDOR).baseUnit("bytes").register(registry);
        thumbnails = counters(registry, THUMBNAILS, "outcome", "Hemu cameras' thumbnails, kept or not",
                "kept", "stale", "too_large", "not_jpeg", "dropped", "failed");
        for (String reason : List.of("expired", "disk", "unbound", "orphaned")) {
            FunctionCounter.builder(RECORDINGS_DELETED, retention, r -> r.count(reason))
                    .description("Hemu recordings deleted, file and index entry").tag("vendor", HemuAdapter.VENDOR)
                    .tag("reason", reason).register(registry);
        }
        for (String outcome : List.of("finished", "forgotten")) {
            FunctionCounter.builder(RECORDINGS_RECOVERED, retention, r -> r.count(outcome))
                    .description("Hemu recordings a crash left incomplete, finished at start or forgotten")
                    .tag("vendor", HemuAdapter.VENDOR).tag("outcome", outcome).register(registry);
        }
        Gauge.builder(RECORDING_BYTES, retention, RecordingRetention::bytes)
                .description("bytes the Hemu recordings directory holds, as counted")
                .tag("vendor", HemuAdapter.VENDOR).baseUnit("bytes").register(registry);
    }

    private static Map<String, Counter> counters(MeterRegistry registry, String name, String tag, String description,
                                                 String... values) {
        return List.of(values).stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                value -> Counter.builder(name).description(description).tag("vendor", HemuAdapter.VENDOR)
                        .tag(tag, value).register(registry)));
    }

    /** A package read: {@code video}, {@code audio}, {@code sets}, {@code thumbnail} or {@code unreadable}. */
    public void media(String kind) {
        packages.get(kind).increment();
    }

    public void lost(long packages) {
        if (packages > 0) {
            lost.increment(packages);
        }
    }

    public void recorderDropped(long frames) {
        if (frames > 0) {
            recorderDropped.increment(frames);
        }
    }

    public void liveRequest(int type) {
        liveRequests.get(type).increment();
    }

    /** A thumbnail's outcome: {@code kept}, {@code stale}, {@code too_large}, {@code not_jpeg}, {@code dropped}… */
    public void thumbnail(String outcome) {
        thumbnails.get(outcome).increment();
    }
}
