package io.alarmhub.video.testing;

import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.codec.AnnexB;
import io.alarmhub.video.codec.ParameterSets;
import io.alarmhub.video.ingest.CameraPackage;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code TDMediaPackage}s a camera sends for a {@link CameraStream}: parameter sets before each keyframe, one
 * access unit per video package, A-law audio, {@code start_time} from {@code startTime} (wrapping at 32 bits) and
 * {@code ipcam_time} from {@code ipcamStart} (-1: none).
 */
public final class CameraPackages {

    private static final long WRAP = 1L << 32;

    private CameraPackages() {
    }

    public static List<CameraPackage> of(CameraStream stream, long startTime, long ipcamStart) {
        List<CameraPackage> packages = new ArrayList<>();
        ParameterSets sets = stream.sets();
        List<byte[]> group = new ArrayList<>(sets.vps());
        group.addAll(sets.sps());
        group.addAll(sets.pps());
        long videoSeq = 0;
        long audioSeq = 0;
        for (MediaFrame frame : stream.frames()) {
            long stamp = (startTime + frame.time()) % WRAP;
            long ipcam = ipcamStart < 0 ? -1 : ipcamStart + frame.time();
            if (frame instanceof VideoFrame video) {
                if (video.keyframe()) {
                    packages.add(new CameraPackage(CameraPackage.PARAMETER_SETS, false, AnnexB.withStartCodes(group),
                            stamp, videoSeq, ipcam, 0));
                }
                packages.add(new CameraPackage(CameraPackage.VIDEO, video.keyframe(),
                        AnnexB.withStartCodes(AnnexB.splitLengthPrefixed(video.units())), stamp, videoSeq++, ipcam, 0));
            } else {
                packages.add(new CameraPackage(CameraPackage.AUDIO, false, ((AudioFrame) frame).alaw(), stamp,
                        audioSeq++, ipcam, 0));
            }
        }
        return packages;
    }
}
