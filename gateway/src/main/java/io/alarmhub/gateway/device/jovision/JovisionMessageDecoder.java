package io.alarmhub.gateway.device.jovision;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;
import java.util.Optional;

/**
 * Turns each {@link JovisionFrame} into a {@link JovisionMessage}; bad lines become
 * {@link JovisionMessage.Malformed} values, never exceptions. Stateless, so one instance serves every
 * connection.
 *
 * <pre>
 * pipeline.addLast("frames", new JovisionFrameDecoder(16 * 1024));
 * pipeline.addLast("messages", JovisionMessageDecoder.INSTANCE);
 * pipeline.addLast("jovision", new JovisionHandler(...));
 * </pre>
 */
@ChannelHandler.Sharable
public final class JovisionMessageDecoder extends MessageToMessageDecoder<JovisionFrame> {

    public static final JovisionMessageDecoder INSTANCE = new JovisionMessageDecoder();

    private JovisionMessageDecoder() {
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, JovisionFrame frame, List<Object> out) {
        if (frame instanceof JovisionFrame.Line line) {
            out.add(JovisionMessage.parse(line.text()));
        } else if (frame instanceof JovisionFrame.Oversized oversized) {
            out.add(new JovisionMessage.Malformed(JovisionMessage.Malformed.Kind.OVERSIZED,
                    "line longer than " + oversized.maxBytes() + " bytes", Optional.empty(), Optional.empty(),
                    Optional.empty()));
        }
    }
}
