package io.alarmhub.server;

import com.google.protobuf.ByteString;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code TDMediaPackage}s a camera sends of a {@link VideoSource}, in time order (5.2.3): before each keyframe
 * its parameter sets ({@code package_type} 3, VPS, SPS and PPS after start codes), then each access unit
 * ({@code package_type} 2, {@code sync} 1 on keyframes); and the audio ({@code package_type} 1) in packets of 20
 * or 40 ms, interleaved by time. At one time the video comes first.
 *
 * <p>{@code start_time} is a 32-bit millisecond clock that starts where {@link Settings#startTime} says and wraps
 * to 0, as the document says it does; {@code seq_num} counts each {@code package_type} apart, wrapping at 2^32;
 * {@code ipcam_time} is the camera's UTC clock. One stream, read by one thread.
 */
public final class MediaPackets {

    public static final int AUDIO = 1;
    public static final int VIDEO = 2;
    public static final int PARAMETER_SETS = 3;

    private static final long UINT32 = 1L << 32;

    /**
     * How the stream's fields start.
     *
     * @param startTime   the first {@code start_time}, 0 to 2^32 − 1
     * @param ipcamStart  the camera's UTC ms at the first package: now for a live stream, the past for an SD card
     * @param controlFlag {@code control_flag} on every package (1 an event's upload, 2 a viewer's), or none
     * @param loop        whether the files start over at their end (each on its own)
     * @param firstSeqNum the first {@code seq_num} of each kind, 0 to 2^32 − 1
     */
    public record Settings(long startTime, long ipcamStart, OptionalInt controlFlag, boolean loop, long firstSeqNum) {

        public Settings {
            Objects.requireNonNull(controlFlag, "controlFlag");
            if (startTime < 0 || startTime >= UINT32 || firstSeqNum < 0 || firstSeqNum >= UINT32) {
                throw new IllegalArgumentException("start time " + startTime + " or seq_num " + firstSeqNum
                        + " is no uint32");
            }
        }

        /** A live stream from {@code start_time} 0 and {@code seq_num} 0, once through the files. */
        public static Settings live(long ipcamStart) {
            return new Settings(0, ipcamStart, OptionalInt.empty(), false, 0);
        }
    }

    /**
     * One package and when it is due.
     *
     * @param at milliseconds after the first package, on a clock that never wraps: when a live camera sends it
     */
    public record Packet(long at, Hedgw.TDMediaPackage media) {

        public int type() {
            return media.getPackageType();
        }
    }

    private final VideoSource source;
    private final Settings settings;
    private final long[] sent = new long[PARAMETER_SETS + 1];
    /** Holds at most a keyframe's two packages: its sets, then itself. */
    private final Deque<Packet> ready = new ArrayDeque<>(2);
    private long frame;
    private long audioPacket;

    public MediaPackets(VideoSource source, Settings settings) {
        this.source = Objects.requireNonNull(source, "source");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Whether the stream has video: an upload that starts then waits for a keyframe. */
    public boolean hasVideo() {
        return source.frames() > 0;
    }

    /** The next package; empty when the files have been sent (never with {@link Settings#loop}). */
    public Optional<Packet> next() {
        if (ready.isEmpty()) {
            boolean video = source.frames() > 0 && (settings.loop() || frame < source.frames());
            boolean audio = source.audioPackets() > 0 && (settings.loop() || audioPacket < source.audioPackets());
            long videoAt = video ? source.frameTime(frame) : Long.MAX_VALUE;
            long audioAt = audio ? audioPacket * source.audioPacketMillis() : Long.MAX_VALUE;
            if (video && videoAt <= audioAt) {
                VideoSource.Picture picture = source.picture(frame++);
                if (picture.keyframe()) {
                    ready.add(packet(PARAMETER_SETS, 0, picture.sets(), videoAt));
                }
                ready.add(packet(VIDEO, picture.keyframe() ? 1 : 0, picture.data(), videoAt));
            } else if (audio) {
                ready.add(packet(AUDIO, 0, source.audioPacket(audioPacket++), audioAt));
            }
        }
        return Optional.ofNullable(ready.poll());
    }

    private Packet packet(int type, int sync, ByteString data, long at) {
        long seq = (settings.firstSeqNum() + sent[type]++) % UINT32;
        Hedgw.TDMediaPackage.Builder media = Hedgw.TDMediaPackage.newBuilder()
                .setPackageType(type)
                .setSync(sync)
                .setData(data)
                .setDataSize(data.size())
                .setStartTime((int) ((settings.startTime() + at) % UINT32))
                .setSeqNum((int) seq)
                .setIpcamTime(settings.ipcamStart() + at);
        settings.controlFlag().ifPresent(media::setControlFlag);
        return new Packet(at, media.build());
    }
}
