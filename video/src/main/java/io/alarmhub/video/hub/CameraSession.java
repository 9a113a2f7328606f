package io.alarmhub.video.hub;

import io.alarmhub.video.ingest.CameraIngest;
import io.alarmhub.video.ingest.CameraPackage;
import io.alarmhub.video.live.LiveFeed;
import io.alarmhub.video.record.RecorderQueue;
import io.alarmhub.video.record.RecordingMode;
import io.alarmhub.video.ring.CameraRing;

/**
 * One camera connection's video: packages in, alarms and plan changes told, closed with the connection. Fed by
 * the connection's thread.
 */
public final class CameraSession {

    private final String deviceId;
    private final CameraIngest ingest;
    private final CameraRing ring;
    private final RecorderQueue recorder;
    private final Runnable onClose;

    CameraSession(String deviceId, CameraIngest ingest, CameraRing ring, RecorderQueue recorder, Runnable onClose) {
        this.deviceId = deviceId;
        this.ingest = ingest;
        this.ring = ring;
        this.recorder = recorder;
        this.onClose = onClose;
    }

    public String deviceId() {
        return deviceId;
    }

    /**
     * One package.
     *
     * @throws io.alarmhub.video.VideoException when it cannot be read: the caller counts it and goes on
     */
    public void accept(CameraPackage p) {
        ingest.accept(p);
    }

    public void alarmStarted(String ref) {
        recorder.alarmStarted(ref);
    }

    public void alarmEnded(String ref) {
        recorder.alarmEnded(ref);
    }

    public void mode(RecordingMode mode) {
        recorder.mode(mode);
    }

    public LiveFeed feed() {
        return ingest.feed();
    }

    /** Packages lost on the way, by {@code seq_num}. */
    public long lost() {
        return ingest.lost();
    }

    /** Frames the recorder could not keep up with. */
    public long recorderDropped() {
        return recorder.dropped();
    }

    /** The connection ended: its files close, its ring gives its bytes back. */
    public void close() {
        recorder.close();
        ring.clear();
        onClose.run();
    }
}
