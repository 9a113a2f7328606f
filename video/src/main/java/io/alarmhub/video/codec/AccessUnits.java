package io.alarmhub.video.codec;

import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoException;
import io.alarmhub.video.VideoFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one camera's video packages into frames: parameter sets ({@code package_type} 3, or inline before a
 * keyframe) are kept apart and handed out when they change; each access unit ({@code package_type} 2) becomes a
 * {@link VideoFrame} of length-prefixed NAL units. One per camera stream, used by one thread.
 *
 * <p>A frame is a keyframe when it holds an IDR (H.264) or IRAP (H.265) slice, whatever its {@code sync} says:
 * a viewer started on a frame that is not one would see garbage until the next.
 */
public final class AccessUnits {

    /** Larger than any access unit a 4K camera sends at a sane bit rate. */
    public static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;

    private final VideoCodec codec;
    private final List<byte[]> vps = new ArrayList<>();
    private final List<byte[]> sps = new ArrayList<>();
    private final List<byte[]> pps = new ArrayList<>();
    private ParameterSets current;
    private boolean changed;

    public AccessUnits(VideoCodec codec) {
        this.codec = codec;
    }

    public VideoCodec codec() {
        return codec;
    }

    /** A {@code package_type} 3 package: each kind of set it holds replaces the sets of that kind held. */
    public void parameterSets(byte[] data) {
        List<byte[]> group = AnnexB.units(data);
        group.removeIf(unit -> !isSet(NalType.of(codec, unit)));
        adopt(group);
    }

    /** A {@code package_type} 2 package: one access unit at {@code time} on the camera's timeline. */
    public VideoFrame frame(long time, byte[] data) {
        if (data.length > MAX_FRAME_BYTES) {
            throw new VideoException("video frame of " + data.length + " bytes");
        }
        List<byte[]> picture = new ArrayList<>();
        List<byte[]> inline = new ArrayList<>();
        boolean key = false;
        for (byte[] unit : AnnexB.units(data)) {
            NalType type = NalType.of(codec, unit);
            if (isSet(type)) {
                inline.add(unit);
            } else {
                key |= type == NalType.KEY_PICTURE;
                picture.add(unit);
            }
        }
        adopt(inline);
        if (picture.isEmpty()) {
            throw new VideoException("video package without a picture");
        }
        return new VideoFrame(time, key, AnnexB.lengthPrefixed(picture));
    }

    /** The sets in force, once a complete group has arrived. */
    public Optional<ParameterSets> current() {
        return Optional.ofNullable(current);
    }

    /** The sets, when they changed since the last call: a writer then sends a new sequence header. */
    public Optional<ParameterSets> takeChanged() {
        if (!changed) {
            return Optional.empty();
        }
        changed = false;
        return Optional.of(current);
    }

    private static boolean isSet(NalType type) {
        return type == NalType.VPS || type == NalType.SPS || type == NalType.PPS;
    }

    /** Cameras resend their whole group: each kind present replaces what was held of that kind. */
    private void adopt(List<byte[]> group) {
        if (group.isEmpty()) {
            return;
        }
        for (NalType kind : List.of(NalType.VPS, NalType.SPS, NalType.PPS)) {
            List<byte[]> fresh = group.stream().filter(unit -> NalType.of(codec, unit) == kind).toList();
            if (!fresh.isEmpty()) {
                List<byte[]> held = kind == NalType.VPS ? vps : kind == NalType.SPS ? sps : pps;
                held.clear();
                held.addAll(fresh.subList(0, Math.min(fresh.size(), ParameterSets.MAX_SETS)));
            }
        }
        settle();
    }

    private void settle() {
        if (sps.isEmpty() || pps.isEmpty() || (codec == VideoCodec.H265 && vps.isEmpty())) {
            return;
        }
        ParameterSets next = new ParameterSets(codec, vps, sps, pps);
        next.format(); // a set that cannot be read is refused here, not by the first viewer
        if (current == null || !current.sameAs(next)) {
            current = next;
            changed = true;
        }
    }
}
