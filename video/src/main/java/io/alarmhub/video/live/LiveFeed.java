package io.alarmhub.video.live;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.codec.ParameterSets;
import io.alarmhub.video.ring.CameraRing;
import io.alarmhub.video.ring.Gop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One camera's live fan-out: its connection feeds frames in through {@link #publish}, which keeps them in the
 * camera's {@link CameraRing} and hands them to every viewer that can take them (see {@code package-info}).
 *
 * <p>Thread-safe. One lock orders publishing, joining and leaving, so a viewer that joins gets the ring's last GOP
 * and then every frame after it, none twice and none missing. Viewers are called with it held.
 */
public final class LiveFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private final CameraRing ring;
    private final int maxViewers;
    private final Audience audience;
    private final Object lock = new Object();
    private final Map<Viewer, Seat> seats = new IdentityHashMap<>();
    /** The sets for the next keyframe; null until the camera has sent any. */
    private ParameterSets inForce;

    /**
     * @param ring       the camera's ring: written only through this feed
     * @param maxViewers how many may watch this camera at once, at least 1
     * @param audience   told of the first viewer and the last one leaving
     */
    public LiveFeed(CameraRing ring, int maxViewers, Audience audience) {
        if (maxViewers < 1) {
            throw new IllegalArgumentException("a live feed for " + maxViewers + " viewers");
        }
        this.ring = ring;
        this.maxViewers = maxViewers;
        this.audience = audience;
    }

    /** The camera's parameter sets, for its keyframes from now on. */
    public void parameterSets(ParameterSets sets) {
        synchronized (lock) {
            ring.parameterSets(sets);
            if (inForce == null || !inForce.sameAs(sets)) {
                inForce = sets;
            }
        }
    }

    /**
     * A frame from the camera: kept in the ring, then offered to each viewer. A frame the ring refuses (nothing to
     * decode it from, or no room) reaches no viewer, and viewers in its GOP wait for the next keyframe.
     */
    public void publish(MediaFrame frame) {
        synchronized (lock) {
            boolean kept = ring.add(frame);
            List<Seat> failed = new ArrayList<>(0);
            for (Seat seat : seats.values()) {
                if (!kept) {
                    seat.interrupt();
                } else if (!offer(seat, frame, inForce)) {
                    failed.add(seat);
                }
            }
            failed.forEach(seat -> remove(seat.viewer()));
        }
    }

    /**
     * Seats a viewer and sends it the GOP being received, parameter sets first, so its picture starts at once.
     *
     * @return its seat, the one it has when it is already seated; empty when the feed is full or the viewer failed
     *         while being sent that GOP
     */
    public Optional<Seat> join(Viewer viewer) {
        synchronized (lock) {
            Seat seated = seats.get(viewer);
            if (seated != null) {
                return Optional.of(seated);
            }
            if (seats.size() >= maxViewers) {
                return Optional.empty();
            }
            Seat seat = new Seat(viewer);
            Optional<Gop> gop = ring.lastKeyframeStart();
            if (gop.isPresent() && !sendGop(seat, gop.get())) {
                return Optional.empty();
            }
            seats.put(viewer, seat);
            if (seats.size() == 1) {
                audience.onFirstViewer();
            }
            return Optional.of(seat);
        }
    }

    /** Unseats a viewer; false when it was not seated. */
    public boolean leave(Viewer viewer) {
        synchronized (lock) {
            return remove(viewer);
        }
    }

    /** How many watch now. */
    public int viewers() {
        synchronized (lock) {
            return seats.size();
        }
    }

    private boolean sendGop(Seat seat, Gop gop) {
        for (MediaFrame frame : gop.frames()) {
            if (!offer(seat, frame, gop.parameterSets())) {
                return false;
            }
        }
        return true;
    }

    /** Offers a frame; false when the viewer threw, which says it is broken, not slow. */
    private static boolean offer(Seat seat, MediaFrame frame, ParameterSets sets) {
        try {
            seat.offer(frame, sets);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("live viewer {} failed and leaves the feed", seat.viewer(), e);
            return false;
        }
    }

    private boolean remove(Viewer viewer) {
        if (seats.remove(viewer) == null) {
            return false;
        }
        if (seats.isEmpty()) {
            audience.onLastViewerLeft();
        }
        return true;
    }
}
