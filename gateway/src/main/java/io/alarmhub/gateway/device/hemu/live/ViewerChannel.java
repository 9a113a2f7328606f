package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.gateway.device.hemu.live.Transport.Ending;
import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.codec.ParameterSets;
import io.alarmhub.video.flv.AudioMode;
import io.alarmhub.video.flv.FlvMuxer;
import io.alarmhub.video.live.Seat;
import io.alarmhub.video.live.Viewer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

import java.util.Optional;

/**
 * A live viewer on a Netty connection: the feed's frames, muxed into this viewer's FLV, written as chunks of its
 * HTTP response or as WebSocket binary messages.
 *
 * <p>The feed calls it on the camera's thread (and on the connection's loop while it joins), holding the feed's lock,
 * one call at a time; so the muxer needs no lock of its own, and nothing here may block. {@link Channel#write} from that thread is safe: Netty queues the
 * write onto the connection's event loop, in order. {@link #ready()} is the channel's writability, which the
 * write buffer watermarks drive: the answer may be stale by the time the frame is written, so the connection
 * holds at most the high watermark and one more frame (the feed asks before each frame and skips the rest of the
 * GOP once the answer is no). A viewer that stops reading therefore holds a bounded buffer, never a queue.
 */
final class ViewerChannel implements Viewer {

    private final Channel channel;
    private final String deviceId;
    private final Transport transport;
    private final AudioMode audio;
    // Confined to the feed's lock (see above).
    private final FlvMuxer muxer = new FlvMuxer();
    private volatile Optional<Seat> seat = Optional.empty();

    ViewerChannel(Channel channel, String deviceId, Transport transport, AudioMode audio) {
        this.channel = channel;
        this.deviceId = deviceId;
        this.transport = transport;
        this.audio = audio;
    }

    @Override
    public boolean ready() {
        return channel.isWritable();
    }

    /** The FLV's start before the first keyframe (header, metadata, sequence headers), new sequence headers later. */
    @Override
    public void parameterSets(ParameterSets sets) {
        try {
            // Flushed with the keyframe that follows.
            write(muxer.started() ? muxer.parameterSets(sets) : muxer.start(sets, audio), false);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public void send(MediaFrame frame) {
        try {
            write(muxer.frame(frame), true);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * Closes the connection of a viewer whose stream cannot go on (a frame FLV cannot carry, the camera switching
     * codecs), and gives the failure back to the feed, which makes the viewer leave and logs why.
     */
    private RuntimeException failed(RuntimeException e) {
        channel.close();
        return e;
    }

    private void write(byte[] flv, boolean flush) {
        if (flv.length == 0) {
            return; // audio of a viewer that takes none
        }
        // A write after the connection closed fails quietly: the feed hears of the close when it is told to leave.
        Object piece = transport.piece(Unpooled.wrappedBuffer(flv));
        if (flush) {
            channel.writeAndFlush(piece);
        } else {
            channel.write(piece);
        }
    }

    /**
     * Ends the stream and closes the connection, after what is already written; from any thread. Run as a task of
     * the connection's loop, so that it follows the writes the camera's thread has queued there.
     */
    void end(Ending ending) {
        channel.eventLoop().execute(() -> channel.writeAndFlush(transport.end(ending))
                .addListener(ChannelFutureListener.CLOSE));
    }

    /** Its place at the feed, once it has joined. */
    void seated(Seat seat) {
        this.seat = Optional.of(seat);
    }

    /** GOPs the feed skipped for it because its connection was not writable. */
    long skippedGops() {
        return seat.map(Seat::skippedGops).orElse(0L);
    }

    String deviceId() {
        return deviceId;
    }

    Transport transport() {
        return transport;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "live viewer of " + deviceId + " at " + channel.remoteAddress() + " (" + transport.word() + ")";
    }
}
