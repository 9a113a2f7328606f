package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.gateway.device.hemu.VideoMeters;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.plan.PlanBook;
import io.alarmhub.gateway.device.hemu.recordings.CameraThumbnails;
import io.alarmhub.video.AudioCodec;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoException;
import io.alarmhub.video.hub.CameraSession;
import io.alarmhub.video.hub.VideoHub;
import io.alarmhub.video.ingest.CameraPackage;
import io.alarmhub.video.live.Audience;
import io.alarmhub.video.record.RecordingMode;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;


/**
 * The HEDGW side of cameras' video: a camera's live connection opens its {@link CameraSession} in the node's
 * {@link VideoHub} (its SD-card connection one of its own), its {@code TDMediaPackage}s feed it, and the first and
 * last viewer of a camera whose plan does not upload all the time (2 expired, 3 event recording) are told to it as
 * {@code DevAppCmd} 8 and 9 (5.2.9.1), each followed by type 0 with the viewer count. Thumbnails
 * ({@code package_type} 5) go to {@link CameraThumbnails}.
 */
public final class HedgwMedia {

    private static final Logger log = LoggerFactory.getLogger(HedgwMedia.class);
    /** {@code src_device_id} of the server's own DevAppCmd: no app sent them. */
    static final String SOURCE = "alarmhub-live";

    private final VideoHub hub;
    private final PlanBook plans;
    private final VideoMeters meters;
    private final List<Consumer<String>> cameraGone = new CopyOnWriteArrayList<>();
    private final CameraThumbnails thumbnails;

    public HedgwMedia(VideoHub hub, PlanBook plans, VideoMeters meters, CameraThumbnails thumbnails) {
        this.hub = hub;
        this.plans = plans;
        this.meters = meters;
        this.thumbnails = thumbnails;
    }

    /** Told the device id of each camera whose video ended with its connection: its live viewers end too. */
    public void onCameraGone(Consumer<String> listener) {
        cameraGone.add(listener);
    }

    public VideoHub hub() {
        return hub;
    }

    /** A camera logged in on its live channel: its video session, for the codecs its login named. */
    CameraSession open(HedgwSessions.Session session) {
        MediaFormat media = session.media();
        String deviceId = session.deviceId();
        Channel connection = session.connection();
        int plan = plans.planOf(deviceId).status().code();
        return hub.open(deviceId, VideoCodec.ofVideoType(media.videoType()), AudioCodec.ofAudioType(media.audioType()),
                RecordingMode.ofPlan(plan), new Audience() {
                    @Override
                    public void onFirstViewer() {
                        liveRequest(deviceId, connection, 8, 1);
                    }

                    @Override
                    public void onLastViewerLeft() {
                        liveRequest(deviceId, connection, 9, 0);
                    }
                });
    }

    /**
     * A camera logged in on its SD card's channel to upload what it cached while cut off (5.2.4): a session of its
     * own, recorded at the camera's times when its plan records anything, and never live.
     */
    CameraSession openSdCard(HedgwSessions.Session session) {
        MediaFormat media = session.media();
        int plan = plans.planOf(session.deviceId()).status().code();
        return hub.openSdCard(session.deviceId(), VideoCodec.ofVideoType(media.videoType()),
                AudioCodec.ofAudioType(media.audioType()), RecordingMode.ofPlan(plan));
    }

    /** The plan of a camera changed: what its recorders keep follows it, live and SD card. */
    public void planChanged(String deviceId, int deviceStatus) {
        RecordingMode mode = RecordingMode.ofPlan(deviceStatus);
        hub.session(deviceId).ifPresent(s -> s.mode(mode));
        hub.sdCard(deviceId).ifPresent(s -> s.mode(mode));
    }

    /** One package of the camera's; one that cannot be read is counted and dropped. */
    void accept(CameraSession session, Hedgw.TDMediaPackage p) {
        int type = p.getPackageType();
        if (type == CameraPackage.THUMBNAIL) {
            meters.media("thumbnail");
            thumbnails.accept(session.deviceId(), p.hasIpcamTime() ? p.getIpcamTime() : -1, p.getData().toByteArray());
            return;
        }
        long lostBefore = session.lost();
        try {
            session.accept(new CameraPackage(type, p.getSync() == 1, p.getData().toByteArray(),
                    Integer.toUnsignedLong(p.getStartTime()), Integer.toUnsignedLong(p.getSeqNum()),
                    p.hasIpcamTime() ? p.getIpcamTime() : -1, p.hasControlFlag() ? p.getControlFlag() : 0));
            meters.media(type == CameraPackage.VIDEO ? "video" : type == CameraPackage.AUDIO ? "audio" : "sets");
        } catch (VideoException e) {
            meters.media("unreadable");
            log.debug("hemu: camera {} sent an unreadable media package: {}", session.deviceId(), e.getMessage());
        }
        meters.lost(session.lost() - lostBefore);
    }

    void close(CameraSession session) {
        meters.recorderDropped(session.recorderDropped());
        // An SD-card upload ending leaves the camera's live viewers watching.
        boolean live = hub.sdCard(session.deviceId()).filter(sd -> sd == session).isEmpty();
        session.close();
        if (live) {
            cameraGone.forEach(listener -> listener.accept(session.deviceId()));
        }
    }

    private void liveRequest(String deviceId, Channel connection, int type, int count) {
        int plan = plans.planOf(deviceId).status().code();
        if (plan != 2 && plan != 3) {
            return; // 5.2.9.1: a camera that uploads all the time does not heed them
        }
        meters.liveRequest(type);
        connection.writeAndFlush(HedgwMessages.liveView(type, SOURCE));
        connection.writeAndFlush(HedgwMessages.viewers(SOURCE, count));
    }
}
