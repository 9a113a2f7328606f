package io.alarmhub.video.hub;

import io.alarmhub.video.AudioCodec;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.audio.CameraAudio;
import io.alarmhub.video.audio.FlacStreamInfo;
import io.alarmhub.video.ingest.CameraIngest;
import io.alarmhub.video.live.Audience;
import io.alarmhub.video.live.LiveFeed;
import io.alarmhub.video.mp4.FlacTrack;
import io.alarmhub.video.record.CameraRecorder;
import io.alarmhub.video.record.Recorder;
import io.alarmhub.video.record.RecorderQueue;
import io.alarmhub.video.record.RecordingCatalog;
import io.alarmhub.video.record.RecordingMode;
import io.alarmhub.video.record.SdCardRecorder;
import io.alarmhub.video.ring.CameraRing;
import io.alarmhub.video.ring.RingBudget;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The video of the cameras connected to this node. One live {@link CameraSession} per camera, and one of its SD
 * card's upload beside it (keyed apart: an upload never replaces the live session, and no viewer sees it); a new
 * connection of the same camera and channel replaces the old one's. Recording runs on {@link #RECORDER_THREADS}
 * threads of its own, each camera always on the same one, so that its files are written in order and never on a
 * connection's thread.
 */
public final class VideoHub implements AutoCloseable {

    /** Disk writes are sequential appends; two threads keep one slow file from holding up every camera. */
    static final int RECORDER_THREADS = 2;
    /** Tasks waiting per recorder thread; each camera's queue is bounded in bytes before this. */
    static final int RECORDER_BACKLOG = 100_000;

    private final VideoSettings settings;
    private final RecordingCatalog catalog;
    private final Clock clock;
    private final RingBudget budget;
    private final ExecutorService[] recorders = new ExecutorService[RECORDER_THREADS];
    private final ConcurrentHashMap<String, CameraSession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CameraSession> uploads = new ConcurrentHashMap<>();

    public VideoHub(VideoSettings settings, RecordingCatalog catalog, Clock clock) {
        this.settings = settings;
        this.catalog = catalog;
        this.clock = clock;
        this.budget = new RingBudget(settings.ringBudget());
        for (int i = 0; i < RECORDER_THREADS; i++) {
            int n = i;
            recorders[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(RECORDER_BACKLOG), runnable -> {
                        Thread thread = new Thread(runnable, "video-recorder-" + n);
                        thread.setDaemon(true);
                        return thread;
                    });
        }
    }

    /**
     * A camera connected and will send media.
     *
     * @param audience told when its first viewer comes and its last one leaves (a camera that uploads only on
     *                 demand is asked to start and stop)
     */
    public CameraSession open(String deviceId, VideoCodec video, AudioCodec audio, RecordingMode mode,
                              Audience audience) {
        CameraRing ring = new CameraRing(settings.retain(), settings.maxRingBytes(), budget);
        CameraRecorder recorder = new CameraRecorder(deviceId, mode, flac(), ring, settings.recorder(), catalog);
        return start(sessions, deviceId, video, audio, ring, new LiveFeed(ring, settings.maxViewers(), audience),
                recorder);
    }

    /**
     * A camera connected on its SD card's channel ({@code channel_id} 1) to upload what it cached while cut off:
     * recorded as {@link io.alarmhub.video.record.RecordingKind#SD_CARD} files at the camera's own times when
     * {@code mode} records anything. Its ring keeps nothing and its feed is nobody's: the upload is not live.
     */
    public CameraSession openSdCard(String deviceId, VideoCodec video, AudioCodec audio, RecordingMode mode) {
        CameraRing nothing = new CameraRing(Duration.ZERO, 1, new RingBudget(1));
        SdCardRecorder recorder = new SdCardRecorder(deviceId, mode, flac(), settings.recorder(), catalog);
        return start(uploads, deviceId, video, audio, nothing, new LiveFeed(nothing, 1, Audience.NONE), recorder);
    }

    private CameraSession start(ConcurrentHashMap<String, CameraSession> into, String deviceId, VideoCodec video,
                                AudioCodec audio, CameraRing ring, LiveFeed feed, Recorder recorder) {
        RecorderQueue queue = new RecorderQueue(recorder, recorders[Math.floorMod(deviceId.hashCode(),
                RECORDER_THREADS)], settings.recorder().maxQueuedBytes());
        CameraIngest ingest = new CameraIngest(video, audio, settings.g726(), feed, queue, clock);
        CameraSession[] made = new CameraSession[1];
        made[0] = new CameraSession(deviceId, ingest, ring, queue, () -> into.remove(deviceId, made[0]));
        CameraSession previous = into.put(deviceId, made[0]);
        if (previous != null) {
            previous.close();
        }
        return made[0];
    }

    private static Optional<FlacTrack> flac() {
        return Optional.of(FlacTrack.of(FlacStreamInfo.of(CameraAudio.SAMPLE_RATE).streamInfo()));
    }

    /** The session of a connected camera. */
    public Optional<CameraSession> session(String deviceId) {
        return Optional.ofNullable(sessions.get(deviceId));
    }

    /** The session of a camera's SD card upload, while it goes on. */
    public Optional<CameraSession> sdCard(String deviceId) {
        return Optional.ofNullable(uploads.get(deviceId));
    }

    /** The live feed of a connected camera. */
    public Optional<LiveFeed> feed(String deviceId) {
        return session(deviceId).map(CameraSession::feed);
    }

    /** Cameras connected live. */
    public int cameras() {
        return sessions.size();
    }

    /** Bytes all rings hold. */
    public long ringBytes() {
        return budget.used();
    }

    /** Closes every session and waits a moment for the recorders to close their files. */
    @Override
    public void close() {
        sessions.values().forEach(CameraSession::close);
        uploads.values().forEach(CameraSession::close);
        for (ExecutorService recorder : recorders) {
            recorder.shutdown();
        }
        try {
            for (ExecutorService recorder : recorders) {
                recorder.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
