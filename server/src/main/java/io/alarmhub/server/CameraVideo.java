package io.alarmhub.server;

import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A simulated camera's upload: sends the packages of {@link MediaPackets} on its HEDGW connection, each when it is
 * due ({@link Pacing}), on a thread of its own, until they end or it is stopped; counts what it sent.
 *
 * <p>On the live channel it keeps the rule of 5.2.3 and 5.2.9.1: a camera whose plan is 2 ("expired", from the
 * login answer's {@code device_status} or a {@code DevServerCmd} type 7) uploads only while a viewer watches, from
 * a {@code DevAppCmd} type 8 to a type 9. Its stream goes on meanwhile, as a camera's encoder does, and what is
 * due then is withheld. An upload that starts waits for the next keyframe and its parameter sets, since the
 * document asks for them before a keyframe and a viewer can start nowhere else. On the SD-card channel (5.2.4) it
 * uploads whatever the plan: that is a recording being handed over, not a live stream.
 */
public final class CameraVideo implements AutoCloseable {

    /** The document's plan "expired" (服务过期). */
    public static final int PLAN_EXPIRED = 2;
    /** {@code DevServerCmd.type}: the plan changed. */
    public static final int PLAN_CHANGED = 7;
    /** {@code DevAppCmd.type}: a viewer started watching, and stopped. */
    public static final int VIEWER_STARTED = 8;
    public static final int VIEWER_STOPPED = 9;

    /** Where a package goes: {@link HedgwCamera#sendMedia}, or a test's list. */
    @FunctionalInterface
    public interface Sender {
        void send(Hedgw.TDMediaPackage media) throws IOException;
    }

    /** When a package may go. */
    @FunctionalInterface
    public interface Pacing {

        /** Returns once the package due {@code at} ms after the first may be sent. */
        void awaitDue(long at) throws InterruptedException;

        /** As a live camera: each package at its time, the first at once. */
        static Pacing realTime() {
            return new Pacing() {
                private long origin = Long.MIN_VALUE;

                @Override
                public void awaitDue(long at) throws InterruptedException {
                    if (origin == Long.MIN_VALUE) {
                        origin = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(at);
                    }
                    long wait = origin + TimeUnit.MILLISECONDS.toNanos(at) - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // the simulator's real time, not a test's
                    }
                }
            };
        }

        /** As a camera emptying its SD card: as fast as the connection takes them. */
        static Pacing unpaced() {
            return at -> { };
        }
    }

    /** Which HEDGW channel the camera logged in on ({@code channel_id}). */
    public enum Channel {
        LIVE,
        SD_CARD
    }

    /** What was sent so far, and what was due while the camera did not upload. */
    public record Sent(long parameterSets, long frames, long keyframes, long audioPackets, long bytes,
                       long withheld) {

        static final Sent NONE = new Sent(0, 0, 0, 0, 0, 0);

        /** Packages sent. */
        public long packages() {
            return parameterSets + frames + audioPackets;
        }

        Sent plus(Hedgw.TDMediaPackage media) {
            int type = media.getPackageType();
            return new Sent(parameterSets + (type == MediaPackets.PARAMETER_SETS ? 1 : 0),
                    frames + (type == MediaPackets.VIDEO ? 1 : 0),
                    keyframes + (type == MediaPackets.VIDEO && media.getSync() == 1 ? 1 : 0),
                    audioPackets + (type == MediaPackets.AUDIO ? 1 : 0), bytes + media.getData().size(), withheld);
        }

        Sent withheldOne() {
            return new Sent(parameterSets, frames, keyframes, audioPackets, bytes, withheld + 1);
        }

        /** The simulator's closing line. */
        @Override
        public String toString() {
            return "sent " + packages() + " packages: " + parameterSets + " parameter sets, " + frames + " frames ("
                    + keyframes + " keyframes), " + audioPackets + " audio packets, " + bytes + " bytes; " + withheld
                    + " withheld";
        }
    }

    private final MediaPackets packets;
    private final Sender sender;
    private final Pacing pacing;
    private final Channel channel;
    private final Consumer<String> lines;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread thread = new Thread(this::run, "hemu-camera-video");
    private volatile int plan = -1;
    private volatile boolean watched;
    private volatile boolean stopped;
    /** Written by the sending thread only. */
    private volatile Sent sent = Sent.NONE;
    private volatile Optional<IOException> failure = Optional.empty();

    /** @param lines hears of each change in what it uploads, one line each */
    public CameraVideo(MediaPackets packets, Sender sender, Pacing pacing, Channel channel, Consumer<String> lines) {
        this.packets = Objects.requireNonNull(packets, "packets");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.pacing = Objects.requireNonNull(pacing, "pacing");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.lines = Objects.requireNonNull(lines, "lines");
        thread.setDaemon(true);
    }

    /** Takes the plan the login answer told; a new login has no viewer yet. */
    public void loggedIn(Hedgw.DevLoginResp answer) {
        if (answer.hasDeviceStatus()) {
            plan(answer.getDeviceStatus());
        }
        watched = false;
    }

    /** Takes what the server says that bears on the upload: a new plan, a viewer starting or stopping. */
    public void heard(Hedgw.HEDGWMessage message) {
        if (message.getMessageType() == MessageType.DevServerCmd && message.hasDevServerCmd()
                && message.getDevServerCmd().getType() == PLAN_CHANGED && message.getDevServerCmd().hasDeviceStatus()) {
            plan(message.getDevServerCmd().getDeviceStatus());
        } else if (message.getMessageType() == MessageType.DevAppCmd && message.hasDevAppCmd()) {
            int type = message.getDevAppCmd().getType();
            if (type == VIEWER_STARTED || type == VIEWER_STOPPED) {
                watched = type == VIEWER_STARTED;
            }
        }
    }

    /** Whether what falls due now is uploaded. */
    public boolean uploads() {
        return channel == Channel.SD_CARD || plan != PLAN_EXPIRED || watched;
    }

    public CameraVideo start() {
        thread.start();
        return this;
    }

    public Sent sent() {
        return sent;
    }

    /** Whether it has ended: the packages ran out, it was stopped, or sending failed. */
    public boolean finished() {
        return finished.getCount() == 0;
    }

    /** Waits at most {@code wait} for it to end; true when it has. */
    public boolean awaitFinished(Duration wait) throws InterruptedException {
        return finished.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why sending ended, when the connection failed under it. */
    public Optional<IOException> failure() {
        return failure;
    }

    /** Stops sending; a package being written is finished, or fails when the connection is closed. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }

    private void plan(int status) {
        plan = status;
        if (status == PLAN_EXPIRED && channel == Channel.LIVE) {
            lines.accept("plan " + status + " (expired): uploading only while a viewer watches (DevAppCmd 8 to 9)");
        }
    }

    private void run() {
        boolean uploading = false;
        boolean awaitingKeyframe = true;
        try {
            Optional<MediaPackets.Packet> next;
            while (!stopped && (next = packets.next()).isPresent()) {
                MediaPackets.Packet packet = next.get();
                pacing.awaitDue(packet.at());
                boolean now = uploads();
                if (now != uploading) {
                    awaitingKeyframe = now && packets.hasVideo();
                    lines.accept(now ? "uploading" + (awaitingKeyframe ? " from the next keyframe" : "")
                            : "not uploading: no viewer watches");
                    uploading = now;
                }
                awaitingKeyframe &= packet.type() != MediaPackets.PARAMETER_SETS;
                if (!uploading || awaitingKeyframe) {
                    sent = sent.withheldOne();
                } else {
                    sender.send(packet.media());
                    sent = sent.plus(packet.media());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped: the thread ends here
        } catch (IOException e) {
            if (!stopped) {
                failure = Optional.of(e);
            }
        } finally {
            finished.countDown();
        }
    }
}
