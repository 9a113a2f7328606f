package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.gateway.device.hemu.live.Transport.Ending;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * One talker's voice on its way to a camera's speaker: its messages cut into 20 ms of A-law ({@link TalkFrames}),
 * each frame an RTP packet ({@link RtpPackets}, with a random SSRC, first sequence number and timestamp) in a
 * package of its own numbering, sent on the camera's connection as soon as it is whole. The client sends in real
 * time, so nothing here paces or queues: a package the camera's connection cannot take is dropped and counted, and
 * a talk whose camera is no longer connected ends.
 *
 * <p>{@code start_time} is counted from the samples sent (20 ms a package), as the RTP timestamp is, rather than
 * read from a clock: it then says where each package belongs in the talk however the network bunched them.
 *
 * <p>Read on the talker's event loop only, except {@link #end}.
 */
final class TalkSession {

    private static final int SAMPLES_PER_MILLISECOND = 8;

    private final String deviceId;
    private final Channel channel;
    private final TalkLine line;
    private final TalkMetrics metrics;
    private final Clock clock;
    private final TalkFrames frames;
    private final RtpPackets rtp;
    private long samples;
    private int packages;
    private long sent;
    private long dropped;
    /** Whether its close frame has been written; on the connection's loop only. */
    private boolean ended;

    TalkSession(String deviceId, TalkFormat format, Channel channel, TalkLine line, TalkMetrics metrics, Clock clock,
                RandomGenerator random) {
        this.deviceId = deviceId;
        this.channel = channel;
        this.line = line;
        this.metrics = metrics;
        this.clock = clock;
        this.frames = new TalkFrames(format);
        this.rtp = new RtpPackets(random.nextInt(), random.nextInt(), random.nextInt());
    }

    /** Reads one message's sound (all of it), sending each 20 ms it completes. */
    void accept(ByteBuf sound) {
        frames.accept(sound, this::send);
    }

    private void send(byte[] alaw) {
        TalkPacket packet = new TalkPacket(rtp.next(alaw), (int) (samples / SAMPLES_PER_MILLISECOND), packages,
                clock.millis());
        samples += alaw.length;
        packages++;
        if (line.send(deviceId, packet)) {
            sent++;
            metrics.sent();
            return;
        }
        dropped++;
        metrics.dropped();
        // The camera may have gone between the check at the upgrade and the talker's seat: the end of its
        // connection would then have found no talk to end.
        if (!line.connected(deviceId)) {
            end(Ending.CAMERA_GONE);
        }
    }

    /**
     * Ends the talk with a close frame saying why, then closes the connection; from any thread, once. Run on the
     * connection's loop, after what it is doing.
     */
    void end(Ending why) {
        channel.eventLoop().execute(() -> {
            if (!ended) {
                ended = true;
                channel.writeAndFlush(new CloseWebSocketFrame(why.status(), why.reason()))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    String deviceId() {
        return deviceId;
    }

    /** Packages sent to the camera so far. */
    long sent() {
        return sent;
    }

    /** Packages the camera's connection could not take. */
    long dropped() {
        return dropped;
    }

    @Override
    public String toString() {
        return "talker to " + deviceId + " at " + channel.remoteAddress();
    }
}
