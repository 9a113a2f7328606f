package io.alarmhub.gateway.device.hemu;

import io.alarmhub.video.hub.VideoHub;
import io.micrometer.core.instrument.Counter;
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
 * </ul>
 */
public final class VideoMeters {

    public static final String PACKAGES = "alarmhub.hemu.media.packages";
    public static final String LOST = "alarmhub.hemu.media.lost";
    public static final String RECORDER_DROPPED = "alarmhub.hemu.recorder.dropped";
    public static final String CAMERAS = "alarmhub.hemu.video.cameras";
    public static final String RING_BYTES = "alarmhub.hemu.video.ring.bytes";
    public static final String LIVE_REQUESTS = "alarmhub.hemu.live.requests";
    /** Every name above, for {@code meterNames}. */
    public static final List<String> NAMES = List.of(PACKAGES, LOST, RECORDER_DROPPED, CAMERAS, RING_BYTES,
            LIVE_REQUESTS);

    private final Map<String, Counter> packages;
    private final Counter lost;
    private final Counter recorderDropped;
    private final Map<Integer, Counter> liveRequests;

    public VideoMeters(MeterRegistry registry, VideoHub hub) {
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
}
