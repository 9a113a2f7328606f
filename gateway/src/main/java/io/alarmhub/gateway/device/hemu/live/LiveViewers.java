package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.gateway.device.hemu.live.LiveRefusal.Reason;
import io.alarmhub.gateway.device.hemu.live.Transport.Ending;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The viewers of this node's live listener, by camera: the per-camera and whole-node limits, the counts the
 * metrics read, and the viewers to end when a camera goes. Thread-safe; every method is short and holds one lock.
 */
final class LiveViewers {

    private final int maxPerCamera;
    private final int maxInAll;
    private final Map<String, Set<ViewerChannel>> byCamera = new HashMap<>();
    private final Map<Transport, Integer> byTransport = new EnumMap<>(Transport.class);
    private int count;
    /** GOPs skipped for viewers that have left: with those of the viewers still here, a counter that never falls. */
    private long departedSkips;

    LiveViewers(int maxPerCamera, int maxInAll) {
        this.maxPerCamera = maxPerCamera;
        this.maxInAll = maxInAll;
        for (Transport transport : Transport.values()) {
            byTransport.put(transport, 0);
        }
    }

    /** Counts a viewer in; throws its refusal (503) when the node or its camera has no room. */
    synchronized void seat(ViewerChannel viewer) {
        if (count >= maxInAll) {
            throw new LiveRefusal(Reason.NODE_FULL,
                    "this server has its most live viewers (" + maxInAll + "), try again later");
        }
        Set<ViewerChannel> watching = byCamera.getOrDefault(viewer.deviceId(), Set.of());
        if (watching.size() >= maxPerCamera) {
            throw new LiveRefusal(Reason.CAMERA_FULL,
                    "this camera has its most live viewers (" + maxPerCamera + "), try again later");
        }
        byCamera.computeIfAbsent(viewer.deviceId(), id -> new LinkedHashSet<>()).add(viewer);
        byTransport.merge(viewer.transport(), 1, Integer::sum);
        count++;
    }

    /** Counts a viewer out, keeping its skipped GOPs; a viewer not counted in changes nothing. */
    synchronized void unseat(ViewerChannel viewer) {
        Set<ViewerChannel> watching = byCamera.get(viewer.deviceId());
        if (watching == null || !watching.remove(viewer)) {
            return;
        }
        if (watching.isEmpty()) {
            byCamera.remove(viewer.deviceId());
        }
        byTransport.merge(viewer.transport(), -1, Integer::sum);
        count--;
        departedSkips += viewer.skippedGops();
    }

    /** The viewers of one camera now. */
    synchronized List<ViewerChannel> watching(String deviceId) {
        return new ArrayList<>(byCamera.getOrDefault(deviceId, Set.of()));
    }

    /** Ends the streams of a camera whose connection ended; each viewer is counted out as its connection closes. */
    void cameraGone(String deviceId) {
        watching(deviceId).forEach(viewer -> viewer.end(Ending.CAMERA_GONE));
    }

    synchronized int count() {
        return count;
    }

    synchronized int count(Transport transport) {
        return byTransport.get(transport);
    }

    /** GOPs skipped for all viewers, past and present. */
    synchronized long skippedGops() {
        long skipped = departedSkips;
        for (Set<ViewerChannel> watching : byCamera.values()) {
            for (ViewerChannel viewer : watching) {
                skipped += viewer.skippedGops();
            }
        }
        return skipped;
    }
}
