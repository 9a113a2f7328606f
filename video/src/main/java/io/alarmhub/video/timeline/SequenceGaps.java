package io.alarmhub.video.timeline;

import io.alarmhub.video.VideoException;

/**
 * What one kind of a camera's packages (audio, or video) says about itself through {@code seq_num}: how many were
 * lost, how many came again or late. One per kind per connection, fed by the connection's thread; the counters
 * may be read from any thread (metrics).
 *
 * <p>{@code seq_num} is uint32 and wraps. Against the highest number seen so far, a step forward of n means n-1
 * lost; a repeat or a step back is a duplicate or a late package, counted apart and not a loss (nor does it undo
 * one). A jump of more than {@link #MAX_GAP} either way is no loss either: the camera restarted its count, and
 * counting billions of lost packages would only hide the real ones.
 */
public final class SequenceGaps {

    /** The widest step still read as loss or lateness rather than a restarted count. */
    public static final long MAX_GAP = 3_000;

    private boolean seen;
    private long highest;
    private volatile long lost;
    private volatile long outOfOrder;
    private volatile long restarts;

    /**
     * Counts one package.
     *
     * @param seqNum its {@code seq_num}: 0..2^32-1, or the signed {@code int} protobuf makes of it
     * @throws VideoException when {@code seqNum} is no uint32
     */
    public void accept(long seqNum) {
        long seq = Uint32.of(seqNum, "seq_num");
        if (!seen) {
            seen = true;
            highest = seq;
            return;
        }
        long step = Uint32.nearest(highest, seq) - highest;
        if (step > MAX_GAP || step < -MAX_GAP) {
            restarts++;
            highest = seq;
        } else if (step > 0) {
            lost += step - 1;
            highest = seq;
        } else {
            outOfOrder++;
        }
    }

    /** Packages the numbers say never came. */
    public long lost() {
        return lost;
    }

    /** Packages that repeated a number or came after a higher one. */
    public long outOfOrder() {
        return outOfOrder;
    }

    /** Jumps too wide to be loss: the camera started counting again. */
    public long restarts() {
        return restarts;
    }
}
