package io.alarmhub.video.ring;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.codec.ParameterSets;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * One camera's recent frames as whole GOPs, bounded by time, by its own bytes and by a budget shared with all other
 * cameras (see {@code package-info} for which wins).
 *
 * <p>One thread adds (the camera's connection), any thread reads; reads return immutable copies.
 */
public final class CameraRing {

    /**
     * What the ring counts per frame beyond its media bytes, for the objects around them: an estimate that also
     * keeps a flood of empty frames bounded.
     */
    public static final int FRAME_OVERHEAD = 64;

    private final long retainMillis;
    private final long maxBytes;
    private final RingBudget budget;
    private final Object lock = new Object();

    private final ArrayDeque<Held> closed = new ArrayDeque<>();
    private long closedBytes;
    private final List<MediaFrame> current = new ArrayList<>();
    private long currentBytes;
    private ParameterSets currentSets;
    /** The sets for the next keyframe; null until the camera has sent any. */
    private ParameterSets inForce;
    /** The GOP being received could not grow: its tail is dropped up to the next keyframe. */
    private boolean cut;

    private volatile long droppedUndecodable;
    private volatile long droppedOverBounds;
    private volatile long cutGops;

    /**
     * @param retain   how far back the ring reaches at least when memory allows: the pre-record of an event clip
     *                 (the GOP covering that point is kept too, so a clip can start on its keyframe)
     * @param maxBytes the most this camera's ring holds, more than 0
     * @param budget   the bytes all cameras' rings share
     */
    public CameraRing(Duration retain, long maxBytes, RingBudget budget) {
        if (retain.isNegative() || maxBytes <= 0) {
            throw new IllegalArgumentException("a ring of " + retain + " and " + maxBytes + " bytes");
        }
        this.retainMillis = retain.toMillis();
        this.maxBytes = maxBytes;
        this.budget = budget;
    }

    /** The parameter sets for the keyframes from now on; sets equal to those in force change nothing. */
    public void parameterSets(ParameterSets sets) {
        synchronized (lock) {
            if (inForce == null || !inForce.sameAs(sets)) {
                inForce = sets;
            }
        }
    }

    /**
     * Keeps a frame, in arrival order; times must not run back (the timeline sees to that).
     *
     * @return whether it was kept: not when nothing before it can decode it (no keyframe yet, or no parameter sets
     *         for that keyframe), nor when the bounds leave no room for it or cut its GOP
     */
    public boolean add(MediaFrame frame) {
        synchronized (lock) {
            if (frame instanceof VideoFrame video && video.keyframe()) {
                return startGop(video);
            }
            if (cut) {
                droppedOverBounds++;
                return false;
            }
            if (current.isEmpty()) {
                droppedUndecodable++;
                return false;
            }
            return append(frame);
        }
    }

    /** The GOP being received, as far as it has come: what a new live viewer is sent first. */
    public Optional<Gop> lastKeyframeStart() {
        synchronized (lock) {
            return current.isEmpty() ? Optional.empty() : Optional.of(new Gop(currentSets, current));
        }
    }

    /**
     * The GOPs from the last one starting at or before {@code time} on (all of them when {@code time} is before the
     * oldest): an event clip's pre-record, which must begin on a keyframe.
     */
    public List<Gop> since(long time) {
        synchronized (lock) {
            List<Gop> gops = new ArrayList<>(closed.size() + 1);
            closed.forEach(held -> gops.add(held.gop()));
            if (!current.isEmpty()) {
                gops.add(new Gop(currentSets, current));
            }
            int from = 0;
            for (int i = 1; i < gops.size() && gops.get(i).start() <= time; i++) {
                from = i;
            }
            return List.copyOf(gops.subList(from, gops.size()));
        }
    }

    /** Forgets everything, parameter sets too, and gives its bytes back to the budget: the camera went away. */
    public void clear() {
        synchronized (lock) {
            budget.release(closedBytes + currentBytes);
            closed.clear();
            closedBytes = 0;
            current.clear();
            currentBytes = 0;
            currentSets = null;
            inForce = null;
            cut = false;
        }
    }

    /** The bytes it holds, {@link #FRAME_OVERHEAD} per frame included. */
    public long bytes() {
        synchronized (lock) {
            return closedBytes + currentBytes;
        }
    }

    /** Frames dropped because nothing before them could decode them: no keyframe yet, or no parameter sets. */
    public long droppedUndecodable() {
        return droppedUndecodable;
    }

    /** Frames dropped for the bounds: the first that did not fit, and the rest of its GOP. */
    public long droppedOverBounds() {
        return droppedOverBounds;
    }

    /** GOPs whose tail (or all of which) the bounds dropped. */
    public long cutGops() {
        return cutGops;
    }

    private boolean startGop(VideoFrame keyframe) {
        closeCurrent();
        cut = false;
        if (inForce == null) {
            droppedUndecodable++;
            return false;
        }
        currentSets = inForce;
        return append(keyframe);
    }

    private boolean append(MediaFrame frame) {
        long size = (long) frame.bytes() + FRAME_OVERHEAD;
        long currentStart = current.isEmpty() ? frame.time() : current.get(0).time();
        trimOlderThan(frame.time() - retainMillis, currentStart);
        if (!makeRoom(size)) {
            cut = true;
            cutGops++;
            droppedOverBounds++;
            return false;
        }
        current.add(frame);
        currentBytes += size;
        return true;
    }

    /** Drops the oldest GOPs that end at or before {@code horizon}: the one covering it stays. */
    private void trimOlderThan(long horizon, long currentStart) {
        while (!closed.isEmpty()) {
            Iterator<Held> oldest = closed.iterator();
            oldest.next();
            long nextStart = oldest.hasNext() ? oldest.next().gop().start() : currentStart;
            if (nextStart > horizon) {
                return;
            }
            dropOldest();
        }
    }

    /** Drops old GOPs until {@code size} more bytes fit both bounds; false when even all of them are not enough. */
    private boolean makeRoom(long size) {
        while (closedBytes + currentBytes + size > maxBytes) {
            if (closed.isEmpty()) {
                return false;
            }
            dropOldest();
        }
        while (!budget.reserve(size)) {
            if (closed.isEmpty()) {
                return false;
            }
            dropOldest();
        }
        return true;
    }

    private void dropOldest() {
        Held oldest = closed.removeFirst();
        closedBytes -= oldest.bytes();
        budget.release(oldest.bytes());
    }

    private void closeCurrent() {
        if (!current.isEmpty()) {
            closed.addLast(new Held(new Gop(currentSets, current), currentBytes));
            closedBytes += currentBytes;
            current.clear();
            currentBytes = 0;
        }
    }

    /** A closed GOP and the bytes it was counted at. */
    private record Held(Gop gop, long bytes) {
    }
}
