package io.alarmhub.gateway.device.hemu.reports;

import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Collects each camera's panorama pictures (5.2.11.7: {@code sequence} 1 to {@code count}) into a set, and
 * hands the set over once it is whole. One set per camera at a time: a picture of another {@code count} or for
 * another app ({@code dst_device_id}), or a new picture 1, starts a new set in place of the one being collected.
 * A picture sent again replaces the first. Held in memory within {@link PanoramaLimits}; what breaks a bound is
 * refused, and ends the camera's set, which could not be whole any more. No I/O and no clock of its own: the
 * caller says what time it is, so tests run it on virtual time. Safe for the connections' threads at once.
 */
public final class PanoramaAssembler {

    /** What became of a picture. */
    public sealed interface Outcome {
    }

    /** Kept; the set has {@code received} of its {@code count} pictures. */
    public record Kept(int received, int count) implements Outcome {
    }

    /** Kept, and the set is whole. */
    public record Complete(Panorama panorama) implements Outcome {
    }

    /**
     * Not kept.
     *
     * @param reason {@code too_many} (a {@code count} over the limit), {@code too_large} (the picture), or
     *               {@code busy} (too many sets, or too many bytes, at once)
     * @param why    for the log
     */
    public record Refused(String reason, String why) implements Outcome {
    }

    /**
     * A whole set.
     *
     * @param app      the app that asked for it ({@code dst_device_id}), when the camera said
     * @param started  when its first picture came
     * @param pictures pictures 1 to {@code count}, in order
     */
    public record Panorama(String deviceId, Optional<String> app, Instant started, List<byte[]> pictures) {
        public Panorama {
            pictures = List.copyOf(pictures);
        }
    }

    private final PanoramaLimits limits;
    private final Consumer<String> dropped;
    private final Map<String, Collecting> sets = new HashMap<>();
    private long bytes;

    /**
     * @param dropped told of each set dropped before it was whole: {@code timed_out}, {@code replaced} or
     *                {@code refused}; called while this assembler is locked, so it must not call back
     */
    public PanoramaAssembler(PanoramaLimits limits, Consumer<String> dropped) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.dropped = Objects.requireNonNull(dropped, "dropped");
    }

    /** Takes one picture of a camera's, first dropping the sets that timed out by {@code now}. */
    public synchronized Outcome offer(String deviceId, IpCamMessage.PanoramaPicture picture, Instant now) {
        expire(now);
        Collecting current = sets.get(deviceId);
        int size = picture.picture().length;
        if (picture.count() > limits.maxPictures()) {
            return refuse(current, "too_many", "a set of " + picture.count() + " pictures, more than "
                    + limits.maxPictures());
        }
        if (size > limits.maxPictureBytes()) {
            return refuse(current, "too_large", "a picture of " + size + " bytes, more than "
                    + limits.maxPictureBytes());
        }
        if (current != null && (current.pictures.length != picture.count() || !current.app.equals(picture.dstDeviceId())
                || picture.sequence() == 1 && current.pictures[0] != null)) {
            drop(current, "replaced");
            current = null;
        }
        if (current == null) {
            if (sets.size() >= limits.maxSets()) {
                return new Refused("busy", limits.maxSets() + " cameras are sending panoramas already");
            }
            current = new Collecting(deviceId, picture.dstDeviceId(), picture.count(), now);
            sets.put(deviceId, current);
        }
        byte[] before = current.pictures[picture.sequence() - 1];
        long after = bytes - (before == null ? 0 : before.length) + size;
        if (after > limits.maxBytes()) {
            return refuse(current, "busy", "the panoramas being collected hold " + bytes + " bytes already");
        }
        bytes = after;
        current.pictures[picture.sequence() - 1] = picture.picture();
        current.received += before == null ? 1 : 0;
        current.last = now;
        if (current.received < current.pictures.length) {
            return new Kept(current.received, current.pictures.length);
        }
        remove(current);
        return new Complete(new Panorama(deviceId, current.app, current.started, Arrays.asList(current.pictures)));
    }

    /**
     * Drops the sets none of whose pictures came within the timeout before {@code now}.
     *
     * @return the cameras whose sets went
     */
    public synchronized List<String> expire(Instant now) {
        List<String> expired = new ArrayList<>();
        Instant limit = now.minus(limits.timeout());
        for (Iterator<Collecting> it = sets.values().iterator(); it.hasNext(); ) {
            Collecting set = it.next();
            if (set.last.isBefore(limit)) {
                it.remove();
                bytes -= set.bytes();
                expired.add(set.deviceId);
                dropped.accept("timed_out");
            }
        }
        return expired;
    }

    /** How many sets are being collected. */
    public synchronized int collecting() {
        return sets.size();
    }

    /** How many bytes of pictures they hold. */
    public synchronized long bytes() {
        return bytes;
    }

    private Refused refuse(Collecting current, String reason, String why) {
        if (current != null) {
            drop(current, "refused");
        }
        return new Refused(reason, why);
    }

    private void drop(Collecting set, String result) {
        remove(set);
        dropped.accept(result);
    }

    private void remove(Collecting set) {
        sets.remove(set.deviceId);
        bytes -= set.bytes();
    }

    /** One camera's set so far. */
    private static final class Collecting {
        final String deviceId;
        final Optional<String> app;
        final byte[][] pictures;
        final Instant started;
        int received;
        Instant last;

        Collecting(String deviceId, Optional<String> app, int count, Instant now) {
            this.deviceId = deviceId;
            this.app = app;
            this.pictures = new byte[count][];
            this.started = now;
            this.last = now;
        }

        long bytes() {
            long sum = 0;
            for (byte[] picture : pictures) {
                sum += picture == null ? 0 : picture.length;
            }
            return sum;
        }
    }
}
