package io.alarmhub.video.record;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.codec.ParameterSets;
import io.alarmhub.video.mp4.FlacTrack;
import java.util.Optional;

/**
 * Records what a camera uploads from its SD card ({@code channel_id} 1, 5.2.4): the media it cached while it was
 * cut off, sent when it is back, each package with the {@code ipcam_time} it was made at. Every frame goes into
 * files of kind {@link RecordingKind#SD_CARD}, cut like continuous segments; their "server" times are the camera's
 * {@code ipcam_time}s (the arrival time when a package has none), so that in the index they fill the gap the
 * outage left in the camera's timeline rather than sit at the moment of the upload. Runs on the recorder thread.
 *
 * <p>A card holds separate stretches (with {@code sd_upload_mode} 2, one per event): a step of more than
 * {@link #MAX_GAP_MILLIS} between two frames, on either the package clock or the camera's, ends the file, and
 * the next one starts at the next keyframe. Without it the last frame before the gap would last the whole gap.
 */
public final class SdCardRecorder implements Recorder {

    /** Frames further apart than this belong to different stretches of the card. */
    static final long MAX_GAP_MILLIS = 2_000;

    private final RecorderSettings settings;
    private final RecordingFiles files;
    private RecordingMode mode;
    private ParameterSets sets;
    private OpenFile file;
    private long lastTime;
    private long lastCameraTime;

    /**
     * @param mode what the camera's plan records: {@link RecordingMode#OFF} (plans 2 and 44) keeps nothing, any
     *             other mode keeps every frame uploaded
     */
    public SdCardRecorder(String deviceId, RecordingMode mode, Optional<FlacTrack> audio, RecorderSettings settings,
                          RecordingCatalog catalog) {
        this.mode = mode;
        this.settings = settings;
        this.files = new RecordingFiles(deviceId, settings, catalog, audio);
    }

    @Override
    public void parameterSets(ParameterSets sets) {
        this.sets = sets;
    }

    @Override
    public void frame(MediaFrame frame, long serverTime, long cameraTime, int controlFlag) {
        if (mode == RecordingMode.OFF) {
            return;
        }
        long at = cameraTime >= 0 ? cameraTime : serverTime;
        boolean key = frame instanceof VideoFrame video && video.keyframe();
        if (file != null && (jumped(frame.time(), at) || key && full(frame.time()))) {
            file = files.finish(file);
        }
        if (file == null && key) {
            file = files.open(sets, RecordingKind.SD_CARD, frame.time(), at, at);
        }
        if (file != null) {
            file = files.write(file, frame, at, at);
            lastTime = frame.time();
            lastCameraTime = at;
        }
    }

    @Override
    public void mode(RecordingMode next) {
        mode = next;
        if (mode == RecordingMode.OFF) {
            file = files.finish(file);
        }
    }

    @Override
    public void close() {
        file = files.finish(file);
    }

    @Override
    public long failures() {
        return files.failures();
    }

    @Override
    public long closedFiles() {
        return files.closedFiles();
    }

    /** Whether the frame is of another stretch than the last one written: a step on either clock. */
    private boolean jumped(long time, long cameraTime) {
        long step = time - lastTime;
        long cameraStep = cameraTime - lastCameraTime;
        return Math.abs(step) > MAX_GAP_MILLIS || Math.abs(cameraStep - step) > MAX_GAP_MILLIS;
    }

    /** Whether the file is a segment long at a keyframe of {@code time}, or that keyframe needs other sets. */
    private boolean full(long time) {
        return time - file.startTime() >= settings.segmentLength().toMillis() || !file.fits(sets);
    }
}
