package io.alarmhub.video.live;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.codec.ParameterSets;
import io.alarmhub.video.ring.CameraRing;
import io.alarmhub.video.ring.Gop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Optional;

/**
 * One camera's live fan-out: its connection feeds frames in through {@link #publish}, which keeps them in the
 * camera's {@link CameraRing} and hands them to every viewer that can take them (see {@code package-info}).
 *
 * <p>Thread-safe. One lock orders publishing, joining and leaving, so a viewer that joins gets the ring's last GOP
 * and then every frame after it, none twice and none missing. Viewers are called with it held; one that leaves from
 * inside a call (a failed write whose listener runs at once) is safe, since publishing walks a copy of the seats.
 */
public final class LiveFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private final CameraRing ring;
    private final int maxViewers;
    private final Audience audience;
    private final Object lock = new Object();
    /** Replaced, never changed, on join and leave: few viewers, many frames. */
    private Seat[] seats = new Seat[0];
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
            for (Seat seat : seats) {
                if (!kept) {
                    seat.interrupt();
                } else if (!offer(seat, frame, inForce)) {
                    remove(seat.viewer());
                }
            }
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
            int seated = indexOf(viewer);
            if (seated >= 0) {
                return Optional.of(seats[seated]);
            }
            if (seats.length >= maxViewers) {
                return Optional.empty();
            }
            Seat seat = new Seat(viewer);
            Optional<Gop> gop = ring.lastKeyframeStart();
            if (gop.isPresent() && !sendGop(seat, gop.get())) {
                return Optional.empty();
            }
            seats = Arrays.copyOf(seats, seats.length + 1);
            seats[seats.length - 1] = seat;
            if (seats.length == 1) {
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
            return seats.length;
        }
    }

    /** Where the viewer sits, by identity: a viewer's equals is none of the feed's business. */
    private int indexOf(Viewer viewer) {
        for (int i = 0; i < seats.length; i++) {
            if (seats[i].viewer() == viewer) {
                return i;
            }
        }
        return -1;
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
        int index = indexOf(viewer);
        if (index < 0) {
            return false;
        }
        seats[index].leave();
        Seat[] rest = new Seat[seats.length - 1];
        System.arraycopy(seats, 0, rest, 0, index);
        System.arraycopy(seats, index + 1, rest, index, rest.length - index);
        seats = rest;
        if (seats.length == 0) {
            audience.onLastViewerLeft();
        }
        return true;
    }
}
