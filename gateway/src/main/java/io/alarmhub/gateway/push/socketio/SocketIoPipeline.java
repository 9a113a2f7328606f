package io.alarmhub.gateway.push.socketio;

import com.corundumstudio.socketio.messages.PacketsMessage;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * netty-socketio's pipeline with two hooks it lacks, placed in front of its own handlers.
 * <ul>
 *   <li>Writability: past its write watermark a connection stops being read, so a client that does not
 *   read its answers cannot pile up more of them; once it drains, reading resumes and paused pushes
 *   are resumed.</li>
 *   <li>The moment a client's packets have been handled: an Engine.IO 4 client's namespace connect is
 *   acknowledged only then, and nothing may be emitted to it before (see {@link SocketIoConnection}).
 *   netty-socketio hands decoded packets on from the head of the pipeline, so a handler in front sees them.</li>
 * </ul>
 */
final class SocketIoPipeline extends ChannelInitializer<Channel> {

    private final ChannelHandler socketIo;
    private final WritabilityWatch writability;
    private final PacketsHandled packetsHandled;

    /**
     * @param socketIo netty-socketio's own channel initializer
     * @param drained  run when any connection drains below its watermark
     * @param handled  given the session id of a client once a batch of its packets has been handled
     */
    SocketIoPipeline(ChannelHandler socketIo, Runnable drained, Consumer<UUID> handled) {
        this.socketIo = socketIo;
        this.writability = new WritabilityWatch(drained);
        this.packetsHandled = new PacketsHandled(handled);
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(writability, packetsHandled, socketIo);
    }

    /** Toggles reading with writability, and reports every connection that drained. */
    @ChannelHandler.Sharable
    private static final class WritabilityWatch extends ChannelInboundHandlerAdapter {

        private final Runnable drained;

        WritabilityWatch(Runnable drained) {
            this.drained = drained;
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            boolean writable = ctx.channel().isWritable();
            ctx.channel().config().setAutoRead(writable);
            if (writable) {
                drained.run();
            }
            ctx.fireChannelWritabilityChanged();
        }
    }

    /** Passes packets on to netty-socketio, which handles them at once, then reports whose they were. */
    @ChannelHandler.Sharable
    private static final class PacketsHandled extends ChannelInboundHandlerAdapter {

        private final Consumer<UUID> handled;

        PacketsHandled(Consumer<UUID> handled) {
            this.handled = handled;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof PacketsMessage packets) {
                UUID session = packets.getClient().getSessionId();
                ctx.fireChannelRead(msg);
                handled.accept(session);
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }
}
