package io.alarmhub.video.record;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.codec.ParameterSets;
import io.alarmhub.video.mp4.FlacTrack;
import io.alarmhub.video.ring.CameraRing;
import io.alarmhub.video.ring.Gop;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Records one camera by its plan: continuous segments, and clips around alarms. Runs on the recorder thread only
 * (see {@link RecorderQueue}); times are the camera's timeline, in milliseconds.
 *
 * <p>A clip opens at an alarm's start (or, on the event plan, at the first frame the camera uploads for an event,
 * {@code control_flag} 1) with the ring's video from the last keyframe at least {@code preRecord} before: on the
 * event plan that is the video uploaded for viewers ({@code control_flag} 2), which 5.2.3 asks to keep as the
 * event's pre-record. It closes at the first frame past {@code postRecord} after its last alarm ended; an alarm
 * that starts before then joins it, so overlapping alarms share one clip.
 */
public final class CameraRecorder implements Recorder {

    /** On the event plan, an event upload that stops for this long ends its clip (once its alarms have ended). */
    static final long EVENT_UPLOAD_LINGER_MILLIS = 2_000;
    /** A clip longer than this is closed and the next one goes on: an alarm that never ends stays bounded. */
    static final long MAX_CLIP_MILLIS = 30 * 60 * 1000;

    private final CameraRing ring;
    private final RecorderSettings settings;
    private final RecordingFiles files;
    private RecordingMode mode;
    private ParameterSets sets;
    private OpenFile segment;
    private OpenFile clip;
    private final Set<String> openAlarms = new LinkedHashSet<>();
    private final Set<String> clipAlarms = new LinkedHashSet<>();
    private long clipEndsAt = Long.MIN_VALUE;
    /** An alarm ended since the last frame: the next frame's time is its end, which the post-record counts from. */
    private boolean endPending;
    private long lastTime = -1;
    private long lastServerTime;
    private long lastCameraTime;

    public CameraRecorder(String deviceId, RecordingMode mode, Optional<FlacTrack> audio, CameraRing ring,
                          RecorderSettings settings, RecordingCatalog catalog) {
        this.mode = mode;
        this.ring = ring;
        this.settings = settings;
        this.files = new RecordingFiles(deviceId, settings, catalog, audio);
    }

    @Override
    public void parameterSets(ParameterSets sets) {
        this.sets = sets;
    }

    @Override
    public void mode(RecordingMode next) {
        if (next == mode) {
            return;
        }
        mode = next;
        if (mode != RecordingMode.CONTINUOUS) {
            segment = finish(segment);
        }
        if (mode == RecordingMode.OFF) {
            clip = finish(clip);
            clipAlarms.clear();
        }
    }

    @Override
    public void frame(MediaFrame frame, long serverTime, long cameraTime, int controlFlag) {
        long camera = cameraTime >= 0 ? cameraTime : serverTime;
        boolean key = frame instanceof VideoFrame video && video.keyframe();
        if (endPending) {
            endPending = false;
            clipEndsAt = Math.max(clipEndsAt, frame.time() + settings.postRecord().toMillis());
        }
        if (mode == RecordingMode.EVENTS && controlFlag == 1) {
            clipEndsAt = Math.max(clipEndsAt, frame.time() + EVENT_UPLOAD_LINGER_MILLIS);
        }
        boolean wanted = !clipAlarms.isEmpty() || (mode == RecordingMode.EVENTS && controlFlag == 1);
        if (clip == null && key && wanted && mode != RecordingMode.OFF) {
            // An event upload starting, or an alarm raised before the camera sent any video: its clip starts now.
            openClip(frame.time(), serverTime, camera);
        }
        if (mode == RecordingMode.CONTINUOUS) {
            segment = segmentFor(frame, key, serverTime, camera);
            segment = write(segment, frame, serverTime, camera);
        }
        if (clip != null) {
            if (openAlarms.isEmpty() && frame.time() > clipEndsAt) {
                clip = finish(clip);
                clipAlarms.clear();
            } else {
                if (key && (frame.time() - clip.startTime() > MAX_CLIP_MILLIS || !clip.fits(sets))) {
                    clip = finish(clip);
                    clip = open(RecordingKind.CLIP, frame.time(), serverTime, camera);
                    clipAlarms.forEach(ref -> clip.addAlarm(ref));
                }
                clip = write(clip, frame, serverTime, camera);
            }
        }
        lastTime = Math.max(lastTime, frame.time());
        lastServerTime = serverTime;
        lastCameraTime = camera;
    }

    /** An alarm of this camera started: its clip opens, with its pre-record, or the open clip takes it. */
    @Override
    public void alarmStarted(String ref) {
        if (mode == RecordingMode.OFF) {
            return;
        }
        openAlarms.add(ref);
        clipAlarms.add(ref);
        if (clip == null && lastTime >= 0) {
            openClip(lastTime, lastServerTime, lastCameraTime);
        }
        if (clip != null) {
            clip.addAlarm(ref);
        }
    }

    /** An alarm ended: its clip goes on for {@code postRecord}, then closes unless another alarm started. */
    @Override
    public void alarmEnded(String ref) {
        if (openAlarms.remove(ref)) {
            endPending = true;
        }
    }

    @Override
    public void close() {
        segment = finish(segment);
        clip = finish(clip);
        openAlarms.clear();
        clipAlarms.clear();
    }

    @Override
    public long failures() {
        return files.failures();
    }

    @Override
    public long closedFiles() {
        return files.closedFiles();
    }

    private OpenFile segmentFor(MediaFrame frame, boolean key, long serverTime, long camera) {
        if (!key) {
            return segment;
        }
        if (segment != null && (frame.time() - segment.startTime() >= settings.segmentLength().toMillis()
                || !segment.fits(sets))) {
            segment = finish(segment);
        }
        return segment == null ? open(RecordingKind.CONTINUOUS, frame.time(), serverTime, camera) : segment;
    }

    /** Opens the clip with the ring's pre-record: every frame up to the last one this recorder saw. */
    private void openClip(long time, long serverTime, long camera) {
        long from = time - settings.preRecord().toMillis();
        long upTo = lastTime;
        for (Gop gop : ring.since(from)) {
            for (MediaFrame earlier : gop.frames()) {
                if (earlier.time() > upTo) {
                    break;
                }
                long back = time - earlier.time(); // the ring keeps no arrival times: the timeline gives them
                if (clip == null) {
                    clip = files.open(gop.parameterSets(), RecordingKind.CLIP, earlier.time(), serverTime - back,
                            camera - back);
                }
                clip = write(clip, earlier, serverTime - back, camera - back);
            }
        }
        if (clip == null) {
            clip = open(RecordingKind.CLIP, time, serverTime, camera);
        }
        clipAlarms.forEach(ref -> clip.addAlarm(ref));
    }

    private OpenFile open(RecordingKind kind, long time, long serverTime, long camera) {
        return files.open(sets, kind, time, serverTime, camera);
    }

    private OpenFile write(OpenFile file, MediaFrame frame, long serverTime, long camera) {
        return files.write(file, frame, serverTime, camera);
    }

    private OpenFile finish(OpenFile file) {
        return files.finish(file);
    }
}
